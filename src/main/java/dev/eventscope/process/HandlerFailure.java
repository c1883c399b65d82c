package dev.eventscope.process;

/** A handler failed on an event; the message is what the dead letter records as its error. */
final class HandlerFailure extends Exception {

    /** Longest error kept on a dead letter. */
    static final int MAX_ERROR = 4_000;

    HandlerFailure(String message) {
        super(bounded(message), null, false, false);
    }

    static String bounded(String message) {
        String m = message == null || message.isBlank() ? "failed (no message)" : message.strip();
        return m.length() <= MAX_ERROR ? m : m.substring(0, MAX_ERROR - 1) + "…";
    }
}
