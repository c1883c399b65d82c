package dev.eventscope.dist;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program of the installed distribution (or a system tool) as a user's shell would: in a
 * directory, with exactly the environment given (nothing of the test JVM's leaks in), stdin empty,
 * and hands back the exit code, stdout and stderr.
 */
final class Run {

    /** What one run did. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + cut(out) + "--- stderr\n" + cut(err);
        }

        private static String cut(String s) {
            return s.length() > 4_000 ? s.substring(0, 4_000) + "...\n" : s;
        }
    }

    private static final long TIMEOUT_MINUTES = 5;

    private final Path dir;
    private final Map<String, String> env;

    private Run(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    /**
     * A runner in {@code dir} whose environment is {@code HOME=home} (so the launcher's cache is
     * {@code home/.cache/eventscope}), {@code PATH=path}, {@code LANG=C.UTF-8} and nothing else.
     */
    static Run in(Path dir, Path home, String path) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", path);
        env.put("LANG", "C.UTF-8");
        env.put("NO_COLOR", "1");
        return new Run(dir, env);
    }

    /** The same runner with one more variable. */
    Run with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.put(name, value);
        return new Run(dir, more);
    }

    Result run(String... command) {
        return run(List.of(command));
    }

    Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("dist-run-", ".out");
            Path err = Files.createTempFile("dist-run-", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
                pb.environment().clear();
                pb.environment().putAll(env);
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.redirectOutput(out.toFile());
                pb.redirectError(err.toFile());
                Process p = pb.start();
                if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("timed out after " + TIMEOUT_MINUTES + " min: " + command);
                }
                return new Result(
                        p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Starts {@code command} with its input a pipe the caller writes to, its output and errors
     * going to the files given; the caller waits for it (or ends it).
     */
    Process start(Path out, Path err, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run that must succeed: its stdout, or an assertion error with everything it said. */
    String ok(String... command) {
        Result r = run(command);
        if (r.code() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + r);
        }
        return r.out();
    }
}
