package dev.eventscope.lint;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a lint run: one finding per rule that ran (in rule order, found or not), and the
 * rules that could not run with the reason (for instance no model).
 */
public record LintReport(long events, List<Finding> findings, Map<Rule, String> skipped) {

    public LintReport {
        findings = List.copyOf(findings);
        // in rule order: an immutable copy would iterate in an order that changes from run to run
        skipped = skipped.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(skipped));
    }

    /** True when any error-level rule matched something: {@code evs lint} then exits 1. */
    public boolean failed() {
        for (Finding f : findings) {
            if (f.found() && f.rule().severity() == Severity.ERROR) {
                return true;
            }
        }
        return false;
    }
}
