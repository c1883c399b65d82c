package dev.eventscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StreamQuery;
import dev.eventscope.store.StreamSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What a browser of the log asks, a page at a time ({@code evs ui}): streams after a key, one
 * stream's events with the state after each and the JSON Patch from the one before, and one event
 * with its cause and effects. Every answer is bounded by a limit, so a page costs the same on a
 * store of a thousand events as on one of millions. Reached through {@link Engine#browse()}; one
 * thread at a time, as its engine.
 */
public final class BrowseService {

    /** The most rows one page may ask for. */
    public static final int MAX_PAGE = 1_000;

    private final Workspace workspace;

    BrowseService(Workspace workspace) {
        this.workspace = workspace;
    }

    // ------------------------------------------------------------------ streams

    /**
     * A page of streams: of one aggregate type, ids starting with a prefix (nulls: any), the streams
     * after {@code after} in (type, id) order (null: from the first), at most {@code limit}.
     */
    public record StreamsPageOptions(String aggregateType, String prefix, StreamId after, int limit) {
        public StreamsPageOptions {
            limit = pageSize(limit);
            aggregateType = blankToNull(aggregateType);
            prefix = blankToNull(prefix);
        }
    }

    /** The streams of a page, and the key to ask for the next page with (null after the last). */
    public record StreamsPage(List<StreamSummary> streams, StreamId next) {
        public StreamsPage {
            streams = List.copyOf(streams);
        }
    }

    /** One page of streams, read with one bounded query whatever the page's place in the list. */
    public StreamsPage streams(StreamsPageOptions o) {
        List<StreamSummary> rows;
        try (Stream<StreamSummary> s = workspace
                .readStore()
                .streams(new StreamQuery(o.aggregateType(), o.prefix(), o.after(), (long) o.limit() + 1))) {
            rows = s.toList();
        }
        if (rows.size() <= o.limit()) {
            return new StreamsPage(rows, null);
        }
        List<StreamSummary> page = rows.subList(0, o.limit());
        return new StreamsPage(page, page.get(page.size() - 1).stream());
    }

    // ------------------------------------------------------------------ one stream

    /**
     * A page of one stream's history: the aggregate (its type when several share the id), the cut
     * inside which events count, the first stream version of the page, and how many events.
     */
    public record HistoryOptions(String aggregateId, String aggregateType, CutSpec cut, long fromVersion, int limit) {
        public HistoryOptions {
            if (aggregateId == null || aggregateId.isEmpty()) {
                throw new UsageException("a stream needs an aggregate ID");
            }
            aggregateType = blankToNull(aggregateType);
            cut = cut == null ? CutSpec.LATEST : cut;
            fromVersion = Math.max(1, fromVersion);
            limit = pageSize(limit);
        }
    }

    /**
     * One event of a stream as read (through the upcasters), and with a model the states before and
     * after it and the JSON Patch from one to the other (RFC 6902); all three null without a model.
     */
    public record Step(RecordedEvent event, JsonNode before, JsonNode state, ArrayNode patch) {}

    /**
     * A page of a stream's history.
     *
     * @param version the stream's current version (all of it, whatever the cut)
     * @param cut the cut as resolved: the highest position it admits, and its bounds
     * @param folded whether states were folded (the model has rules for the stream's aggregate type)
     * @param initial the state before the stream's first event (null without a model)
     * @param next the version to ask for the next page with, or 0 after the last event in the cut
     */
    public record History(
            StreamId stream,
            long version,
            ResolvedCut cut,
            boolean folded,
            JsonNode initial,
            List<Step> steps,
            long next) {
        public History {
            steps = List.copyOf(steps);
        }
    }

    /**
     * The events of one stream inside the cut from {@code fromVersion} on, each with the state after
     * it and the patch from the one before when a model is configured: a walk of the stream from its
     * first event (a page late in a long stream folds the events before it, never more than the page
     * after it). Without a model, or when the model has no rules for the aggregate type, the events
     * alone, as read.
     */
    public History history(HistoryOptions o) {
        EventStore store = workspace.readStore();
        StreamId stream = TimeMachine.resolve(store, o.aggregateId(), o.aggregateType());
        long version = store.currentVersion(stream);
        List<Step> steps = new ArrayList<>();
        long[] next = {0};
        if (workspace.hasModel()
                && workspace.model().find(stream.aggregateType()).isPresent()) {
            TimeMachine machine = workspace.timeMachine();
            ResolvedCut cut = machine.resolve(cut(o.cut()));
            // without a valid-time cut every event read is applied, so the page and the one after it that
            // says there is more lie within the first fromVersion + limit events: read no further (a read
            // the bound ended without the page being full, as upcasters that drop events can make, is
            // walked again whole)
            long bound = cut.validTime() == null ? o.fromVersion() + o.limit() : 0;
            long[] applied = {0};
            TimeMachine.Visitor page = (event, tree, before, after) -> {
                applied[0]++;
                if (event.streamVersion() < o.fromVersion()) {
                    return true;
                }
                if (steps.size() == o.limit()) {
                    next[0] = event.streamVersion();
                    return false;
                }
                steps.add(
                        new Step(event, before.state(), after.state(), JsonPatch.diff(before.state(), after.state())));
                return true;
            };
            TimeMachine.Walk walk = machine.walk(stream, cut, bound, page);
            if (bound > 0 && !walk.stopped() && applied[0] >= bound) {
                steps.clear();
                walk = machine.walk(stream, cut, 0, page);
            }
            JsonNode initial = machine.model().aggregate(stream.aggregateType()).initial();
            return new History(stream, version, cut, true, initial, steps, walk.stopped() ? next[0] : 0);
        }
        ResolvedCut cut = ResolvedCut.resolve(cut(o.cut()), store);
        EventQuery query = EventQuery.stream(stream).withPositions(null, cut.upTo());
        try (Stream<RecordedEvent> events = workspace.eventSource().read(query)) {
            var it = events.iterator();
            while (it.hasNext()) {
                RecordedEvent e = it.next();
                if (e.streamVersion() < o.fromVersion()
                        || !cut.happened(e)
                        || (cut.version() >= 0 && e.streamVersion() > cut.version())) {
                    continue;
                }
                if (steps.size() == o.limit()) {
                    next[0] = e.streamVersion();
                    break;
                }
                steps.add(new Step(e, null, null, null));
            }
        }
        return new History(stream, version, cut, false, null, steps, next[0]);
    }

    // ------------------------------------------------------------------ one event

    /**
     * What caused an event: its causationId, and the stored event with that id (null when the id
     * is a command's or request's, or names an event that is not stored).
     */
    public record Cause(String causationId, RecordedEvent event) {}

    /**
     * One event as read and as stored, into how many events the upcasters read it, its cause (null
     * without a causationId), the events it caused (the first {@code limit}; {@code moreEffects}
     * when there are others), and how many events share its correlationId (at most {@code
     * limit}+1, null without one).
     */
    public record EventView(
            RecordedEvent event,
            RecordedEvent stored,
            int parts,
            Cause cause,
            List<RecordedEvent> effects,
            boolean moreEffects,
            Integer correlated) {
        public EventView {
            effects = List.copyOf(effects);
        }
    }

    /**
     * The event with eventId or position {@code id}, with its links, each list bounded by {@code
     * limit}.
     *
     * @throws dev.eventscope.error.NotFoundException when there is no such event
     */
    public EventView event(String id, int limit) {
        int n = pageSize(limit);
        EventService.Shown shown = new EventService(workspace).show(id, false);
        EventStore store = workspace.readStore();
        RecordedEvent stored = shown.stored();
        Cause cause = null;
        if (stored.causationId() != null) {
            RecordedEvent causing = null;
            UUID causeId = uuid(stored.causationId());
            if (causeId != null) {
                List<RecordedEvent> found = store.links().byIds(List.of(causeId));
                causing = found.isEmpty() ? null : found.get(0);
            }
            cause = new Cause(stored.causationId(), causing);
        }
        List<RecordedEvent> effects =
                new ArrayList<>(store.links().causedBy(List.of(stored.eventId().toString()), n + 1));
        boolean more = effects.size() > n;
        if (more) {
            effects = effects.subList(0, n);
        }
        Integer correlated = stored.correlationId() == null
                ? null
                : store.links().byCorrelation(stored.correlationId(), n + 1).size();
        return new EventView(shown.event(), stored, shown.parts(), cause, effects, more, correlated);
    }

    // ------------------------------------------------------------------ helpers

    private dev.eventscope.event.Cut cut(CutSpec spec) {
        return spec.cut(workspace.settings().zone(), Instant.now());
    }

    private static UUID uuid(String text) {
        try {
            return dev.eventscope.event.EventJson.parseEventId(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static int pageSize(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new UsageException("a page holds 1 to " + MAX_PAGE + " rows, got " + limit);
        }
        return limit;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
