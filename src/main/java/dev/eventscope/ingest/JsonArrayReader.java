package dev.eventscope.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the elements of one top-level JSON array as separate records, so an import treats a JSON
 * array file like NDJSON: each element validated, numbered and written on its own.
 *
 * <p>The reader only finds where each element ends (outside strings, at the comma or bracket that
 * closes it at depth zero); parsing and validating the element is left to the importer. An element
 * keeps its bytes exactly, line breaks included. Like {@link LineReader} it never holds more than
 * {@code maxLine} bytes of one element: a longer one is skipped to its end and reported. A broken
 * array (no closing bracket, an empty element, content after the array) ends with a record that
 * carries the problem. Not thread-safe.
 */
public final class JsonArrayReader implements RecordReader {

    private enum State {
        START,
        BEFORE_ELEMENT,
        AFTER_ARRAY,
        DONE
    }

    private final InputStream in;
    private final int maxElement;
    private final byte[] chunk = new byte[1 << 16];
    private final LineReader.Line element = new LineReader.Line();
    private int chunkPos;
    private int chunkEnd;
    private long bytesRead;
    private State state = State.START;

    public JsonArrayReader(InputStream in, int maxElement) {
        this.in = in;
        this.maxElement = maxElement;
        element.buffer = new byte[Math.min(maxElement, 1 << 16)];
    }

    /**
     * Whether {@code file} holds a JSON array: its first byte other than a UTF-8 byte-order mark
     * and whitespace is {@code [}. (An NDJSON line must be an object, so this cannot be NDJSON.)
     */
    public static boolean holdsArray(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int b = in.read();
            if (b == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
                b = in.read();
            }
            while (isSpace(b)) {
                b = in.read();
            }
            return b == '[';
        }
    }

    @Override
    public String unit() {
        return "element";
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public LineReader.Line next() throws IOException {
        switch (state) {
            case START:
                if (skipBomAndSpace() != '[') {
                    return problem("the input does not start with '['");
                }
                int first = skipSpace();
                if (first == ']') {
                    return afterArray();
                }
                return readElement(first);
            case BEFORE_ELEMENT:
                return readElement(skipSpace());
            case AFTER_ARRAY:
                return afterArray();
            default:
                return null;
        }
    }

    /** Reads one element from its first byte to the comma or bracket that ends it. */
    private LineReader.Line readElement(int first) throws IOException {
        element.number++;
        element.length = 0;
        element.size = 0;
        element.tooLong = false;
        element.problem = null;
        long depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int b = first; ; b = read()) {
            if (b < 0) {
                state = State.DONE;
                element.problem = "the JSON array is not closed: ']' is missing at the end of the input";
                return element;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && depth > 0) {
                depth--;
            } else if (depth == 0 && (b == ',' || b == ']')) {
                state = b == ',' ? State.BEFORE_ELEMENT : State.AFTER_ARRAY;
                if (!element.tooLong && isBlankElement()) {
                    element.problem = "an empty element (nothing between two commas or before ']')";
                }
                return element;
            }
            append((byte) b);
        }
    }

    /** After the closing bracket only whitespace may follow. */
    private LineReader.Line afterArray() throws IOException {
        if (skipSpace() >= 0) {
            return problem("there is more input after the end of the JSON array");
        }
        state = State.DONE;
        return null;
    }

    /** A record that carries only a problem with the array itself; the last record. */
    private LineReader.Line problem(String text) {
        state = State.DONE;
        element.number++;
        element.length = 0;
        element.size = 0;
        element.tooLong = false;
        element.problem = text;
        return element;
    }

    private boolean isBlankElement() {
        for (int i = 0; i < element.length; i++) {
            if (!isSpace(element.buffer[i])) {
                return false;
            }
        }
        return true;
    }

    private void append(byte b) {
        element.size++;
        if (element.tooLong) {
            return;
        }
        if (element.length == maxElement) {
            element.tooLong = true;
            element.length = 0;
            return;
        }
        if (element.length == element.buffer.length) {
            element.buffer = Arrays.copyOf(element.buffer, (int) Math.min(maxElement, element.buffer.length * 2L));
        }
        element.buffer[element.length++] = b;
    }

    private int skipBomAndSpace() throws IOException {
        int b = read();
        if (b == 0xEF) {
            if (read() != 0xBB || read() != 0xBF) {
                return -1;
            }
            b = read();
        }
        while (isSpace(b)) {
            b = read();
        }
        return b;
    }

    private int skipSpace() throws IOException {
        int b = read();
        while (isSpace(b)) {
            b = read();
        }
        return b;
    }

    private static boolean isSpace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private int read() throws IOException {
        if (chunkPos == chunkEnd) {
            int n = in.read(chunk);
            if (n <= 0) {
                return -1;
            }
            bytesRead += n;
            chunkPos = 0;
            chunkEnd = n;
        }
        return chunk[chunkPos++] & 0xff;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
