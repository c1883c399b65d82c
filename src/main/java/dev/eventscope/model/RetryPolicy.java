package dev.eventscope.model;

import java.time.Duration;

/**
 * How often a handler is run on an event before the event is dead-lettered, and how long to wait
 * between runs: {@code backoff} before the second run, doubling before each later one, at most
 * {@link #MAX_WAIT}.
 */
public record RetryPolicy(int attempts, Duration backoff) {

    /** The longest wait between two attempts. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(5);

    /** Rules are deterministic: running one again gives the same failure, so they run once. */
    public static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO);

    /** External commands and plugins may fail for a moment (a network, a lock): three runs, 1 s apart. */
    public static final RetryPolicy EXTERNAL = new RetryPolicy(3, Duration.ofSeconds(1));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be 1 or more, got " + attempts);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must be 0 or more");
        }
    }

    /** The wait before attempt {@code attempt} (2 for the first retry). */
    public Duration waitBefore(int attempt) {
        if (attempt < 2 || backoff.isZero()) {
            return Duration.ZERO;
        }
        Duration wait = backoff;
        for (int i = 2; i < attempt && wait.compareTo(MAX_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
