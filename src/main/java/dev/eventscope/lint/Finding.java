package dev.eventscope.lint;

import java.util.List;

/**
 * What one rule found: how many events (or event types) match and a few examples, each a line for
 * people. A rule that found nothing has count 0 and no examples.
 *
 * @param subject what {@code count} counts: "events" or "event types"
 */
public record Finding(Rule rule, long count, String subject, List<String> examples) {

    public Finding {
        if (rule == null || subject == null) {
            throw new IllegalArgumentException("rule and subject are required");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more");
        }
        examples = List.copyOf(examples);
    }

    /** True when the rule matched something. */
    public boolean found() {
        return count > 0;
    }
}
