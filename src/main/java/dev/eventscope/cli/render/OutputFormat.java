package dev.eventscope.cli.render;

import dev.eventscope.error.UsageException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats of commands that list things. */
public enum OutputFormat {
    TABLE,
    JSON,
    NDJSON,
    CSV;

    /** Parses {@code text} as one of {@code allowed}, or fails as a usage error naming them. */
    public static OutputFormat parse(String text, OutputFormat fallback, OutputFormat... allowed) {
        if (text == null) {
            return fallback;
        }
        for (OutputFormat f : allowed) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new UsageException(
                "-o " + text + " is not a format of this command",
                "use one of " + Arrays.stream(allowed).map(OutputFormat::label).collect(Collectors.joining(", ")));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
