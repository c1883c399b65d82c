package dev.eventscope.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Bytes from one thread to another in chunks, through a short queue: what {@link SourceImporter}
 * writes as NDJSON lines while {@link Importer} reads and imports them (ADR 0236), instead of a
 * spool file read after the source is read. The writer ends with {@link #finish()} or {@link
 * #fail(Throwable)}; the reader then sees the end of the input, or an {@link IOException}. The
 * reader closing its side makes the writer's next write fail, so neither waits for the other for
 * ever.
 */
final class BytePipe {

    /** Bytes per chunk handed over. */
    static final int CHUNK = 1 << 16;

    /** Chunks waiting at most (4 MiB). */
    static final int QUEUED = 64;

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED);
    private volatile boolean readerClosed;
    private volatile Throwable failure;

    private final Out out = new Out();
    private final In in = new In();

    /** The writing side; {@link #finish()} or {@link #fail} ends it, never close alone. */
    OutputStream output() {
        return out;
    }

    /** The reading side. */
    InputStream input() {
        return in;
    }

    /** The reader is done (what the input's close does): the writer's next write fails. */
    void stopReading() {
        in.close();
    }

    /** The writer is done: what it wrote is the whole input. */
    void finish() throws IOException {
        out.flush();
        hand(END);
    }

    /** The writer failed: the reader's next read throws (the caller reports {@code t} itself). */
    void fail(Throwable t) {
        failure = t;
        try {
            hand(END);
        } catch (IOException e) {
            // the reader is gone: nobody is left to tell
        }
    }

    private void hand(byte[] chunk) throws IOException {
        try {
            while (!readerClosed) {
                if (queue.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            throw new IOException("the import stopped reading");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing events to the import");
        }
    }

    private final class Out extends OutputStream {
        private byte[] chunk = new byte[CHUNK];
        private int used;

        @Override
        public void write(int b) throws IOException {
            if (used == chunk.length) {
                flush();
            }
            chunk[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == chunk.length) {
                    flush();
                }
                int n = Math.min(len, chunk.length - used);
                System.arraycopy(b, off, chunk, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            if (used > 0) {
                hand(used == chunk.length ? chunk : Arrays.copyOf(chunk, used));
                chunk = new byte[CHUNK];
                used = 0;
            }
        }
    }

    private final class In extends InputStream {
        private byte[] chunk = new byte[0];
        private int next;
        private boolean ended;

        private boolean fill() throws IOException {
            while (next == chunk.length) {
                if (ended) {
                    return false;
                }
                byte[] taken;
                try {
                    taken = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the source");
                }
                if (taken == END) {
                    ended = true;
                    if (failure != null) {
                        throw new IOException("reading the source failed: " + failure.getMessage(), failure);
                    }
                    return false;
                }
                chunk = taken;
                next = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? chunk[next++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - next);
            System.arraycopy(chunk, next, b, off, n);
            next += n;
            return n;
        }

        @Override
        public void close() {
            readerClosed = true;
            queue.clear();
        }
    }
}
