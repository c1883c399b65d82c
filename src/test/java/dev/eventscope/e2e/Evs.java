package dev.eventscope.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built jar the way a user does ({@code java -jar eventscope.jar ARGS}) in a working
 * directory, and hands back the exit code, stdout and stderr.
 *
 * <p>Every run gets {@code NO_COLOR=1}, {@code -Xmx256m} (hostile input must not need more), and an
 * environment without the caller's {@code EVENTSCOPE_*} variables, so a developer's settings
 * cannot leak into a test. The jar path comes from the {@code eventscope.jar} system property that
 * failsafe sets.
 */
public final class Evs {

    /** What one run did. Line ends are normalised to {@code \n}. */
    public record Result(int exitCode, String stdout, String stderr) {

        public List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + abbreviate(stdout) + "--- stderr\n" + abbreviate(stderr);
        }

        private static String abbreviate(String s) {
            return s.length() > 4_000 ? s.substring(0, 4_000) + "...\n" : s;
        }
    }

    private static final long TIMEOUT_SECONDS = 180;

    /** One thread per output stream: a pool that could run out would let a full pipe block the child. */
    private static final ExecutorService DRAINS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "evs-output");
        t.setDaemon(true);
        return t;
    });

    private final Path workDir;
    private final Map<String, String> env;
    private final List<String> jvmOptions;

    private Evs(Path workDir, Map<String, String> env, List<String> jvmOptions) {
        this.workDir = workDir;
        this.env = env;
        this.jvmOptions = jvmOptions;
    }

    /** A runner whose commands start in {@code workDir} (so the default store is {@code workDir/events.db}). */
    public static Evs in(Path workDir) {
        return new Evs(workDir, Map.of(), List.of());
    }

    /** The same runner with one more environment variable. */
    public Evs withEnv(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.put(name, value);
        return new Evs(workDir, more, jvmOptions);
    }

    /** The same runner with one more JVM option, e.g. a system property. */
    public Evs withJvmOption(String option) {
        List<String> more = new ArrayList<>(jvmOptions);
        more.add(option);
        return new Evs(workDir, env, more);
    }

    public Path workDir() {
        return workDir;
    }

    public Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    public Result runWithInput(String stdin, String... args) {
        return runWithInput(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs to the end with {@code stdin} as standard input; fails the test if it hangs. */
    public Result runWithInput(byte[] stdin, String... args) {
        Process process = start(args);
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the command did not read all its input; its exit code and stderr say why
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        "evs " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), text(out.get()), text(err.get()));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot read the output of evs", e);
        }
    }

    /**
     * Starts a command without waiting for it. Standard output and error go to {@code stdout} and
     * {@code stderr} when given (else they are discarded); standard input is empty.
     */
    public Process start(Path stdout, Path stderr, String... args) {
        ProcessBuilder builder = builder(args)
                .redirectOutput(
                        stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()))
                .redirectError(
                        stderr == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stderr.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a command whose standard input stays open for the test to write to (an idle
     * {@code evs shell} reading a script); output goes to the given files.
     */
    public Process startWithInput(Path stdout, Path stderr, String... args) {
        ProcessBuilder builder = builder(args)
                .redirectOutput(ProcessBuilder.Redirect.to(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line that runs the jar with {@code args}, with the same JVM options as every run. */
    public List<String> commandLine(String... args) {
        return builder(args).command();
    }

    private Process start(String... args) {
        try {
            return builder(args).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>();
        command.addAll(Jvm.java(true));
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("EVENTSCOPE_"));
        environment.put("NO_COLOR", "1");
        environment.putAll(env);
        return builder;
    }

    // ------------------------------------------------------------------ where things are

    /** The shaded jar under test. */
    public static Path jar() {
        String jar = System.getProperty("eventscope.jar");
        if (jar == null) {
            throw new IllegalStateException("system property eventscope.jar is not set: run end-to-end tests"
                    + " through failsafe (./mvnw verify), which builds the jar first");
        }
        return Path.of(jar).toAbsolutePath();
    }

    /** The repository root. */
    public static Path baseDir() {
        return Path.of(System.getProperty("eventscope.basedir", ".")).toAbsolutePath();
    }

    /** The directory of the real event logs (see {@link RealLogs}). */
    public static Path dataDir() {
        return RealLogs.dir();
    }

    /** The version the jar reports, from the build. */
    public static String version() {
        return System.getProperty("eventscope.version", "");
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (in) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        in.transferTo(bytes);
                        return bytes.toByteArray();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                DRAINS);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
