package dev.eventscope.spec;

import java.util.List;

/**
 * How one spec went: passed, or failed with a readable list of differences (or the unexpected
 * error).
 */
public record SpecResult(Spec spec, boolean passed, List<String> differences, long nanos) {

    public SpecResult {
        differences = List.copyOf(differences);
    }
}
