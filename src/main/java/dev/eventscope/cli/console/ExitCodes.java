package dev.eventscope.cli.console;

import dev.eventscope.error.Failure;

/** The one place where failure kinds become process exit codes (DESIGN §5). */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int CONFLICT = 3;
    public static final int INVALID_INPUT = 65;
    public static final int NOT_FOUND = 66;
    public static final int INTERNAL = 70;
    public static final int IO = 74;
    public static final int BUSY = 75;
    /** Interrupted by Ctrl-C (128 + SIGINT), as shells report it. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}

    public static int of(Failure failure) {
        switch (failure) {
            case USAGE:
                return USAGE;
            case CHECK_FAILED:
                return CHECK_FAILED;
            case CONFLICT:
                return CONFLICT;
            case INVALID_INPUT:
                return INVALID_INPUT;
            case NOT_FOUND:
                return NOT_FOUND;
            case IO:
                return IO;
            case BUSY:
                return BUSY;
            case INTERNAL:
            default:
                return INTERNAL;
        }
    }
}
