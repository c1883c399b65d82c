package dev.eventscope.e2e;

import java.util.Random;

/**
 * Where in a run a crash test kills the process: a random delay after a reference moment (the
 * start, the first commit, a temporary file appearing), below a bound measured on the machine the
 * test runs on. The bound starts at nine tenths of an uninterrupted run's time after the
 * reference and shrinks whenever a run finishes before its kill, so the number of runs a test needs
 * for its kills does not depend on how fast the machine is.
 */
public final class KillWindow {

    private long boundMillis;

    private KillWindow(long boundMillis) {
        this.boundMillis = Math.max(1, boundMillis);
    }

    /** A window below nine tenths of {@code uninterruptedMillis}, an uninterrupted run's time. */
    public static KillWindow calibrated(long uninterruptedMillis) {
        return new KillWindow(uninterruptedMillis * 9 / 10);
    }

    /** The next delay after the reference moment, uniform below the bound. */
    public long next(Random random) {
        return (long) (random.nextDouble() * boundMillis);
    }

    /** A run finished {@code elapsedMillis} after the reference, before its kill: aim earlier. */
    public void finishedAfter(long elapsedMillis) {
        boundMillis = Math.max(1, Math.min(boundMillis, elapsedMillis * 8 / 10));
    }

    public long boundMillis() {
        return boundMillis;
    }
}
