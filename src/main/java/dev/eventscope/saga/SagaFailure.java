package dev.eventscope.saga;

/**
 * A saga's rule failed on an event (or when a deadline passed): the message is what the dead letter
 * records, with where in the model file the rule is.
 */
final class SagaFailure extends Exception {

    /** Longest error kept on a dead letter. */
    static final int MAX_ERROR = 4_000;

    SagaFailure(String message) {
        super(bounded(message), null, false, false);
    }

    private static String bounded(String message) {
        String m = message == null || message.isBlank() ? "failed (no message)" : message.strip();
        return m.length() <= MAX_ERROR ? m : m.substring(0, MAX_ERROR - 1) + "…";
    }
}
