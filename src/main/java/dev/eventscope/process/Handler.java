package dev.eventscope.process;

/**
 * A projection or handler ready to run: given one unit, it either does its work and says what to
 * write to the store, or fails.
 */
interface Handler {

    /**
     * Runs on the unit's events, in order.
     *
     * @return what to write in the transaction that records the event as handled
     * @throws HandlerFailure when it fails (the whole unit fails)
     */
    Effects handle(Unit unit) throws HandlerFailure;
}
