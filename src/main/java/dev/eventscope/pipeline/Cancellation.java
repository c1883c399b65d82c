package dev.eventscope.pipeline;

import java.util.concurrent.CancellationException;

/**
 * Stopping long loops cleanly when their thread is interrupted (Ctrl-C in {@code evs shell}
 * interrupts the thread that runs the command). A loop calls {@link #check} between units of work;
 * the {@link CancellationException} it throws unwinds through try-with-resources, so reads close
 * their statements and writes have committed only whole transactions.
 */
public final class Cancellation {

    private Cancellation() {}

    /** Throws when the current thread was interrupted (and clears the interrupt). */
    public static void check() {
        if (Thread.interrupted()) {
            throw new CancellationException("cancelled");
        }
    }

    /**
     * Throws when the current thread was interrupted, saying what was already done, e.g.
     * {@code "cancelled after importing 4000 events; run the same import again to resume"}.
     */
    public static void check(java.util.function.Supplier<String> done) {
        if (Thread.interrupted()) {
            throw new CancellationException(done.get());
        }
    }
}
