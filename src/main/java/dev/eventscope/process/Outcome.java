package dev.eventscope.process;

import java.time.Instant;

/** How running a handler on one unit, with its retries, ended. */
sealed interface Outcome permits Outcome.Succeeded, Outcome.Failed, Outcome.Interrupted {

    /** It worked on attempt {@code attempts}; {@code effects} are to be written. */
    record Succeeded(Effects effects, int attempts) implements Outcome {}

    /** Every attempt failed; the last error, and when the first and last failed. */
    record Failed(String error, int attempts, Instant firstFailedAt, Instant lastFailedAt) implements Outcome {}

    /** A stop was asked for before it could finish: nothing is to be recorded, the event comes again. */
    record Interrupted() implements Outcome {}
}
