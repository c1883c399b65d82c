package dev.eventscope.ingest;

import dev.eventscope.event.NewEvent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and parses input on a thread of its own and hands the events over in batches through a
 * short queue, so that parsing overlaps with the store writing the batch before (an atomic import,
 * ADR 0040). At most {@value #QUEUED} batches wait at a time, of as many events as the session
 * takes at once ({@link dev.eventscope.store.ImportSession#parsedBatchSize()}).
 *
 * <p>Everything the handler touches belongs to the reading thread until {@link #next()} has
 * returned null (the thread has then ended, and its writes are visible to the caller). Closing
 * before that stops the reading thread.
 */
final class ParsedBatches implements AutoCloseable {

    static final int QUEUED = 4;

    /** Turns one line into the event to write, or null (blank, invalid, or nothing more to write). */
    @FunctionalInterface
    interface LineHandler {
        NewEvent handle(LineReader.Line line);
    }

    /**
     * The records of an input, read one at a time on the batches' thread: lines of a file, or
     * events made in memory ({@code import --from}, ADR 0260).
     */
    interface Records {
        /** Reads the next record; false at the end of the input. */
        boolean next() throws IOException;

        /** The event the current record gives, or null (blank, invalid, or nothing more to write). */
        NewEvent event();

        /** The current record's number, from 1. */
        long number();

        /** How far the input is read, for progress: its bytes, or its records. */
        long progress();
    }

    /** Events with the numbers of their records, and how far into the input the batch ends. */
    record Batch(List<NewEvent> events, List<Long> lines, long bytesRead) {}

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    private final int batch;
    private final Thread thread;
    private volatile boolean closed;

    ParsedBatches(RecordReader reader, LineHandler handler, int batch) {
        this(lines(reader, handler), batch);
    }

    ParsedBatches(Records records, int batch) {
        this.batch = batch;
        thread = new Thread(() -> produce(records), "evs-import-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** The lines of {@code reader} as records, each turned into its event by {@code handler}. */
    private static Records lines(RecordReader reader, LineHandler handler) {
        return new Records() {
            private LineReader.Line line;
            private NewEvent event;

            @Override
            public boolean next() throws IOException {
                line = reader.next();
                event = line == null ? null : handler.handle(line);
                return line != null;
            }

            @Override
            public NewEvent event() {
                return event;
            }

            @Override
            public long number() {
                return line.number;
            }

            @Override
            public long progress() {
                return reader.bytesRead();
            }
        };
    }

    private void produce(Records records) {
        try {
            List<NewEvent> events = new ArrayList<>(batch);
            List<Long> lines = new ArrayList<>(batch);
            while (records.next()) {
                NewEvent event = records.event();
                if (event != null) {
                    events.add(event);
                    lines.add(records.number());
                    if (events.size() >= batch) {
                        put(new Batch(events, lines, records.progress()));
                        events = new ArrayList<>(batch);
                        lines = new ArrayList<>(batch);
                    }
                }
            }
            if (!events.isEmpty()) {
                put(new Batch(events, lines, records.progress()));
            }
            put(END);
        } catch (InterruptedException e) {
            // closed by the writing side
        } catch (Throwable t) {
            try {
                put(t);
            } catch (InterruptedException e) {
                // closed by the writing side
            }
        }
    }

    private void put(Object item) throws InterruptedException {
        if (!closed) {
            queue.put(item);
        }
    }

    /** The next batch, or null at the end of the input; rethrows what the reading thread met. */
    Batch next() throws IOException {
        Object item;
        try {
            item = queue.take();
            if (item == END) {
                thread.join();
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the input");
        }
        if (item instanceof IOException io) {
            throw io;
        }
        if (item instanceof RuntimeException re) {
            throw re;
        }
        if (item instanceof Error err) {
            throw err;
        }
        return (Batch) item;
    }

    @Override
    public void close() {
        if (!thread.isAlive()) {
            return;
        }
        closed = true;
        thread.interrupt();
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
