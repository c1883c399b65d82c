package dev.eventscope.store.sql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * The rows of an open result set, stepped and mapped on a thread of its own while the consumer
 * works on the rows before them (ADR 0043). A long scan spends about half its time inside SQLite
 * and the driver (on PostgreSQL: waiting for the server's next rows and decoding them, ADR 0240);
 * on a machine with a second core that half overlaps with parsing and folding.
 *
 * <p>The reader runs at most {@link #BATCHES} batches ahead, so memory stays bounded whatever the
 * store's size. It touches only its own result set; {@link #stop} returns once it has let go of
 * it, so the statement can then be closed. A failure on the reader reaches the consumer at the
 * row where it happened, as the same exception a plain read would have thrown.
 */
public final class ReadAhead<T> implements Iterator<T> {

    /** Batches waiting for the consumer, at most. */
    static final int BATCHES = 4;

    /** Rows in the first batch: small, so the first rows are not delayed; later ones double. */
    static final int FIRST_BATCH = 16;

    static final int LARGEST_BATCH = 512;

    private static final class Batch<T> {
        final List<T> rows;
        final Throwable failure;
        final boolean last;

        Batch(List<T> rows, Throwable failure, boolean last) {
            this.rows = rows;
            this.failure = failure;
            this.last = last;
        }
    }

    private final Iterator<T> source;
    private final BlockingQueue<Batch<T>> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private volatile boolean stopped;

    private Batch<T> current = new Batch<>(List.of(), null, false);
    private int next;

    /**
     * Reads {@code source} (the mapped rows of an open result set, SQL errors translated) ahead;
     * only the reader thread touches it once started.
     */
    public ReadAhead(Iterator<T> source) {
        this.source = source;
        this.thread = new Thread(this::read, "evs-read-ahead");
        thread.setDaemon(true);
    }

    public ReadAhead<T> start() {
        thread.start();
        return this;
    }

    private void read() {
        int size = FIRST_BATCH;
        List<T> rows = new ArrayList<>(size);
        try {
            while (!stopped && source.hasNext()) {
                rows.add(source.next());
                if (rows.size() == size) {
                    if (!hand(new Batch<>(rows, null, false))) {
                        return;
                    }
                    size = Math.min(size * 2, LARGEST_BATCH);
                    rows = new ArrayList<>(size);
                }
            }
            hand(new Batch<>(rows, null, true));
        } catch (RuntimeException | Error e) {
            hand(new Batch<>(rows, e, true));
        }
    }

    /** Queues a batch for the consumer; false when the consumer has stopped reading. */
    private boolean hand(Batch<T> batch) {
        try {
            while (!stopped) {
                if (queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public boolean hasNext() {
        while (next == current.rows.size()) {
            if (current.last) {
                if (current.failure != null) {
                    Throwable failure = current.failure;
                    current = new Batch<>(List.of(), null, true);
                    throw rethrow(failure);
                }
                return false;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                throw new CancellationException("cancelled");
            }
            next = 0;
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.rows.get(next++);
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }

    /** Stops the reader and waits until it no longer uses the result set. */
    public void stop() {
        stopped = true;
        queue.clear();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
