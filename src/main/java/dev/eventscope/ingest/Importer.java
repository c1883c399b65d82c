package dev.eventscope.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.ConflictException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.StoreBusyException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.NewEvent;
import dev.eventscope.pipeline.Cancellation;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.schema.EventValidator;
import dev.eventscope.store.ImportBatchResult;
import dev.eventscope.store.ImportSession;
import dev.eventscope.store.ImportTarget;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Bulk import of NDJSON, or of one JSON array of events (its elements are the records).
 *
 * <p>Nothing is written unless every record is valid, including against the JSON Schema of its
 * event type and version when the model has one (or {@code skipInvalid} says to leave the invalid
 * ones out). Into a new, empty or small store the import is one atomic session read in one pass;
 * into a larger one every record is checked first, then written in batches sized so that one
 * transaction holds the write lock for well under a second. Import is idempotent by eventId:
 * running it again, after an interruption or not, skips the events already stored and writes the
 * rest.
 */
public final class Importer {

    /**
     * How to import: event reading rules, whether to skip invalid lines, where to put them, the
     * schemas events must match (a line whose event breaks the schema of its type and version is
     * invalid), and, for input spooled from another store ({@code import --from}), how messages
     * name the record of a line ("event at source position 12"; null: "line 12").
     */
    public record Options(
            EventJson.ReadOptions read,
            boolean skipInvalid,
            Path rejects,
            EventValidator validator,
            LongFunction<String> recordName) {

        public Options {
            validator = validator == null ? EventValidator.NONE : validator;
        }

        public Options(EventJson.ReadOptions read, boolean skipInvalid, Path rejects, EventValidator validator) {
            this(read, skipInvalid, rejects, validator, null);
        }

        public Options(EventJson.ReadOptions read, boolean skipInvalid, Path rejects) {
            this(read, skipInvalid, rejects, EventValidator.NONE);
        }
    }

    private static final long TARGET_BATCH_NANOS = 300_000_000L;
    private static final int MIN_BATCH = 200;
    private static final int MAX_BATCH = 50_000;

    private final Supplier<? extends ImportTarget> store;
    private final Options options;
    private final Progress progress;
    private final int maxLine;

    public Importer(Supplier<? extends ImportTarget> store, Options options, Progress progress) {
        this.store = store;
        this.options = options;
        this.progress = progress;
        this.maxLine = options.read().maxRecordBytes();
    }

    private void report(long bytes, long events) {
        progress.at(bytes);
        progress.detail(events + " events");
    }

    /** Copies standard input to a temporary file, so that it can be read twice. */
    public static Path spool(InputStream in) {
        try {
            Path tmp = Files.createTempFile("eventscope-import-", ".ndjson");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new StoreIoException("cannot buffer standard input: " + e.getMessage(), "import from a file instead");
        }
    }

