package dev.eventscope.process;

import dev.eventscope.event.Times;
import dev.eventscope.model.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Runs a handler on a unit by its retry policy, waiting between attempts, until it works or runs out. */
final class Attempts {

    private static final long SLICE_MILLIS = 50;

    private Attempts() {}

    /**
     * @param external whether the handler acts outside the store: its failure while a stop is
     *     pending (Ctrl-C reaches the command too) is not recorded, the event comes again
     */
    static Outcome run(Handler handler, Unit unit, RetryPolicy policy, boolean external, BooleanSupplier stop) {
        Instant first = null;
        Instant last = null;
        String error = null;
        for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
            if (attempt > 1 && !pause(policy.waitBefore(attempt), stop)) {
                return new Outcome.Interrupted();
            }
            try {
                return new Outcome.Succeeded(handler.handle(unit), attempt);
            } catch (HandlerFailure f) {
                last = Times.nowMicros();
                first = first == null ? last : first;
                error = f.getMessage();
                if (external && stop.getAsBoolean()) {
                    return new Outcome.Interrupted();
                }
            }
        }
        return new Outcome.Failed(error, policy.attempts(), first, last);
    }

    /** Waits {@code d}, in short slices so a stop is noticed; false when a stop cut it short. */
    static boolean pause(Duration d, BooleanSupplier stop) {
        long end = System.nanoTime() + d.toNanos();
        while (!stop.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(SLICE_MILLIS, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
