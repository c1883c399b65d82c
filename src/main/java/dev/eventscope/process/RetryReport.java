package dev.eventscope.process;

import java.util.List;

/** What a {@code dlq retry} did, letter by letter in order, and whether a stop cut it short. */
public record RetryReport(List<RetryStep> steps, boolean dryRun, boolean stopped) {

    public RetryReport {
        steps = List.copyOf(steps);
    }

    /** Letters still parked after the retry: failed again, not attempted, or without a handler. */
    public long stillFailing() {
        return steps.stream().filter(s -> s.result().stillFailing()).count();
    }

    public long resolved() {
        return steps.stream()
                .filter(s -> s.result() == RetryStep.Result.RESOLVED || s.result() == RetryStep.Result.NOT_HANDLED)
                .count();
    }
}
