package dev.eventscope.store;

import java.time.Instant;

/**
 * How far a handler or projection has processed the log: every event at or before {@code position}
 * has been handled (applied, dead-lettered or parked) exactly as recorded.
 *
 * @param fingerprint what identified the projection's rules when the checkpoint was written (null
 *     for handlers), so a changed projection can be told from the rows it built
 */
public record Checkpoint(String handler, long position, Instant updatedAt, String fingerprint) {

    public Checkpoint {
        if (handler == null || handler.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint needs a handler name");
        }
        if (position < 0) {
            throw new IllegalArgumentException("a checkpoint position is 0 or more, got " + position);
        }
    }
}