    public ImportReport run(Path input, String sourceName) {
        long started = System.nanoTime();
        if (!Files.isRegularFile(input)) {
            throw new dev.eventscope.error.NotFoundException("no file " + sourceName, "check the path");
        }
        long total = size(input);
        boolean array = holdsArray(input, sourceName);
        String unit = options.recordName() != null ? "event" : array ? "element" : "line";
        Validation validation = new Validation();
        long[] counts;
        try (ImportSession session = store.get().startImport(total)) {
            if (session.atomic()) {
                // one pass: the import commits only if every line is valid, so nothing is checked twice
                counts = importInOnePass(session, open(input, array), array, sourceName, total, validation);
                requireValid(validation, sourceName, unit);
                if (counts[0] + counts[1] > 0) {
                    commitAtomic(session);
                }
            } else {
                validate(input, array, sourceName, total, validation);
                requireValid(validation, sourceName, unit);
                counts = write(session, input, array, sourceName, total, validation);
                session.commit();
            }
            counts[2] = counts[0] + counts[1] == 0 ? 0 : session.transactions();
        }
        return new ImportReport(
                sourceName,
                validation.lines,
                counts[0],
                counts[1],
                validation.invalid,
                counts[2],
                java.time.Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Imports NDJSON lines as another thread writes them ({@code input} is called to start it), in
     * one pass, when the target takes the import as one atomic transaction: a new or empty store
     * (ADR 0236). Every rule of {@link #run} holds. Returns empty, without calling {@code input},
     * when the target would write batch by batch (that needs the input twice: use {@link #run}).
     */
    public Optional<ImportReport> runOnePass(Supplier<InputStream> input, String sourceName) {
        long started = System.nanoTime();
        Validation validation = new Validation();
        long[] counts;
        // no size: a store that holds events takes it batch by batch
        try (ImportSession session = store.get().startImport(0)) {
            if (!session.atomic()) {
                return Optional.empty();
            }
            counts = importInOnePass(
                    session, () -> new LineReader(input.get(), maxLine), false, sourceName, -1, validation);
            requireValid(validation, sourceName, options.recordName() != null ? "event" : "line");
            if (counts[0] + counts[1] > 0) {
                commitAtomic(session);
            }
            counts[2] = counts[0] + counts[1] == 0 ? 0 : session.transactions();
        }
        return Optional.of(new ImportReport(
                sourceName,
                validation.lines,
                counts[0],
                counts[1],
                validation.invalid,
                counts[2],
                java.time.Duration.ofNanos(System.nanoTime() - started)));
    }

    private void requireValid(Validation validation, String sourceName, String unit) {
        if (validation.invalid > 0 && !options.skipInvalid()) {
            String fix = options.recordName() != null
                    ? "fix them in the source (or map them otherwise with --from sql), then run the same import again"
                    : "fix them, or pass --skip-invalid (with --rejects FILE) to import the valid " + unit + "s";
            throw new InvalidInputException(
                    sourceName + ": " + validation.invalid + " of " + validation.lines + " " + unit
                            + (validation.lines == 1 ? " is" : "s are") + " invalid; nothing was imported",
                    EventInput.limit(validation.problems, validation.invalid),
                    fix + (options.validator().isEmpty() ? "" : "; --no-validate skips the schema checks"));
        }
    }

    private void commitAtomic(ImportSession session) {
        progress.begin("indexing", Progress.Unit.BYTES, -1);
        try {
            session.commit();
        } catch (StoreBusyException | StoreIoException e) {
            throw stopped(e, session, 0);
        } finally {
            progress.end();
        }
    }

    private static final class Validation {
        long lines;
        long events;
        long invalid;
        final List<String> problems = new ArrayList<>();
        final java.util.BitSet bad = new java.util.BitSet();

        void reject(LineReader.Line line, String problem, String name, RejectWriter rejects) {
            invalid++;
            bad.set(Math.toIntExact(line.number));
            if (problems.size() < EventInput.PROBLEMS_SHOWN) {
                problems.add(name + ": " + problem);
            }
            rejects.write(line, problem);
        }
    }

    /** Whether the input is one JSON array rather than NDJSON. */
    private static boolean holdsArray(Path input, String sourceName) {
        try {
            return JsonArrayReader.holdsArray(input);
        } catch (IOException e) {
            throw new StoreIoException("cannot read " + sourceName + ": " + e.getMessage(), "check the file");
        }
    }

    /** Opens where the records come from, when an import starts reading. */
    @FunctionalInterface
    private interface ReaderOpener {
        RecordReader open() throws IOException;
    }

    /** The reader of {@code input}, opened when called. */
    private ReaderOpener open(Path input, boolean array) {
        return () -> reader(input, array);
    }

    private RecordReader reader(Path input, boolean array) throws IOException {
        var in = Files.newInputStream(input);
        return array ? new JsonArrayReader(in, maxLine) : new LineReader(in, maxLine);
    }

    private void validate(Path input, boolean array, String sourceName, long total, Validation v) {
        progress.begin("validating", Progress.Unit.BYTES, total);
        try (RejectWriter rejects = RejectWriter.open(options.rejects(), array ? "element" : "line");
                RecordReader reader = reader(input, array)) {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                v.lines = line.number;
                Parsed parsed = parse(line, reader.unit());
                if (parsed == Parsed.BLANK) {
                    continue;
                }
                if (parsed.problem() == null) {
                    v.events++;
                } else {
                    v.reject(line, parsed.problem(), name(reader.unit(), line.number), rejects);
                }
                if ((line.number & 1023) == 0) {
                    report(reader.bytesRead(), v.events);
                    Cancellation.check(() -> "cancelled while validating; nothing was written");
                }
            }
        } catch (IOException e) {
            throw new StoreIoException("cannot read " + sourceName + ": " + e.getMessage(), "check the file");
        } finally {
            progress.end();
        }
    }

    /**
     * Reads, checks and writes in one pass, for an atomic session; a second thread reads and
     * parses while this one writes. Once a line is invalid (and --skip-invalid is not given)
     * nothing more is written: the rest is only checked, so that every problem is reported, and
     * the session is never committed. Returns {imported, skipped, 0}.
     */
    private long[] importInOnePass(
            ImportSession session, ReaderOpener input, boolean array, String sourceName, long total, Validation v) {
        long imported = 0;
        long skipped = 0;
        DerivedIds ids = new DerivedIds();
        AtomicBoolean invalidSeen = new AtomicBoolean();
        progress.begin("importing", Progress.Unit.BYTES, total);
        String unit = array ? "element" : "line";
        try (RecordReader reader = input.open();
                RejectWriter rejects = RejectWriter.open(options.rejects(), unit);
                ParsedBatches batches = new ParsedBatches(reader, line -> {
                    // on the reading thread: v, rejects and ids are its own until the end
                    v.lines = line.number;
                    Parsed parsed = parse(line, unit);
                    if (parsed == Parsed.BLANK) {
                        return null;
                    }
                    if (parsed.problem() != null) {
                        v.reject(line, parsed.problem(), name(unit, line.number), rejects);
                        invalidSeen.set(true);
                        return null;
                    }
                    v.events++;
                    if (v.invalid > 0 && !options.skipInvalid()) {
                        return null;
                    }
                    NewEvent event = parsed.event();
                    return event.eventId() != null ? event : event.withEventId(ids.idFor(event, line.number));
                })) {
            ParsedBatches.Batch batch;
            while ((batch = batches.next()) != null) {
                if (invalidSeen.get() && !options.skipInvalid()) {
                    continue; // the import will not commit: writing more is wasted
                }
                long[] r = flush(
                        session,
                        new ArrayList<>(batch.events()),
                        new ArrayList<>(batch.lines()),
                        sourceName + " " + unit,
                        0);
                imported += r[0];
                skipped += r[1];
                report(batch.bytesRead(), imported + skipped);
                // the session is rolled back when this throws: nothing of it is stored
                Cancellation.check(() -> "cancelled; nothing was imported (the import is one transaction)");
            }
        } catch (IOException e) {
            throw new StoreIoException(
                    "cannot read " + sourceName + ": " + e.getMessage() + "; nothing was imported", "check the file");
        } finally {
            progress.end();
        }
        return new long[] {imported, skipped, 0};
    }

    /** A line read: {@link #BLANK}, a valid event, or the problem with it. */
    private record Parsed(NewEvent event, String problem) {
        static final Parsed BLANK = new Parsed(null, null);
    }

    /** Parses and checks one record ({@code unit}: what records are called in messages). */
    private Parsed parse(LineReader.Line line, String unit) {
        if (line.problem != null) {
            return new Parsed(null, line.problem);
        }
        if (line.tooLong) {
            return new Parsed(
                    null,
                    "the " + unit + " is " + line.size + " bytes, longer than the limit of " + maxLine
                            + " bytes (twice --max-payload plus 128 KiB)");
        }
        if (isBlank(line)) {
            return Parsed.BLANK;
        }
        NewEvent event;
        try {
            event = EventInput.parseOne(line.buffer, 0, line.length, options.read());
        } catch (IllegalArgumentException e) {
            return new Parsed(null, e.getMessage());
        }
        List<String> violations =
                options.validator().violations(event.eventType(), event.eventVersion(), event.payload());
        if (!violations.isEmpty()) {
            return new Parsed(
                    null,
                    "does not match the schema " + event.eventType() + " v" + event.eventVersion() + ": "
                            + String.join("; ", violations));
        }
        return new Parsed(event, null);
    }

    /** Writes the valid lines, batch by batch, after the validation pass; returns {imported, skipped, 0}. */
    private long[] write(
            ImportSession session, Path input, boolean array, String sourceName, long total, Validation validation) {
        if (validation.events == 0) {
            return new long[] {0, 0, 0};
        }
        long imported = 0;
        long skipped = 0;
        DerivedIds ids = new DerivedIds();
        int batchSize = 2_000;
        List<NewEvent> batch = new ArrayList<>(batchSize);
        List<Long> batchLines = new ArrayList<>(batchSize);
        progress.begin("importing", Progress.Unit.BYTES, total);
        try (RecordReader reader = reader(input, array)) {
            String where = sourceName + " " + reader.unit();
            LineReader.Line line;
            while ((line = reader.next()) != null && line.number <= validation.lines) {
                if (validation.bad.get(Math.toIntExact(line.number))
                        || line.problem != null
                        || line.tooLong
                        || isBlank(line)) {
                    continue;
                }
                NewEvent event;
                try {
                    event = EventInput.parseOne(line.buffer, 0, line.length, options.read());
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(
                            sourceName + " changed while it was imported: " + reader.unit() + " " + line.number
                                    + " is now invalid (" + e.getMessage() + ")",
                            "import a file that nothing else is writing to");
                }
                if (event.eventId() == null) {
                    event = event.withEventId(ids.idFor(event, line.number));
                }
                batch.add(event);
                batchLines.add(line.number);
                if (batch.size() >= batchSize) {
                    long t0 = System.nanoTime();
                    long[] r = flush(session, batch, batchLines, where, imported);
                    imported += r[0];
                    skipped += r[1];
                    batchSize = resize(batchSize, System.nanoTime() - t0);
                    report(reader.bytesRead(), imported + skipped);
                    long done = imported;
                    Cancellation.check(() -> "cancelled after importing " + done
                            + " events in whole transactions; run the same import again to resume");
                }
            }
            if (!batch.isEmpty()) {
                long[] r = flush(session, batch, batchLines, where, imported);
                imported += r[0];
                skipped += r[1];
                report(reader.bytesRead(), imported + skipped);
            }
        } catch (IOException e) {
            throw new StoreIoException(
                    "cannot read " + sourceName + " " + done(session, imported) + ": " + e.getMessage(),
                    "run the same import again to resume");
        } finally {
            progress.end();
        }
        return new long[] {imported, skipped, 0};
    }

    /** How messages name the record of line {@code number}. */
    private String name(String unit, long number) {
        return options.recordName() != null ? options.recordName().apply(number) : unit + " " + number;
    }

    /** Writes one batch; {@code where} names the input and its unit ("events.ndjson line"). */
    private long[] flush(ImportSession session, List<NewEvent> batch, List<Long> lines, String where, long before) {
        ImportBatchResult result;
        try {
            result = session.write(batch);
        } catch (StoreBusyException | StoreIoException e) {
            throw stopped(e, session, before);
        }
        if (result.hasConflict()) {
            // an atomic session is rolled back by now: "before" is 0 for it, which is what is stored
            throw new ConflictException(
                    (options.recordName() != null
                                    ? where.substring(0, where.lastIndexOf(' ')) + " "
                                            + options.recordName().apply(lines.get(result.conflictIndex()))
                                    : where + " " + lines.get(result.conflictIndex()))
                            + ": " + result.conflict()
                            + (before == 0
                                    ? "; nothing was imported"
                                    : "; the " + before + " events before its batch were imported"),
                    options.recordName() != null
                            ? "the store holds that eventId with other content: the source changed an event after it"
                                    + " was imported, or another source gave the same id; events here never change,"
                                    + " so import into a new store"
                            : "fix that line and run the same import again: events already imported are skipped");
        }
        batch.clear();
        lines.clear();
        return new long[] {result.imported(), result.skipped()};
    }

    /** A store failure, restated with how much of the import is stored and how to go on. */
    private static RuntimeException stopped(RuntimeException e, ImportSession session, long before) {
        String done = " (" + done(session, before) + ")";
        if (e instanceof StoreBusyException busy) {
            return new StoreBusyException(
                    busy.getMessage() + done,
                    "run the same import again later: events already imported are skipped",
                    busy);
        }
        StoreIoException io = (StoreIoException) e;
        return new StoreIoException(
                io.getMessage() + done,
                io.hint().orElse("") + "; then run the same import again: events already imported are skipped",
                io);
    }

    private static String done(ImportSession session, long imported) {
        // an atomic session that failed is rolled back: nothing of it is stored
        return "after importing " + (session.atomic() ? 0 : imported) + " events";
    }

    private static int resize(int size, long nanos) {
        if (nanos < TARGET_BATCH_NANOS / 2) {
            return Math.min(MAX_BATCH, size * 2);
        }
        if (nanos > TARGET_BATCH_NANOS * 2) {
            return Math.max(MIN_BATCH, size / 2);
        }
        return size;
    }

    private static boolean isBlank(LineReader.Line line) {
        for (int i = 0; i < line.length; i++) {
            byte b = line.buffer[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static long size(Path input) {
        try {
            return Files.size(input);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Writes rejected lines, with their reason, as NDJSON; does nothing without a file. */
    private static final class RejectWriter implements AutoCloseable {
        private final BufferedWriter out;
        private final String unit;

        private RejectWriter(BufferedWriter out, String unit) {
            this.out = out;
            this.unit = unit;
        }

        /** A writer to {@code file} (none when null); failing to create it is the rejects file's fault. */
        static RejectWriter open(Path file, String unit) {
            if (file == null) {
                return new RejectWriter(null, unit);
            }
            try {
                return new RejectWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), unit);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new dev.eventscope.error.NotFoundException(
                        "cannot write the rejects file " + file + ": its directory does not exist",
                        "pass --rejects with a file in an existing directory");
            } catch (IOException e) {
                throw new StoreIoException(
                        "cannot write the rejects file " + file + ": " + e.getMessage(),
                        "check the path and its permissions");
            }
        }

        void write(LineReader.Line line, String problem) {
            if (out == null) {
                return;
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put(unit, line.number);
            o.put("error", problem);
            if (!line.tooLong && line.length > 0) {
                // lossy on invalid UTF-8 by design: the reason says what was wrong with the bytes
                o.put("input", new String(line.buffer, 0, Math.min(line.length, 10_000), StandardCharsets.UTF_8));
            }
            try {
                out.write(Json.write(o));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }
}
