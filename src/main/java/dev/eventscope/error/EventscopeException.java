package dev.eventscope.error;

import java.util.Optional;

/**
 * Base of every failure the engine reports on purpose: it carries the facts in its message, a
 * {@link Failure} kind, and optionally a hint about what to do next.
 *
 * <p>Messages are written for people: what happened and the facts, without a trailing period.
 */
public abstract sealed class EventscopeException extends RuntimeException
        permits ConflictException,
                InvalidInputException,
                NotFoundException,
                StoreIoException,
                StoreBusyException,
                UsageException {

    private final Failure failure;
    private final String hint;

    protected EventscopeException(Failure failure, String message, String hint, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.hint = hint;
    }

    public Failure failure() {
        return failure;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
