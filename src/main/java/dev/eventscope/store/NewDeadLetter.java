package dev.eventscope.store;

import dev.eventscope.event.StreamId;
import java.time.Instant;
import java.util.UUID;

/**
 * A dead letter to park: the event, how often it was attempted and the last error (or, for an
 * event parked behind an earlier dead letter, 0 attempts and that letter's id).
 */
public record NewDeadLetter(
        String handler,
        UUID eventId,
        long position,
        String eventType,
        StreamId stream,
        int attempts,
        String error,
        Long blockedBy,
        Instant firstFailedAt,
        Instant lastFailedAt) {

    public NewDeadLetter {
        if (handler == null || eventId == null || eventType == null || stream == null) {
            throw new IllegalArgumentException("a dead letter needs its handler and event");
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be 0 or more");
        }
    }

    /** The same letter parked behind {@code letterId} (it keeps its own attempts and error). */
    public NewDeadLetter behind(Long letterId) {
        return new NewDeadLetter(
                handler, eventId, position, eventType, stream, attempts, error, letterId, firstFailedAt, lastFailedAt);
    }
}
