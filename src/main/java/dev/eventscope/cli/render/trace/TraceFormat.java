package dev.eventscope.cli.render.trace;

import dev.eventscope.error.UsageException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output formats of {@code evs trace}. */
public enum TraceFormat {
    TREE,
    JSON,
    NDJSON,
    TABLE,
    DOT,
    MERMAID,
    SVG,
    HTML;

    /** Parses {@code text} as one of {@code allowed}, or fails as a usage error naming them. */
    public static TraceFormat parse(String text, TraceFormat fallback, TraceFormat... allowed) {
        if (text == null) {
            return fallback;
        }
        for (TraceFormat f : allowed) {
            if (f.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new UsageException(
                "-o " + text + " is not a format of this command",
                "use one of " + Arrays.stream(allowed).map(TraceFormat::label).collect(Collectors.joining(", ")));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
