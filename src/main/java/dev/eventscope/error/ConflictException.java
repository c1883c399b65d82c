package dev.eventscope.error;

/** Wrong expected version, or an eventId reused with different content. */
public final class ConflictException extends EventscopeException {

    public ConflictException(String message) {
        this(message, null, null);
    }

    public ConflictException(String message, String hint) {
        this(message, hint, null);
    }

    public ConflictException(String message, String hint, Throwable cause) {
        super(Failure.CONFLICT, message, hint, cause);
    }
}
