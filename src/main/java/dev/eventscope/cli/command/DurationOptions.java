package dev.eventscope.cli.command;

import dev.eventscope.error.UsageException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** Options that take a duration, read by the one grammar of {@link dev.eventscope.event.Durations}. */
final class DurationOptions {

    private DurationOptions() {}

    /**
     * The duration given as {@code option}; a plain number counts in {@code bareUnit} (as the option
     * took before units were accepted).
     */
    static Duration parse(String option, String text, ChronoUnit bareUnit) {
        try {
            return dev.eventscope.event.Durations.parse(text, bareUnit);
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    option + " '" + text + "' is not a duration",
                    "write it as " + dev.eventscope.event.Durations.EXAMPLES);
        }
    }
}
