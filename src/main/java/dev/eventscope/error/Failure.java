package dev.eventscope.error;

/**
 * The kind of a failure, independent of how a front end reports it.
 *
 * <p>The CLI maps each kind to one exit code in one place; the core never knows exit codes.
 */
public enum Failure {
    /** The command line or its arguments cannot be understood. */
    USAGE,
    /** A check ran and found problems (verify, lint, upcast check, test). */
    CHECK_FAILED,
    /** Wrong expected version, or an eventId reused with different content. */
    CONFLICT,
    /** Malformed or invalid input data; nothing was written. */
    INVALID_INPUT,
    /** A store file, stream, event or handler does not exist. */
    NOT_FOUND,
    /** I/O failure or a damaged store (disk full, read-only, corrupt file). */
    IO,
    /** The store stayed locked by another writer past the busy timeout. */
    BUSY,
    /** A bug. */
    INTERNAL
}
