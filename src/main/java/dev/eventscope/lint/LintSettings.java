package dev.eventscope.lint;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.Durations;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a lint run checks.
 *
 * @param rules the rules to run (all when empty)
 * @param maxPayloadBytes payloads larger than this are reported by {@code large-payload}
 * @param maxRecordLag events recorded later than this after their timestamp are reported by {@code
 *     record-lag}
 * @param examples how many examples each finding lists
 */
public record LintSettings(Set<Rule> rules, long maxPayloadBytes, Duration maxRecordLag, int examples) {

    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024;
    public static final Duration DEFAULT_MAX_RECORD_LAG = Duration.ofDays(1);
    public static final int DEFAULT_EXAMPLES = 3;

    public LintSettings {
        rules = rules == null || rules.isEmpty() ? EnumSet.allOf(Rule.class) : EnumSet.copyOf(rules);
        if (maxPayloadBytes < 0) {
            throw new UsageException("--max-payload-bytes must be 0 or more");
        }
        if (maxRecordLag == null || maxRecordLag.isNegative()) {
            throw new IllegalArgumentException("the record lag threshold must be 0 or more");
        }
        if (examples < 0) {
            throw new UsageException("--examples must be 0 or more");
        }
    }

    /**
     * A threshold written {@code 90s}, {@code 30m}, {@code 12h} or {@code 7d}.
     *
     * @throws UsageException naming {@code option} when the text is not such a duration
     */
    public static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " '" + text + "' is not a duration", "write it as " + Durations.EXAMPLES);
        }
    }

    /**
     * The rules with these ids (an id may also be a comma-separated list).
     *
     * @throws UsageException naming an unknown id and listing the known ones
     */
    public static Set<Rule> rules(java.util.List<String> ids) {
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        for (String item : ids) {
            for (String id : item.split(",")) {
                if (id.isBlank()) {
                    continue;
                }
                rules.add(Rule.byId(id.trim())
                        .orElseThrow(() -> new UsageException(
                                "no lint rule '" + id.trim() + "'", "the rules are " + String.join(", ", Rule.ids()))));
            }
        }
        return rules;
    }

    public static LintSettings defaults() {
        return new LintSettings(Set.of(), DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_RECORD_LAG, DEFAULT_EXAMPLES);
    }
}
