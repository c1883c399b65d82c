package dev.eventscope.error;

/** The store cannot be read or written: I/O failure, read-only or damaged file. */
public final class StoreIoException extends EventscopeException {

    public StoreIoException(String message) {
        this(message, null, null);
    }

    public StoreIoException(String message, String hint) {
        this(message, hint, null);
    }

    public StoreIoException(String message, String hint, Throwable cause) {
        super(Failure.IO, message, hint, cause);
    }
}
