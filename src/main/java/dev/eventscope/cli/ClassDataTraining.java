package dev.eventscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Typical commands run in-process on a scratch store, while {@code scripts/evs} records the
 * class-data archive on the first start of a jar (ADR 0041). The archive then holds the classes of
 * the store, the JSON and the renderers, whichever command happened to come first: a first
 * {@code --version} no longer leaves every later {@code append} loading half its classes from the
 * jar.
 *
 * <p>Output is discarded and failures are ignored: training only makes later starts faster.
 */
final class ClassDataTraining {

    static final String PROPERTY = "eventscope.cds.training";

    private ClassDataTraining() {}

    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    static void run() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("eventscope-training-");
            String db = dir.resolve("training.db").toString();
            Path input = dir.resolve("events.ndjson");
            Files.writeString(
                    input,
                    "{\"eventType\":\"Trained\",\"aggregateType\":\"Training\",\"aggregateId\":\"t-2\","
                            + "\"timestamp\":\"2024-01-15T10:30:00+01:00\",\"payload\":{\"items\":[{\"n\":1.5}]},"
                            + "\"metadata\":{\"correlationId\":\"c-1\",\"userId\":\"u-1\"}}\n");
            String[][] commands = {
                {
                    "-q",
                    "--db",
                    db,
                    "append",
                    "--type",
                    "Trained",
                    "--aggregate-type",
                    "Training",
                    "--aggregate-id",
                    "t-1",
                    "--payload",
                    "{\"n\":1}",
                    "--correlation-id",
                    "c-1"
                },
                {"-q", "--db", db, "import", input.toString()},
                {"-q", "--db", db, "events"},
                {"-q", "--db", db, "events", "-o", "ndjson", "--correlation-id", "c-1"},
                {"-q", "--db", db, "show", "1"},
                {"-q", "--db", db, "streams"},
                {"-q", "--db", db, "export"},
                {"-q", "--db", db, "head"},
                {"-q", "--db", db, "verify"},
                {"--help"},
                {"--version"},
                {"append", "--help"}
            };
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            // what Main answers before building a command line
            sink.print(RootHelp.answer(new String[] {"--help"}, false, 0, null));
            sink.print(RootHelp.answer(new String[] {"--help"}, true, 100, null));
            sink.print(RootHelp.answer(new String[] {"--version"}, false, 0, null));
            for (String[] args : commands) {
                Main main = new Main();
                try {
                    Main.commandLine(main, sink, sink, args).execute(args);
                } finally {
                    main.closeEngine();
                }
            }
        } catch (Exception | LinkageError e) {
            // nothing to report: without training the archive is only smaller
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a scratch directory in the temporary directory; the system cleans it up
        }
    }
}
