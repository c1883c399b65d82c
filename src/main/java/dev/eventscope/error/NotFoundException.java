package dev.eventscope.error;

/** A store file, stream, event or other named thing does not exist. */
public final class NotFoundException extends EventscopeException {

    public NotFoundException(String message) {
        this(message, null, null);
    }

    public NotFoundException(String message, String hint) {
        this(message, hint, null);
    }

    public NotFoundException(String message, String hint, Throwable cause) {
        super(Failure.NOT_FOUND, message, hint, cause);
    }
}
