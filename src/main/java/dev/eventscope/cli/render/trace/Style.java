package dev.eventscope.cli.render.trace;

/** ANSI colour for people at a terminal, or nothing. Apply to text that is already printable. */
final class Style {

    static final Style NONE = new Style(false);

    private final boolean on;

    Style(boolean on) {
        this.on = on;
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    String red(String s) {
        return wrap("31", s);
    }

    String yellow(String s) {
        return wrap("33", s);
    }

    String cyan(String s) {
        return wrap("36", s);
    }

    private String wrap(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
