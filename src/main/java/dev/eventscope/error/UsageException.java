package dev.eventscope.error;

/** Options that cannot be combined or do not make sense together. */
public final class UsageException extends EventscopeException {

    public UsageException(String message) {
        this(message, null, null);
    }

    public UsageException(String message, String hint) {
        this(message, hint, null);
    }

    public UsageException(String message, String hint, Throwable cause) {
        super(Failure.USAGE, message, hint, cause);
    }
}
