package dev.eventscope.e2e.web;

import dev.eventscope.e2e.Evs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code evs ui} running from the built jar, as a user starts it: the address it prints (with its
 * token) is read from its standard output; closing it sends SIGTERM, as Ctrl-C would, and waits.
 */
final class UiProcess implements AutoCloseable {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Process process;
    private final URI url;
    private final Path err;

    private UiProcess(Process process, URI url, Path err) {
        this.process = process;
        this.url = url;
        this.err = err;
    }

    /** Runs {@code evs ARGS} (which include {@code ui}) in {@code evs}'s directory and waits for its address. */
    static UiProcess start(Evs evs, String... args) {
        int n = RUNS.incrementAndGet();
        Path out = evs.workDir().resolve("ui-" + n + ".out");
        Path err = evs.workDir().resolve("ui-" + n + ".err");
        Process p = evs.start(out, err, args);
        long until = System.currentTimeMillis() + 60_000;
        try {
            while (System.currentTimeMillis() < until) {
                List<String> lines = Files.exists(out) ? Files.readAllLines(out, StandardCharsets.UTF_8) : List.of();
                if (!lines.isEmpty() && lines.get(0).startsWith("http://")) {
                    return new UiProcess(p, URI.create(lines.get(0).trim()), err);
                }
                if (!p.isAlive()) {
                    throw new AssertionError("evs ui ended with exit " + p.exitValue() + ": "
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
        throw new AssertionError("evs ui printed no address in 60 s");
    }

    /** The printed address, with the token. */
    URI url() {
        return url;
    }

    /** The address of {@code pathAndQuery} on this console (the browser has the cookie already). */
    String at(String pathAndQuery) {
        return "http://" + url.getAuthority() + pathAndQuery;
    }

    /** What it wrote to standard error so far. */
    String stderr() {
        try {
            return Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of standard error that report a bug. */
    List<String> internalErrors() {
        List<String> out = new ArrayList<>();
        for (String line : stderr().split("\n")) {
            if (line.contains("internal error")) {
                out.add(line);
            }
        }
        return out;
    }

    /** Stops it as Ctrl-C does and returns its exit code. */
    int stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("evs ui did not stop on SIGTERM within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
