package dev.eventscope.event;

/** Making untrusted text safe inside XML and HTML documents (SVG drawings, reports). */
public final class Xml {

    private Xml() {}

    /**
     * {@code text} safe inside XML 1.0 text and attribute values, and so inside HTML: {@code &},
     * {@code <}, {@code >}, {@code "} and {@code '} as entities, and every character XML cannot hold
     * (control characters other than tab and line feed, U+FFFE, U+FFFF, and a surrogate without its
     * pair) shown as an escape such as {@code \u001b}, so the document stays well-formed and the
     * reader still sees that something was there. Null is the empty text.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    s.append("&amp;");
                    break;
                case '<':
                    s.append("&lt;");
                    break;
                case '>':
                    s.append("&gt;");
                    break;
                case '"':
                    s.append("&quot;");
                    break;
                case '\'':
                    s.append("&#39;");
                    break;
                default:
                    if (Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        s.append(c).append(text.charAt(++i));
                    } else if (allowed(c)) {
                        s.append(c);
                    } else {
                        s.append(String.format("\\u%04x", (int) c));
                    }
            }
        }
        return s.toString();
    }

    /** A single UTF-16 unit XML 1.0 allows on its own (pairs are handled by the caller). */
    private static boolean allowed(char c) {
        return c == '\t'
                || c == '\n'
                || (c >= 0x20 && c < 0x7f)
                || (c >= 0xa0 && c <= 0xd7ff)
                || (c >= 0xe000 && c <= 0xfffd);
    }
}
