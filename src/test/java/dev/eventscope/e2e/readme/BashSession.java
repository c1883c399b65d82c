package dev.eventscope.e2e.readme;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One bash process that runs a document's commands one after another, as a user's shell does:
 * what a command exports, the directory it changes to and the variables it sets stay for the
 * commands after it, and {@code $?} is the exit code of the one before. Each command's output
 * (stdout and stderr together, as a terminal shows them) goes to a file of its own; its standard
 * input is empty.
 */
final class BashSession implements AutoCloseable {

    /** What one command did. */
    record Ran(int exitCode, String output) {}

    private static final String END = "__readme_step_done ";

    private final Process bash;
    private final Writer input;
    private final BlockingQueue<String> done = new LinkedBlockingQueue<>();
    private final Path io;
    private final Path errors;
    private int count;

    BashSession(Path workDir, Map<String, String> env, Path io) {
        this.io = io;
        this.errors = io.resolve("bash.err");
        try {
            Files.createDirectories(io);
            ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-s")
                    .directory(workDir.toFile())
                    .redirectError(errors.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            bash = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        input = new java.io.OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String l = r.readLine(); l != null; l = r.readLine()) {
                            if (l.startsWith(END)) {
                                done.add(l.substring(END.length()));
                            }
                        }
                    } catch (IOException e) {
                        // the shell went away: run() reports it
                    }
                    done.add("gone");
                },
                "readme-bash");
        reader.setDaemon(true);
        reader.start();
        // a pipeline fails when any command in it fails: a README's 'evs ... | jq' must not hide evs failing
        send("set -o pipefail\n");
    }

    /** Runs one command (several lines when it has them) and waits for it, at most {@code timeout}. */
    Ran run(String command, Duration timeout) {
        int n = ++count;
        Path out = io.resolve("out." + n);
        // the braces keep the command's own redirections, cd and assignments; the line after them
        // reports its exit code and leaves it in $? for the next command
        send("{ " + command + "\n} > '" + out + "' 2>&1 < /dev/null; __readme_rc=$?; printf '" + END
                + "%s\\n' \"$__readme_rc\"; (exit \"$__readme_rc\")\n");
        String code;
        try {
            code = done.poll(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (code == null) {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly();
            throw new AssertionError("did not finish in " + timeout.toSeconds() + " s: " + command);
        }
        if (code.equals("gone")) {
            throw new AssertionError("the shell exited while running: " + command + "\n" + read(errors));
        }
        return new Ran(Integer.parseInt(code.trim()), read(out));
    }

    private void send(String text) {
        try {
            input.write(text);
            input.flush();
        } catch (IOException e) {
            throw new AssertionError("the shell no longer reads commands: " + read(errors), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n")
                    : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!bash.waitFor(10, TimeUnit.SECONDS)) {
                bash.descendants().forEach(ProcessHandle::destroyForcibly);
                bash.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
