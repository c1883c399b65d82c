package dev.eventscope.cli.render.trace;

import dev.eventscope.cli.render.Palette;

/**
 * The trace renderers' names for the roles of the one {@link Palette}. Apply to text that is
 * already printable.
 */
final class Style {

    static final Style NONE = new Style(false);

    private final Palette palette;

    Style(boolean on) {
        this.palette = Palette.of(on);
    }

    String bold(String s) {
        return palette.paint(Palette.Role.HEADING, s);
    }

    String type(String s) {
        return palette.paint(Palette.Role.EVENT_TYPE, s);
    }

    String time(String s) {
        return palette.paint(Palette.Role.TIME, s);
    }

    String dim(String s) {
        return palette.paint(Palette.Role.MUTED, s);
    }

    String red(String s) {
        return palette.paint(Palette.Role.ERROR, s);
    }

    String yellow(String s) {
        return palette.paint(Palette.Role.WARNING, s);
    }

    String cyan(String s) {
        return palette.paint(Palette.Role.ACCENT, s);
    }
}
