package dev.eventscope.saga;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in short slices, so that a stop is noticed. */
final class Pause {

    private static final long SLICE_MILLIS = 50;

    private Pause() {}

    /** Waits {@code d}; false when a stop cut it short. */
    static boolean until(Duration d, BooleanSupplier stop) {
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
