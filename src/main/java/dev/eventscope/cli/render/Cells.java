package dev.eventscope.cli.render;

import org.jline.utils.WCWidth;

/**
 * How wide text is on a terminal, in cells: most characters take one, East Asian wide characters and
 * most emoji take two, combining marks none (JLine's {@link WCWidth}). Tables line up by this, not
 * by the number of characters.
 */
public final class Cells {

    private Cells() {}

    /** The cells {@code text} takes (text already made printable: no control characters). */
    public static int width(String text) {
        int cells = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            cells += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return cells;
    }

    /** {@code text} in at most {@code cells} cells: cut, with an ellipsis, when it is wider. */
    public static String fit(String text, int cells) {
        if (width(text) <= cells) {
            return text;
        }
        int room = Math.max(0, cells - 1);
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int w = Math.max(0, WCWidth.wcwidth(cp));
            if (used + w > room) {
                break;
            }
            used += w;
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + "…";
    }
}
