package dev.eventscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.ingest.Appender;
import dev.eventscope.ingest.EventInput;
import dev.eventscope.ingest.EventParts;
import dev.eventscope.ingest.ImportReport;
import dev.eventscope.ingest.Importer;
import dev.eventscope.inspect.EventBrowser;
import dev.eventscope.inspect.EventLookup;
import dev.eventscope.inspect.Where;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.AppendResult;
import dev.eventscope.store.StoreHead;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StreamQuery;
import dev.eventscope.store.StreamSummary;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Writing and reading events: {@code init}, {@code append}, {@code import}, {@code export},
 * {@code events} (a finite listing or a follow), {@code show} and {@code streams}. Reached through
 * {@link Engine#events()}; one thread at a time, as its engine.
 */
public final class EventService {

    private final Workspace workspace;

    EventService(Workspace workspace) {
        this.workspace = workspace;
    }

    // ------------------------------------------------------------------ init

    /** What {@link #init()} found or made: the store, whether it was created now, and its events. */
    public record InitResult(StoreLocator store, boolean created, long events) {}

    /** Creates the store when it does not exist; a store that exists is left as it is. */
    public InitResult init() {
        StoreLocator store = workspace.settings().db();
        boolean existed = workspace.stores().exists(store);
        StoreHead head = workspace.createStore().head();
        return new InitResult(store, !existed, head.events());
    }

    // ------------------------------------------------------------------ append

    /**
     * An append: the events (all of one batch, written atomically), the expected version of their
     * stream, and whether to check them against the model's JSON Schemas.
     */
    public record AppendOptions(List<NewEvent> events, ExpectedVersion expected, boolean validate) {
        public AppendOptions {
            events = List.copyOf(events);
            expected = expected == null ? ExpectedVersion.ANY : expected;
        }
    }

    /**
     * One event from its JSON (the input shape), read in the engine's zone with a payload limit
     * of {@code maxPayloadBytes}.
     *
     * @throws InvalidInputException when it is not a valid event
     */
    public NewEvent read(JsonNode event, int maxPayloadBytes) {
        try {
            return EventJson.read(event, readOptions(maxPayloadBytes));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid event: " + e.getMessage(), "see 'evs append --help'");
        }
    }

    /** The event that flags and documents describe, read exactly as the same event in a file. */
    public NewEvent read(EventParts parts, int maxPayloadBytes) {
        return EventInput.fromParts(parts, readOptions(maxPayloadBytes));
    }

    /** The events of a JSON document holding one event or an array of them, named {@code source}. */
    public List<NewEvent> read(byte[] json, String source, int maxPayloadBytes) {
        return EventInput.parseBatch(json, source, readOptions(maxPayloadBytes));
    }

    /** Appends the events atomically; an exact repeat of stored events writes nothing. */
    public AppendResult append(AppendOptions options) {
        return new Appender(workspace.createStore(), workspace.validator(!options.validate()))
                .append(options.events(), options.expected());
    }

    // ------------------------------------------------------------------ import

    /**
     * Where an import reads from. NDJSON (or one JSON array) from a file or from a stream such as
     * standard input; other stores' tables ({@code import --from KIND}) will be further kinds.
     */
    public sealed interface ImportSource {

        /** A file, named as given. */
        record File(Path path, String name) implements ImportSource {}

        /** A stream read once to its end (it is spooled to a temporary file, since import reads twice). */
        record Stream(InputStream in, String name) implements ImportSource {}
    }

    /**
     * An import: its source, whether invalid records are left out (and written to {@code rejects}
     * when given) rather than stopping it, whether to check the model's JSON Schemas, the payload
     * limit, and where progress goes.
     */
    public record ImportOptions(
            ImportSource source,
            boolean skipInvalid,
            Path rejects,
            boolean validate,
            int maxPayloadBytes,
            Progress progress) {
        public ImportOptions {
            progress = progress == null ? Progress.NONE : progress;
        }
    }

    /** Imports every record of the source: all or nothing unless invalid ones are skipped. */
    public ImportReport importEvents(ImportOptions options) {
        var importer = new Importer(
                workspace::importTarget,
                new Importer.Options(
                        readOptions(options.maxPayloadBytes()),
                        options.skipInvalid(),
                        options.rejects(),
                        workspace.validator(!options.validate())),
                options.progress());
        if (options.source() instanceof ImportSource.Stream s) {
            return importer.run(Importer.spool(s.in()), s.name());
        }
        ImportSource.File f = (ImportSource.File) options.source();
        return importer.run(f.path(), f.name());
    }

    // ------------------------------------------------------------------ reading

    /**
     * A listing: which events, a JSLT condition on each ({@code .} is the event as read; null:
     * none), whether to read them as stored ({@code raw}) or through the model's upcasters, and,
     * to keep delivering new events as they are appended, how often to look for them ({@code
     * follow}; null: a finite listing).
     */
    public record ListOptions(EventFilter filter, String where, boolean raw, Duration follow) {
        public ListOptions {
            filter = filter == null ? EventFilter.ALL : filter;
        }
    }

    /** How many events a listing delivered, and the highest position it read. */
    public record Listed(long delivered, long lastPosition) {}

    /**
     * A listing checked and ready to run: its times read, its condition compiled, its options
     * agreeing, the store open. A front end asks for it before it writes anything, so bad input
     * and a missing store fail before any output.
     */
    public final class Listing {

        private final ListOptions options;
        private final dev.eventscope.store.EventQuery query;
        private final Where where;
        private final EventBrowser browser;

        private Listing(ListOptions options) {
            this.options = options;
            this.query = options.filter().query(workspace.settings().zone(), Instant.now());
            if (options.follow() != null && query.reverse()) {
                throw new UsageException("--follow and --reverse cannot be combined");
            }
            this.where = options.where() == null ? null : Where.of(options.where());
            // the store is opened (and the model loaded) now, so neither fails once output began
            this.browser = new EventBrowser(workspace.readStore(), workspace.eventSource(options.raw()));
        }

        /**
         * Delivers the matching events in order (newest first with {@code reverse}); when following,
         * then new ones as they are appended until {@code stop} says so, the sink refuses one, or the
         * thread is interrupted.
         */
        public Listed run(EventSink sink, BooleanSupplier stop) throws InterruptedException {
            if (options.follow() != null) {
                return new Listed(browser.follow(query, where, options.follow(), stop, sink::accept), 0);
            }
            var result = browser.list(query, where, sink::accept);
            return new Listed(result.delivered(), result.lastPosition());
        }
    }

    /** The listing {@code options} ask for, checked. */
    public Listing listing(ListOptions options) {
        return new Listing(options);
    }

    /** An export: which events, as stored or (with {@code upcast}) as read, and where progress goes. */
    public record ExportOptions(EventFilter filter, boolean upcast, Progress progress) {
        public ExportOptions {
            filter = filter == null ? EventFilter.ALL : filter;
            progress = progress == null ? Progress.NONE : progress;
        }
    }

    /**
     * Delivers every matching event for writing out, in one long read: the store may read ahead of
     * the sink on another thread, so the sink must not touch the store.
     */
    public Listed export(ExportOptions options, EventSink sink) {
        var query = options.filter().query(workspace.settings().zone(), Instant.now());
        var result = new EventBrowser(workspace.readStore(), workspace.eventSource(!options.upcast()))
                .scanning()
                .list(query, null, sink::accept, options.progress());
        return new Listed(result.delivered(), result.lastPosition());
    }

    /**
     * One event as it reads ({@code event}), the event as stored, and into how many events the
     * upcasters read it (1, or more after a split).
     */
    public record Shown(RecordedEvent event, RecordedEvent stored, int parts) {}

    /**
     * The event with eventId or position {@code id}, as read through the model's upcasters (as
     * stored with {@code raw}); of a split, the part that keeps the eventId.
     *
     * @throws NotFoundException when there is no such event, or the upcasters drop it
     */
    public Shown show(String id, boolean raw) {
        EventLookup.Found found = EventLookup.read(
                workspace.readStore(),
                raw ? dev.eventscope.pipeline.EventTransform.IDENTITY : workspace.transform(),
                id);
        RecordedEvent stored = found.stored();
        if (found.read().isEmpty()) {
            throw new NotFoundException(
                    "the event at position " + stored.position() + " is stored, but the model's upcasters drop it: it"
                            + " reads as no event",
                    "see it with 'evs show " + stored.position() + " --raw' or 'evs upcast show " + stored.position()
                            + "'");
        }
        return new Shown(
                found.same().orElse(found.read().get(0)), stored, found.read().size());
    }

    /** Which streams {@link #streams} lists: of one aggregate type, ids starting with a prefix, at most some. */
    public record StreamsOptions(String aggregateType, String prefix, Long limit) {}

    /**
     * The matching streams with their figures, by aggregate type and id, read as the stream is
     * consumed (close it: it holds a read of the store open).
     */
    public Stream<StreamSummary> streams(StreamsOptions options) {
        var query = new StreamQuery(options.aggregateType(), options.prefix(), options.limit());
        return workspace.readStore().streams(query);
    }

    private EventJson.ReadOptions readOptions(int maxPayloadBytes) {
        return new EventJson.ReadOptions(workspace.settings().zone(), maxPayloadBytes);
    }
}
