package dev.eventscope.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.pipeline.Cancellation;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.schema.EventValidator;
import dev.eventscope.source.ImportedFrom;
import dev.eventscope.source.Loss;
import dev.eventscope.source.SourceEvent;
import dev.eventscope.source.SourceFeed;
import dev.eventscope.source.SourceKind;
import dev.eventscope.source.SourcePosition;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.ImportTarget;
import dev.eventscope.store.ReadEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code import --from KIND SOURCE}: reads what is new in another store's tables and imports it
 * through the same pipeline as an NDJSON import (ADR 0162). The new events are read page by page
 * into a spool file of NDJSON lines, which {@link Importer} then imports with every rule of {@code
 * import FILE}: the same checks (payload limit, the model's JSON Schemas), all or nothing, one
 * atomic transaction into a new or small store, idempotency by eventId. Messages name an event by
 * its source position, not by a spool line.
 *
 * <p>Resume: the last event imported from this source (the newest event of the store whose {@code
 * importedFrom} names this kind and source) is read again from the source; it must still be there
 * at the same position with the same id (else exit 65: the source lost or reordered it) and with
 * the same content (else the import's same-id check stops with exit 3). Then only what follows it
 * is new.
 */
public final class SourceImporter {

    /** How many events one read of the source asks for. */
    static final int PAGE = 1_000;

    /**
     * How to import: event reading rules (zone, payload limit), the model's schemas, and how many
     * events a dry run shows.
     */
    public record Options(EventJson.ReadOptions read, EventValidator validator, int previewEvents) {
        public Options {
            validator = validator == null ? EventValidator.NONE : validator;
        }
    }

    /** The source read: its feed, its kind, and its name in {@code importedFrom.source}. */
    public record Source(SourceFeed feed, SourceKind kind, String name) {}

    private final Options options;
    private final Progress progress;

    public SourceImporter(Options options, Progress progress) {
        this.options = options;
        this.progress = progress == null ? Progress.NONE : progress;
    }

    /**
     * The last event imported from {@code source} into {@code store} (null when the store does not
     * exist yet): the newest one whose {@code importedFrom} names its kind and name.
     */
    public static Optional<Resume> lastImported(ReadEvents store, SourceKind kind, String name) {
        if (store == null) {
            return Optional.empty();
        }
        try (Stream<RecordedEvent> newestFirst = store.read(EventQuery.ALL.reversed(true))) {
            var it = newestFirst.iterator();
            while (it.hasNext()) {
                RecordedEvent e = it.next();
                if (!e.metadata().text().contains("\"" + ImportedFrom.KEY + "\"")) {
                    continue;
                }
                JsonNode from = e.metadata().node().get(ImportedFrom.KEY);
                if (from == null
                        || !kind.cliName().equals(from.path(ImportedFrom.KIND).asText())
                        || !name.equals(from.path(ImportedFrom.SOURCE).asText())) {
                    continue;
                }
                try {
                    return Optional.of(new Resume(
                            SourcePosition.parse(
                                    from.path(ImportedFrom.POSITION).asText()),
                            e));
                } catch (IllegalArgumentException e2) {
                    throw new InvalidInputException(
                            "the event at position " + e.position() + " says it came from " + kind.cliName()
                                    + " source " + name + " at '"
                                    + from.path(ImportedFrom.POSITION).asText()
                                    + "', which is no source position",
                            "the store was changed outside Eventscope; import into a new store");
                }
            }
        }
        return Optional.empty();
    }

    /** Where a re-run resumes: the source position of the last event imported, and that event as stored. */
    public record Resume(SourcePosition sourcePosition, RecordedEvent stored) {

        public java.util.UUID eventId() {
            return stored.eventId();
        }

        public long storePosition() {
            return stored.position();
        }
    }

    /** What a run read: counts by type and by loss, and its spool (null for a dry run). */
    private static final class Read {
        long events;
        final Map<String, Long> types = new TreeMap<>();
        final Map<Loss, Long> losses = new EnumMap<>(Loss.class);
        final List<String> preview = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        long invalid;
        SourcePosition last;
        long[] transactions = new long[1024];
        long[] positions = new long[1024];
        int lines;

        synchronized void at(int line, SourcePosition p) {
            if (line >= positions.length) {
                positions = java.util.Arrays.copyOf(positions, positions.length * 2);
                transactions = java.util.Arrays.copyOf(transactions, transactions.length * 2);
            }
            positions[line] = p.position();
            transactions[line] = p.transaction();
        }

        synchronized String name(long line) {
            int i = Math.toIntExact(line - 1);
            return "event at source position " + new SourcePosition(transactions[i], positions[i]);
        }
    }

    /**
     * Imports what is new in the source after {@code resume} (none: everything) into {@code
     * target}.
     */
    public SourceImportReport run(
            Source source, Optional<Resume> resume, Supplier<? extends ImportTarget> target, String sourceName) {
        long started = System.nanoTime();
        Optional<SourceImportReport> streamed = streamed(source, resume, target, sourceName, started);
        if (streamed.isPresent()) {
            return streamed.get();
        }
        Path spool = tempFile();
        try {
            Read read;
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(spool), 1 << 16)) {
                read = read(source, resume, out, false);
            } catch (IOException e) {
                throw new StoreIoException(
                        "cannot write the import's spool file " + spool + ": " + e.getMessage(),
                        "free space in the temporary directory (java.io.tmpdir)",
                        e);
            }
            if (read.lines == 0) {
                return report(source, sourceName, resume, read, 0, 0, 0, started);
            }
            Read named = read;
            ImportReport r = new Importer(
                            target,
                            new Importer.Options(options.read(), false, null, options.validator(), named::name),
                            progress)
                    .run(spool, sourceName);
            return report(
                    source,
                    sourceName,
                    resume,
                    read,
                    r.imported(),
                    r.skipped(),
                    r.imported() == 0 ? 0 : r.batches(),
                    started);
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                // a temporary file left behind is removed with the JVM's temporary directory
            }
        }
    }

    /**
     * The import without a spool file, when the target takes it as one atomic transaction (a new
     * or empty store, ADR 0236): the importer's reading thread reads the source page by page and
     * takes each event as it was made from its row, checked as the NDJSON line it would be but
     * never written as one (ADR 0260), while the importer writes the batch before. Empty when the
     * target would write batch by batch (it then needs the input twice, from the spool file);
     * nothing was read then. A failure of the source reaches the caller as itself.
     */
    private Optional<SourceImportReport> streamed(
            Source source,
            Optional<Resume> resume,
            Supplier<? extends ImportTarget> target,
            String sourceName,
            long started) {
        Read read = new Read();
        Optional<ImportReport> imported = new Importer(
                        target,
                        new Importer.Options(options.read(), false, null, options.validator(), read::name),
                        progress)
                .runOnePass(
                        () -> {
                            NewEvents events = new NewEvents(source, resume, read);
                            return () -> {
                                SourceEvent e = events.next();
                                return e == null ? null : e.event();
                            };
                        },
                        sourceName);
        return imported.map(r -> report(
                source,
                sourceName,
                resume,
                read,
                r.imported(),
                r.skipped(),
                r.imported() == 0 ? 0 : r.batches(),
                started));
    }

    /**
     * What {@link #run} would import, without writing anything: the first events as they would be
     * imported, counts by type and loss, and the events that would be refused.
     */
    public SourceImportReport dryRun(Source source, Optional<Resume> resume, String sourceName) {
        long started = System.nanoTime();
        Read read;
        try {
            read = read(source, resume, OutputStream.nullOutputStream(), true);
        } catch (IOException e) {
            throw new IllegalStateException("a null stream failed", e);
        }
        return report(source, sourceName, resume, read, 0, 0, 0, started);
    }

    private SourceImportReport report(
            Source source,
            String sourceName,
            Optional<Resume> resume,
            Read read,
            long imported,
            long present,
            long transactions,
            long started) {
        return new SourceImportReport(
                sourceName,
                source.kind(),
                source.name(),
                resume.map(Resume::sourcePosition).orElse(null),
                read.last,
                read.lines,
                imported,
                Math.max(0, present),
                transactions,
                read.types,
                read.losses,
                read.invalid,
                read.problems,
                read.preview,
                source.feed().openGaps(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private Read read(Source source, Optional<Resume> resume, OutputStream out, boolean dryRun) throws IOException {
        return read(source, resume, out, dryRun, new Read(), progress);
    }

    private Read read(
            Source source, Optional<Resume> resume, OutputStream out, boolean dryRun, Read read, Progress progress)
            throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        progress.begin("reading " + source.kind().cliName(), Progress.Unit.EVENTS, -1);
        try {
            NewEvents events = new NewEvents(source, resume, read);
            SourceEvent e;
            while ((e = events.next()) != null) {
                byte[] bytes = write(e.event(), line, out);
                if (dryRun) {
                    preview(read, e, bytes);
                }
                if (read.lines % PAGE == 0) {
                    progress.at(read.events);
                }
            }
            progress.at(read.events);
        } finally {
            progress.end();
        }
        return read;
    }

    /**
     * The events that are new in the source, in its order, page by page, each counted in {@code
     * read} as it is handed over: the layout checked first, then, on a re-run, the event imported
     * last checked again (it must still be there, unchanged) and skipped.
     */
    private final class NewEvents {
        private final Source source;
        private final Optional<Resume> resume;
        private final Read read;
        private SourcePosition after;
        private boolean checking;
        private boolean started;
        private boolean lastPage;
        private List<SourceEvent> page = List.of();
        private int next;

        NewEvents(Source source, Optional<Resume> resume, Read read) {
            this.source = source;
            this.resume = resume;
            this.read = read;
            this.after = resume.map(r -> r.sourcePosition().justBefore()).orElse(SourcePosition.START);
            this.checking = resume.isPresent();
        }

        /** The next new event, or null when the source holds no more. */
        SourceEvent next() throws IOException {
            while (next == page.size()) {
                if (lastPage) {
                    return null;
                }
                if (started) {
                    long done = read.events;
                    Cancellation.check(() -> "cancelled after reading " + done + " events; nothing was imported");
                } else {
                    source.feed().checkLayout();
                    started = true;
                }
                page = source.feed().next(after, PAGE);
                next = 0;
                lastPage = page.size() < PAGE;
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).position();
                }
                if (checking) {
                    checking = false;
                    SourceEvent first = page.isEmpty() ? null : page.get(0);
                    // an empty page: the event imported last is gone
                    check(source, resume.get(), first);
                    unchanged(
                            source,
                            resume.get(),
                            first,
                            write(first.event(), new ByteArrayOutputStream(1024), OutputStream.nullOutputStream()));
                    next = 1;
                }
            }
            SourceEvent e = page.get(next++);
            read.events++;
            read.last = e.position();
            read.types.merge(e.event().eventType(), 1L, Long::sum);
            for (Loss l : e.losses()) {
                read.losses.merge(l, 1L, Long::sum);
            }
            read.at(read.lines++, e.position());
            return e;
        }
    }

    /** Checks a dry run's event as the import would, and keeps the first ones to show. */
    private void preview(Read read, SourceEvent e, byte[] bytes) {
        String problem = null;
        NewEvent parsed = null;
        try {
            parsed = EventInput.parseOne(bytes, 0, bytes.length - 1, options.read());
        } catch (IllegalArgumentException invalid) {
            problem = invalid.getMessage();
        }
        if (parsed != null) {
            List<String> violations =
                    options.validator().violations(parsed.eventType(), parsed.eventVersion(), parsed.payload());
            if (!violations.isEmpty()) {
                problem = "does not match the schema " + parsed.eventType() + " v" + parsed.eventVersion() + ": "
                        + String.join("; ", violations);
            }
        }
        if (problem != null) {
            read.invalid++;
            if (read.problems.size() < EventInput.PROBLEMS_SHOWN) {
                read.problems.add("event at source position " + e.position() + ": " + problem);
            }
        }
        if (read.preview.size() < options.previewEvents()) {
            read.preview.add(new String(bytes, 0, bytes.length - 1, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * Compares the event imported last, read again, with what the store holds, as the import's
     * same-id rule would (the event as read from its NDJSON line).
     *
     * @throws dev.eventscope.error.ConflictException naming the fields that changed
     */
    private void unchanged(Source source, Resume resume, SourceEvent again, byte[] line) {
        NewEvent parsed;
        try {
            parsed = EventInput.parseOne(line, 0, line.length - 1, options.read());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    source.kind().cliName() + " source " + source.name() + ": the event at source position "
                            + again.position() + ", imported before, cannot be read any more: " + e.getMessage(),
                    "the source was changed after the import; nothing was imported");
        }
        List<String> changed = parsed.differencesFrom(resume.stored());
        if (!changed.isEmpty()) {
            throw new dev.eventscope.error.ConflictException(
                    "the " + source.kind().cliName() + " event imported last from " + source.name()
                            + " (source position " + again.position() + ", eventId " + resume.eventId()
                            + ") changed in the source since it was imported: " + String.join(", ", changed)
                            + " differ; nothing was imported",
                    "events here never change: import the source into a new store, or, if the mapping changed"
                            + " (another Eventscope version), as another source with --source-name");
        }
    }

    private static void check(Source source, Resume resume, SourceEvent first) {
        if (first != null
                && first.position().equals(resume.sourcePosition())
                && first.event().eventId().equals(resume.eventId())) {
            return;
        }
        String what = "the " + source.kind().cliName() + " event imported last from " + source.name()
                + " (source position " + resume.sourcePosition() + ", eventId " + resume.eventId()
                + ", position " + resume.storePosition() + " here)";
        throw new InvalidInputException(
                what + " is no longer in the source"
                        + (first == null
                                ? ""
                                : ": position " + first.position() + " comes next, with eventId "
                                        + first.event().eventId()),
                "the source was changed or restored from an older copy; nothing was imported. Import it into a new"
                        + " store, or as another source with --source-name");
    }

    /** Writes {@code e} as one NDJSON line (the import's input shape) and returns the line's bytes. */
    private static byte[] write(NewEvent e, ByteArrayOutputStream buffer, OutputStream out) throws IOException {
        buffer.reset();
        EventJson.writeInput(e, buffer);
        buffer.write('\n');
        byte[] bytes = buffer.toByteArray();
        out.write(bytes);
        return bytes;
    }

    private static Path tempFile() {
        try {
            Path p = Files.createTempFile("eventscope-source-", ".ndjson");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new StoreIoException(
                    "cannot create the import's spool file: " + e.getMessage(),
                    "check the temporary directory (java.io.tmpdir)",
                    e);
        }
    }
}
