package dev.eventscope.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads NDJSON input line by line as bytes, never holding more than {@code maxLine} bytes of one
 * line: a longer line is skipped to its end and reported, so a hostile 200 MB line cannot exhaust
 * memory.
 *
 * <p>Lines end with {@code \n}; a {@code \r} before it is dropped (CRLF files read the same). A
 * UTF-8 byte-order mark at the very start is skipped. Not thread-safe.
 */
public final class LineReader implements RecordReader {

    /** One line: its 1-based number, its bytes in {@code buffer[0..length)}, or too long. */
    public static final class Line {
        public long number;
        public byte[] buffer;
        public int length;
        public boolean tooLong;
        /** Bytes in the line, counted even when it was too long to keep. */
        public long size;
        /** What is wrong with the input at this record, found while reading it; null when nothing. */
        public String problem;
    }

    private final InputStream in;
    private final int maxLine;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private boolean eof;
    private boolean first = true;
    private final Line line = new Line();
    private long bytesRead;

    public LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
        line.buffer = new byte[Math.min(maxLine, 1 << 16)];
    }

    @Override
    public String unit() {
        return "line";
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    /** The next line (the same object, refilled), or null at the end of input. */
    @Override
    public Line next() throws IOException {
        line.length = 0;
        line.size = 0;
        line.tooLong = false;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkEnd) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = chunkPos;
            int nl = -1;
            for (int i = chunkPos; i < chunkEnd; i++) {
                if (chunk[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? chunkEnd : nl;
            append(start, end - start);
            chunkPos = nl < 0 ? chunkEnd : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        line.number++;
        if (!line.tooLong && line.length > 0 && line.buffer[line.length - 1] == '\r') {
            line.length--;
        }
        if (first) {
            first = false;
            if (line.length >= 3
                    && (line.buffer[0] & 0xff) == 0xEF
                    && (line.buffer[1] & 0xff) == 0xBB
                    && (line.buffer[2] & 0xff) == 0xBF) {
                System.arraycopy(line.buffer, 3, line.buffer, 0, line.length - 3);
                line.length -= 3;
            }
        }
        return line;
    }

    private void append(int from, int count) {
        line.size += count;
        if (line.tooLong) {
            return;
        }
        if (line.length + (long) count > maxLine) {
            line.tooLong = true;
            line.length = 0;
            return;
        }
        if (line.length + count > line.buffer.length) {
            int size = (int) Math.min(maxLine, Math.max(line.buffer.length * 2L, line.length + (long) count));
            line.buffer = Arrays.copyOf(line.buffer, size);
        }
        System.arraycopy(chunk, from, line.buffer, line.length, count);
        line.length += count;
    }

    private boolean fill() throws IOException {
        int n = in.read(chunk);
        if (n <= 0) {
            eof = true;
            return false;
        }
        bytesRead += n;
        chunkPos = 0;
        chunkEnd = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
