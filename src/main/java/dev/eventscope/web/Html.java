package dev.eventscope.web;

/**
 * HTML built from constant templates and escaped values, so a value from the log can never become
 * markup. A template is written in the source; its {@code {}} holes are filled with arguments, each
 * escaped for text and quoted attribute values alike ({@link #escape}), unless it is already
 * {@link Safe} HTML made by this class. Templates quote every attribute with {@code "}.
 *
 * <p>Not thread-safe; one builder per response.
 */
final class Html {

    /** A piece of HTML that is safe to insert as it is: made by a builder, never from data. */
    record Safe(String html) {
        @Override
        public String toString() {
            return html;
        }
    }

    /** Longest text a cell of a table shows; the event page shows values in full. */
    static final int CELL = 160;

    private final StringBuilder out;

    Html() {
        this(4096);
    }

    Html(int capacity) {
        out = new StringBuilder(capacity);
    }

    /**
     * Appends {@code template} with each {@code {}} replaced by the next argument, escaped (or as it
     * is when {@link Safe}; null is the empty text).
     */
    Html add(String template, Object... args) {
        int arg = 0;
        int from = 0;
        while (true) {
            int hole = template.indexOf("{}", from);
            if (hole < 0) {
                break;
            }
            out.append(template, from, hole);
            if (arg >= args.length) {
                throw new IllegalArgumentException("too few arguments for " + template);
            }
            append(args[arg++]);
            from = hole + 2;
        }
        if (arg != args.length) {
            throw new IllegalArgumentException("too many arguments for " + template);
        }
        out.append(template, from, template.length());
        return this;
    }

    /** Appends one value, escaped (or as it is when {@link Safe}). */
    Html text(Object value) {
        append(value);
        return this;
    }

    /** Appends {@code text} escaped, cut to {@code max} characters with an ellipsis. */
    Html cut(String text, int max) {
        append(clip(text, max));
        return this;
    }

    private void append(Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Safe s) {
            out.append(s.html());
        } else if (value instanceof Html h) {
            out.append(h.out);
        } else {
            escape(out, value.toString());
        }
    }

    Safe safe() {
        return new Safe(out.toString());
    }

    int length() {
        return out.length();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** {@code text} cut to {@code max} characters (not splitting a surrogate pair), with an ellipsis. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** {@code text} escaped: see {@link #escape(StringBuilder, String)}. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        escape(s, text);
        return s.toString();
    }

    /**
     * Appends {@code text} safe inside HTML text, quoted attribute values, SVG text and XML: the five
     * characters {@code & < > " '} as entities; and, shown as a visible {@code \\uXXXX} like the
     * terminal shows them (ADR 0070), what could hide or disguise text or break a document: C0
     * controls other than tab and line feed, DEL and the C1 controls, the bidi controls (U+061C,
     * U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), the line and paragraph separators U+2028 and
     * U+2029, U+FFFE, U+FFFF and a surrogate without its pair.
     */
    static void escape(StringBuilder s, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        s.append(c).append(text.charAt(++i));
                    } else if (shown(c)) {
                        s.append(c);
                    } else {
                        s.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
    }

    /** Whether a lone UTF-16 unit is shown as it is. */
    private static boolean shown(char c) {
        if (c == '\t' || c == '\n') {
            return true;
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return false;
        }
        if (Character.isSurrogate(c) || c == '\ufffe' || c == '\uffff') {
            return false;
        }
        return !(c == '\u061c'
                || c == '\u200e'
                || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028'
                || c == '\u2029');
    }
}
