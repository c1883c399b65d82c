package dev.eventscope.error;

/** Another writer held the store's write lock past the busy timeout; retrying later may succeed. */
public final class StoreBusyException extends EventscopeException {

    public StoreBusyException(String message) {
        this(message, null, null);
    }

    public StoreBusyException(String message, String hint) {
        this(message, hint, null);
    }

    public StoreBusyException(String message, String hint, Throwable cause) {
        super(Failure.BUSY, message, hint, cause);
    }
}
