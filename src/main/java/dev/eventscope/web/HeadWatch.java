package dev.eventscope.web;

import com.sun.net.httpserver.HttpExchange;
import dev.eventscope.engine.Engine;
import dev.eventscope.engine.Engines;
import dev.eventscope.error.EventscopeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Live pages: one thread looks at the store's head position every {@link #PERIOD_MS} ms while
 * somebody listens, and each listener's connection ({@code GET /live}, server-sent events) gets an
 * event {@code head} with the new position whenever it moves; the page then fetches itself again
 * and swaps in its live parts. A comment every {@link #KEEPALIVE_MS} ms notices closed connections.
 * The watching thread opens its own engine (ADR 0110) and closes it when nobody listens.
 */
final class HeadWatch implements AutoCloseable {

    static final long PERIOD_MS = 200;
    static final long KEEPALIVE_MS = 10_000;

    /** More listeners than this get 503: each holds a thread. */
    static final int MAX_LISTENERS = 32;

    private final Engines engines;
    private long head = -1;
    private int listeners;
    private Thread watcher;
    private boolean closed;

    HeadWatch(Engines engines) {
        this.engines = engines;
    }

    /** Answers {@code GET /live}: an event stream, until the browser goes away or the console stops. */
    void serve(HttpExchange ex) throws IOException {
        if (!join()) {
            WebConsole.send(ex, Response.text(503, "evs ui: too many live pages open\n"));
            return;
        }
        try {
            var h = ex.getResponseHeaders();
            WebConsole.Headers.secure(h);
            h.set("Content-Type", "text/event-stream; charset=utf-8");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long sent = Long.MIN_VALUE;
            long quietSince = System.currentTimeMillis();
            while (true) {
                long now = await(sent, KEEPALIVE_MS);
                if (now == Long.MIN_VALUE) {
                    return;
                }
                if (now != sent) {
                    out.write(("event: head\ndata: " + now + "\n\n").getBytes(StandardCharsets.UTF_8));
                    sent = now;
                    quietSince = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - quietSince >= KEEPALIVE_MS) {
                    out.write(": still here\n\n".getBytes(StandardCharsets.UTF_8));
                    quietSince = System.currentTimeMillis();
                }
                out.flush();
            }
        } finally {
            leave();
        }
    }

    private synchronized boolean join() {
        if (closed || listeners >= MAX_LISTENERS) {
            return false;
        }
        listeners++;
        if (watcher == null) {
            watcher = new Thread(this::watch, "evs-ui-head-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        return true;
    }

    private synchronized void leave() {
        listeners--;
        notifyAll();
    }

    /**
     * The head once it differs from {@code known} (or after {@code timeoutMs} the same one);
     * {@link Long#MIN_VALUE} when the console stops.
     */
    private synchronized long await(long known, long timeoutMs) {
        long until = System.currentTimeMillis() + timeoutMs;
        while (!closed && (head == known || head == -1)) {
            long left = until - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Long.MIN_VALUE;
            }
        }
        return closed ? Long.MIN_VALUE : head;
    }

    private void watch() {
        Engine engine = engines.open();
        try {
            while (true) {
                synchronized (this) {
                    if (closed || listeners == 0) {
                        watcher = null;
                        head = -1;
                        return;
                    }
                }
                long now;
                try {
                    now = engine.overview().headPosition();
                } catch (EventscopeException e) {
                    // no store yet, or busy: look again next time
                    now = 0;
                }
                synchronized (this) {
                    if (now != head) {
                        head = now;
                        notifyAll();
                    }
                }
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } finally {
            engine.close();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
