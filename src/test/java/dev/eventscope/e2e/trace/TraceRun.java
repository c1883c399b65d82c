package dev.eventscope.e2e.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real jar ({@code eventscope.jar} system property, set by failsafe) as a user would, with
 * {@code NO_COLOR=1}, and collects the exit code, stdout and stderr.
 */
final class TraceRun {

    record Result(int exit, String out, String err) {}

    private TraceRun() {}

    static Path jar() {
        String jar = System.getProperty("eventscope.jar");
        if (jar == null) {
            throw new IllegalStateException("run through failsafe: the eventscope.jar property is missing");
        }
        return Path.of(jar);
    }

    /** The repository root. */
    static Path basedir() {
        return Path.of(System.getProperty("eventscope.basedir", "."));
    }

    static Result evs(Path workDir, String... args) {
        try {
            List<String> command = new ArrayList<>();
            command.addAll(dev.eventscope.e2e.Jvm.java(true));
            command.add("-jar");
            command.add(jar().toString());
            command.addAll(List.of(args));
            Path out = Files.createTempFile(workDir, "out", ".txt");
            Path err = Files.createTempFile(workDir, "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("NO_COLOR", "1");
            pb.environment().remove("EVENTSCOPE_DB");
            pb.environment().remove("EVENTSCOPE_MODEL");
            Process p = pb.start();
            p.getOutputStream().close(); // no input: a command that reads stdin sees its end
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("evs " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
