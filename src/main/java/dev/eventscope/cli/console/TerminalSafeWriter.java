package dev.eventscope.cli.console;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The last guard between data and a terminal: escapes every character that could drive the
 * terminal (C0 controls other than newline and tab, DEL, the C1 controls U+0080..U+009F such as
 * U+009B CSI, and the bidirectional overrides) as {@code \}{@code uXXXX}. Renderers escape data
 * already (tables via {@code Text.printable}, JSON via Jackson, which leaves DEL and C1 raw); this
 * catches what they leave and any path that forgot. ESC passes only as the start of an SGR colour
 * sequence ({@code ESC [ digits/semicolons m}), which is what the palette writes; any other ESC
 * (a title change, a screen clear, a cursor move) is escaped.
 *
 * <p>The escape is also a valid JSON escape, so JSON stays valid JSON with the same meaning. Used
 * only when the stream is a terminal: files and pipes get the bytes exactly (ADR 0070).
 */
public final class TerminalSafeWriter extends FilterWriter {

    private static final int MAX_SGR = 32;

    /** Characters of a possible SGR sequence held until it is complete or proven not to be one. */
    private final StringBuilder pending = new StringBuilder();

    public TerminalSafeWriter(Writer out) {
        super(out);
    }

    /** True when {@code c} must not reach a terminal raw (ESC is decided separately). */
    public static boolean unsafe(int c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** {@code text} with every unsafe character (ESC included) escaped: for one-off strings. */
    public static String escape(String text) {
        StringBuilder s = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (s == null) {
                    s = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                s.append(String.format("\\u%04x", (int) c));
            } else if (s != null) {
                s.append(c);
            }
        }
        return s == null ? text : s.toString();
    }

    @Override
    public void write(int c) throws IOException {
        if (pending.length() > 0) {
            pending.append((char) c);
            settle();
        } else if (c == 0x1b) {
            pending.append((char) c);
        } else if (unsafe(c)) {
            out.write(String.format("\\u%04x", c));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = buf[i];
            if (pending.length() > 0 || c == 0x1b || unsafe(c)) {
                out.write(buf, start, i - start);
                write(c);
                start = i + 1;
            }
        }
        out.write(buf, start, end - start);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        write(str.toCharArray(), off, len);
    }

    /** Decides a held ESC sequence once it is a complete SGR sequence or cannot become one. */
    private void settle() throws IOException {
        int n = pending.length();
        char last = pending.charAt(n - 1);
        if (n == 2) {
            if (last != '[') {
                reject();
            }
            return;
        }
        if (last == 'm') {
            out.write(pending.toString());
            pending.setLength(0);
        } else if (!(Character.isDigit(last) || last == ';') || n > MAX_SGR) {
            reject();
        }
    }

    private void reject() throws IOException {
        String held = pending.toString();
        pending.setLength(0);
        out.write("\\u001b");
        // the rest may hold another ESC or unsafe characters: write it through the same checks
        write(held, 1, held.length() - 1);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (pending.length() > 0) {
            String held = pending.toString();
            pending.setLength(0);
            out.write("\\u001b");
            out.write(escape(held.substring(1)));
        }
        out.close();
    }

    /** {@code w}, guarded when it goes to a terminal (ADR 0070); as it is into a file or a pipe. */
    public static java.io.Writer guard(java.io.Writer w, boolean terminal) {
        return terminal ? new TerminalSafeWriter(w) : w;
    }
}
