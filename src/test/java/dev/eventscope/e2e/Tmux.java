package dev.eventscope.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A program in a real terminal: a detached tmux session, typed into and read back (send-keys, capture-pane). */
final class Tmux implements AutoCloseable {

    private final String session;

    private Tmux(String session) {
        this.session = session;
    }

    /**
     * Starts {@code command} in a new 120x40 session in {@code dir}, without colour and without history.
     * Fails, saying what to install, when tmux is not there.
     */
    static Tmux start(Path dir, List<String> command) {
        HostPrograms.require("tmux", "tmux");
        String name = "evs-it-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> tmux = new ArrayList<>(List.of("tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40"));
        tmux.add("-c");
        tmux.add(dir.toString());
        tmux.add("env");
        tmux.add("NO_COLOR=1");
        tmux.add("XDG_STATE_HOME=" + dir.resolve("state"));
        tmux.addAll(command);
        run(tmux);
        return new Tmux(name);
    }

    void type(String text) {
        run(List.of("tmux", "send-keys", "-t", session, "-l", text));
    }

    void key(String key) {
        run(List.of("tmux", "send-keys", "-t", session, key));
    }

    String screen() {
        return run(List.of("tmux", "capture-pane", "-p", "-t", session));
    }

    /** Waits until the screen shows {@code text}; returns the screen. */
    String waitFor(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String screen = screen();
        while (!screen.contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal never showed '" + text + "'; it shows:\n" + screen);
            }
            Thread.sleep(50);
            screen = screen();
        }
        return screen;
    }

    @Override
    public void close() {
        run(List.of("tmux", "kill-session", "-t", session));
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
