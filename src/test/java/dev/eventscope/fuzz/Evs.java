package dev.eventscope.fuzz;

import dev.eventscope.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs {@code evs} in this JVM as the jar would (the real command line, its error handler and exit
 * codes), against a store in a scratch directory. Fuzz targets run thousands of commands a second
 * this way; a child JVM per input would allow a handful.
 */
final class Evs {

    /** What one command did. */
    record Run(String[] args, int exit, String out, String err) {
        @Override
        public String toString() {
            return "evs " + String.join(" ", Arrays.asList(args)) + "\nexit " + exit + "\nstdout: " + clip(out)
                    + "\nstderr: " + clip(err);
        }

        private static String clip(String s) {
            return s.length() > 4000 ? s.substring(0, 4000) + "…" : s;
        }
    }

    private final Path dir;

    Evs(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path db() {
        return dir.resolve("events.db");
    }

    /** {@code evs --db DIR/events.db --no-color ARGS}. */
    Run run(String... args) {
        return run(null, args);
    }

    /** As {@link #run(String...)}, with {@code stdin} as standard input. */
    Run run(byte[] stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--db", db().toString(), "--no-color"));
        all.addAll(List.of(args));
        String[] argv = all.toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = System.in;
        if (stdin != null) {
            System.setIn(new ByteArrayInputStream(stdin));
        }
        try {
            Main main = new Main();
            int code = Main.run(Main.commandLine(main, new PrintWriter(out), new PrintWriter(err), argv), main, argv);
            return new Run(argv, code, out.toString(), err.toString());
        } finally {
            System.setIn(in);
        }
    }

    /** A fresh scratch directory under {@code java.io.tmpdir}, removed when the JVM exits. */
    static Path scratch(String name) {
        try {
            Path d = Files.createTempDirectory("evs-fuzz-" + name + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code path} and everything below it; quietly, as this is only clean-up. */
    static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a scratch file left behind is not worth failing a run for
        }
    }

    /** Empties the scratch directory: the next command starts without a store. */
    void reset() {
        try (Stream<Path> all = Files.list(dir)) {
            all.forEach(Evs::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
