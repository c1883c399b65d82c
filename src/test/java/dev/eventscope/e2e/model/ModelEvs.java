package dev.eventscope.e2e.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shaded jar ({@code -Deventscope.jar}) as a user would, in a working directory, with
 * {@code NO_COLOR=1} and no model or store from the environment, and captures exit code, stdout and
 * stderr.
 */
final class ModelEvs {

    /** What one run printed and returned. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static final Path JAR = Path.of(System.getProperty("eventscope.jar", "target/eventscope.jar"));
    static final Path BASEDIR = Path.of(System.getProperty("eventscope.basedir", "."));

    private final Path workDir;

    ModelEvs(Path workDir) {
        this.workDir = workDir;
    }

    /** A file of the repository (samples). */
    static Path repo(String relative) {
        return BASEDIR.resolve(relative).toAbsolutePath().normalize();
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.addAll(dev.eventscope.e2e.Jvm.java(true));
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("EVENTSCOPE_DB");
        pb.environment().remove("EVENTSCOPE_MODEL");
        try {
            Path out = Files.createTempFile(workDir, "out", ".txt");
            Path err = Files.createTempFile(workDir, "err", ".txt");
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("evs " + String.join(" ", args) + " did not finish in 120 s");
            }
            Result r = new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
