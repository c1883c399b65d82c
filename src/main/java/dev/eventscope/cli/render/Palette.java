package dev.eventscope.cli.render;

import java.util.EnumMap;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The one set of colours of Eventscope's output: every renderer asks for a role (an event type, an
 * aggregate, a time, a diff line) rather than a colour, so the same thing looks the same in every
 * command. Styles come from JLine's ANSI support; a plain palette returns text unchanged.
 *
 * <p>Text given to {@link #paint} must already be printable (control characters escaped): the
 * palette adds escape sequences, it never lets data add its own.
 */
public final class Palette {

    /** What a piece of text is, which decides its colour. */
    public enum Role {
        HEADING,
        EVENT_TYPE,
        AGGREGATE,
        TIME,
        POSITION,
        ADDED,
        REMOVED,
        CHANGED,
        MUTED,
        ACCENT,
        WARNING,
        ERROR
    }

    /** No colour at all. */
    public static final Palette PLAIN = new Palette(false);

    private static volatile Palette colors;

    private final boolean on;
    private final Map<Role, AttributedStyle> styles = new EnumMap<>(Role.class);

    private Palette(boolean on) {
        this.on = on;
        if (on) {
            AttributedStyle d = AttributedStyle.DEFAULT;
            styles.put(Role.HEADING, d.bold());
            styles.put(Role.EVENT_TYPE, d.bold().foreground(AttributedStyle.CYAN));
            styles.put(Role.AGGREGATE, d.foreground(AttributedStyle.BRIGHT + AttributedStyle.BLUE));
            styles.put(Role.TIME, d.faint());
            styles.put(Role.POSITION, d.foreground(AttributedStyle.MAGENTA));
            styles.put(Role.ADDED, d.foreground(AttributedStyle.GREEN));
            styles.put(Role.REMOVED, d.foreground(AttributedStyle.RED));
            styles.put(Role.CHANGED, d.foreground(AttributedStyle.YELLOW));
            styles.put(Role.MUTED, d.faint());
            styles.put(Role.ACCENT, d.foreground(AttributedStyle.CYAN));
            styles.put(Role.WARNING, d.bold().foreground(AttributedStyle.YELLOW));
            styles.put(Role.ERROR, d.bold().foreground(AttributedStyle.RED));
        }
    }

    /** The colour palette when {@code on}, else the plain one. */
    public static Palette of(boolean on) {
        if (!on) {
            return PLAIN;
        }
        Palette p = colors;
        if (p == null) {
            p = new Palette(true);
            colors = p;
        }
        return p;
    }

    public boolean on() {
        return on;
    }

    /** {@code text} (already printable) styled for {@code role}, or unchanged when colour is off. */
    public String paint(Role role, String text) {
        if (!on || text.isEmpty()) {
            return text;
        }
        return new AttributedString(text, styles.get(role)).toAnsi();
    }

    /** The style of {@code role}, for renderers that build JLine attributed strings (top). */
    public AttributedStyle style(Role role) {
        return on ? styles.get(role) : AttributedStyle.DEFAULT;
    }
}
