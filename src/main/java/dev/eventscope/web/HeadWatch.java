package dev.eventscope.web;

import com.sun.net.httpserver.HttpExchange;
import dev.eventscope.engine.Engine;
import dev.eventscope.engine.Engines;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.store.DeadLetters;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Live pages: one thread looks at the store's head position and at the dead-letter queue's figures
 * every {@link #PERIOD_MS} ms while somebody listens, and each listener's connection ({@code GET
 * /live}, server-sent events) gets an event {@code head} with the new position whenever it moves,
 * and an event {@code letters} with the queue's new mark whenever a letter is parked, retried or
 * skipped (no event is appended then); the page then fetches itself again and swaps in its live
 * parts. A comment every {@link #KEEPALIVE_MS} ms notices closed connections. The watching thread
 * opens its own engine (ADR 0110) and closes it when nobody listens.
 */
final class HeadWatch implements AutoCloseable {

    static final long PERIOD_MS = 200;
    static final long KEEPALIVE_MS = 10_000;

    /** More listeners than this get 503: each holds a thread. */
    static final int MAX_LISTENERS = 32;

    private final Engines engines;
    private long head = -1;
    private String letters = "";
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
            long sentHead = Long.MIN_VALUE;
            String sentLetters = "";
            long quietSince = System.currentTimeMillis();
            while (true) {
                Marks now = await(sentHead, sentLetters, KEEPALIVE_MS);
                if (now == null) {
                    return;
                }
                boolean said = false;
                if (now.head() != sentHead) {
                    out.write(("event: head\ndata: " + now.head() + "\n\n").getBytes(StandardCharsets.UTF_8));
                    sentHead = now.head();
                    said = true;
                }
                if (!now.letters().equals(sentLetters)) {
                    out.write(("event: letters\ndata: " + now.letters() + "\n\n").getBytes(StandardCharsets.UTF_8));
                    sentLetters = now.letters();
                    said = true;
                }
                if (said) {
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

    /** What the watcher saw last: the head position and the dead-letter queue's mark. */
    record Marks(long head, String letters) {}

    /**
     * The marks once they differ from those known (or after {@code timeoutMs} the same ones); null
     * when the console stops.
     */
    private synchronized Marks await(long knownHead, String knownLetters, long timeoutMs) {
        long until = System.currentTimeMillis() + timeoutMs;
        while (!closed && (head == -1 || (head == knownHead && letters.equals(knownLetters)))) {
            long left = until - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return closed ? null : new Marks(head, letters);
    }

    /** The mark of a dead-letter queue's figures, as the live feed and the pages' {@code data-letters} carry it. */
    static String mark(DeadLetters.Changes c) {
        return c.letters() + "." + c.parked() + "." + c.attempts() + "." + c.lastFailedMicros() + "."
                + c.lastResolvedMicros();
    }

    private void watch() {
        Engine engine = engines.open();
        try {
            while (true) {
                synchronized (this) {
                    if (closed || listeners == 0) {
                        watcher = null;
                        head = -1;
                        letters = "";
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
                String mark;
                try {
                    mark = mark(engine.overview().letterChanges());
                } catch (EventscopeException e) {
                    // busy, or a store that cannot say: the head alone moves the pages
                    mark = letters;
                }
                synchronized (this) {
                    if (now != head || !mark.equals(letters)) {
                        head = now;
                        letters = mark;
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
