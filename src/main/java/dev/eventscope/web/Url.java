package dev.eventscope.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A link inside the console: a fixed path and percent-encoded query parameters. Values from the log
 * only ever go into parameters, so a link can never leave the console or run a script; the result is
 * escaped again where it lands in an attribute ({@link Html}).
 */
final class Url {

    private final StringBuilder s;
    private boolean first = true;

    private Url(String path) {
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("a console link starts with one /: " + path);
        }
        s = new StringBuilder(path);
    }

    static Url of(String path) {
        return new Url(path);
    }

    /** Adds {@code name=value}; a null or empty value is left out. */
    Url param(String name, Object value) {
        if (value == null || value.toString().isEmpty()) {
            return this;
        }
        s.append(first ? '?' : '&')
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        first = false;
        return this;
    }

    @Override
    public String toString() {
        return s.toString();
    }
}
