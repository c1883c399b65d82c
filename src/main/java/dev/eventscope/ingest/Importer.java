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
     * Events made in memory, in their order: what {@code import --from} reads from another store's
     * tables, handed to the import as they are instead of as NDJSON lines (ADR 0260).
     */
    @FunctionalInterface
    public interface Events {
        /** The next event, or null at the end; called on the import's reading thread. */
        NewEvent next() throws IOException;
    }

    /**
     * Imports events made in memory as {@code input} (called to start it) hands them over, in one
     * pass, when the target takes the import as one atomic transaction: a new or empty store (ADR
     * 0236). Every rule of {@link #run} holds, each event checked as the NDJSON line it would be
     * ({@link #check}); a record is named as a line is ({@link Options#recordName}). Returns empty,
     * without calling {@code input}, when the target would write batch by batch (that needs the
     * input twice: spool it and use {@link #run}).
     */
    public Optional<ImportReport> runOnePass(Supplier<Events> input, String sourceName) {
        long started = System.nanoTime();
        Validation validation = new Validation();
        long[] counts;
        // no size: a store that holds events takes it batch by batch
        try (ImportSession session = store.get().startImport(0)) {
            if (!session.atomic()) {
                return Optional.empty();
            }
            counts = importInOnePass(session, input, sourceName, validation);
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
        String unit = array ? "element" : "line";
        progress.begin("importing", Progress.Unit.BYTES, total);
        try (RecordReader reader = input.open();
                RejectWriter rejects = RejectWriter.open(options.rejects(), unit)) {
            Accepted accepted = new Accepted(unit, v, rejects);
            try (ParsedBatches batches = new ParsedBatches(
                    reader, line -> accepted.of(line, parse(line, unit)), session.parsedBatchSize())) {
                return writeBatches(session, batches, sourceName + " " + unit, accepted, true);
            }
        } catch (IOException e) {
            throw new StoreIoException(
                    "cannot read " + sourceName + ": " + e.getMessage() + "; nothing was imported", "check the file");
        } finally {
            progress.end();
        }
    }

    /** {@link #importInOnePass} of events made in memory, each checked as its line would be. */
    private long[] importInOnePass(ImportSession session, Supplier<Events> input, String sourceName, Validation v) {
        // what the lines of import --from were called before they were made in memory
        String unit = "line";
        progress.begin("importing", Progress.Unit.EVENTS, -1);
        try (RejectWriter rejects = RejectWriter.open(options.rejects(), unit)) {
            Accepted accepted = new Accepted(unit, v, rejects);
            try (ParsedBatches batches =
                    new ParsedBatches(new Built(input.get(), accepted), session.parsedBatchSize())) {
                return writeBatches(session, batches, sourceName + " " + unit, accepted, false);
            }
        } catch (IOException e) {
            throw new StoreIoException(
                    "cannot read " + sourceName + ": " + e.getMessage() + "; nothing was imported",
                    "run the same import again");
        } finally {
            progress.end();
        }
    }

    /** Writes the batches as they come, until the input ends; returns {imported, skipped, 0}. */
    private long[] writeBatches(
            ImportSession session, ParsedBatches batches, String where, Accepted accepted, boolean bytes)
            throws IOException {
        long imported = 0;
        long skipped = 0;
        ParsedBatches.Batch batch;
        while ((batch = batches.next()) != null) {
            if (accepted.invalidSeen.get() && !options.skipInvalid()) {
                continue; // the import will not commit: writing more is wasted
            }
            long[] r = flush(session, new ArrayList<>(batch.events()), new ArrayList<>(batch.lines()), where, 0);
            imported += r[0];
            skipped += r[1];
            if (bytes) {
                report(batch.bytesRead(), imported + skipped);
            } else {
                progress.at(imported + skipped);
            }
            // the session is rolled back when this throws: nothing of it is stored
            Cancellation.check(() -> "cancelled; nothing was imported (the import is one transaction)");
        }
        return new long[] {imported, skipped, 0};
    }

    /**
     * What a one-pass import does with each record once it is checked: counts it, rejects it, or
     * gives the event to write (with its derived id when it has none). On the reading thread: its
     * state, the validation's and the rejects file are that thread's own until the end.
     */
    private final class Accepted {
        final String unit;
        final Validation v;
        final RejectWriter rejects;
        final DerivedIds ids = new DerivedIds();
        final AtomicBoolean invalidSeen = new AtomicBoolean();

        Accepted(String unit, Validation v, RejectWriter rejects) {
            this.unit = unit;
            this.v = v;
            this.rejects = rejects;
        }

        /** The event to write for {@code line}, checked as {@code parsed}, or null. */
        NewEvent of(LineReader.Line line, Parsed parsed) {
            v.lines = line.number;
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
        }
    }

    /** Events made in memory as the records of an import, numbered from 1 as lines are. */
    private final class Built implements ParsedBatches.Records {
        private final Events events;
        private final Accepted accepted;
        // the record's line, made only when the line's rules must decide (see check)
        private final LineReader.Line line = new LineReader.Line();
        private NewEvent event;

        Built(Events events, Accepted accepted) {
            this.events = events;
            this.accepted = accepted;
        }

        @Override
        public boolean next() throws IOException {
            NewEvent next = events.next();
            if (next == null) {
                return false;
            }
            line.number++;
            event = accepted.of(line, check(next, line));
            return true;
        }

        @Override
        public NewEvent event() {
            return event;
        }

        @Override
        public long number() {
            return line.number;
        }

        @Override
        public long progress() {
            return line.number;
        }
    }

    /**
     * Checks an event made in memory as the NDJSON line it would be ({@link
     * EventJson#writeInput}) is checked by {@link #parse}, with the same outcome and the same
     * message: when {@link EventJson#readsAsIs} vouches that reading that line gives the event back
     * and the line plainly fits the record limit, only the schema rule is left, which is then the
     * line's; otherwise the line is made and parsed, and its rules decide (ADR 0260). {@code line}
     * holds the line whenever the result is a problem, for the rejects file.
     */
    private Parsed check(NewEvent event, LineReader.Line line) {
        line.length = 0;
        line.size = 0;
        line.tooLong = false;
        line.problem = null;
        if (EventJson.readsAsIs(event, options.read()) && EventJson.inputLineBound(event) <= maxLine) {
            Parsed parsed = validated(event);
            if (parsed.problem() != null) {
                asLine(event, line);
            }
            return parsed;
        }
        asLine(event, line);
        return parse(line, "line");
    }

    /** Fills {@code line} with the NDJSON line of {@code event}, as {@link LineReader} would read it. */
    private void asLine(NewEvent event, LineReader.Line line) {
        byte[] bytes = EventJson.inputLine(event);
        line.buffer = bytes;
        line.size = bytes.length;
        line.tooLong = bytes.length > maxLine;
        line.length = line.tooLong ? 0 : bytes.length;
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
        return validated(event);
    }

    /** The last rule of every record: the JSON Schema of its type and version, when the model has one. */
    private Parsed validated(NewEvent event) {
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
