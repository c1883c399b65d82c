package dev.eventscope.store;

import dev.eventscope.event.StreamId;
import java.time.Instant;
import java.util.UUID;

/**
 * What a whole-store report over correlations needs of an event: its ids, links, stream, user and
 * valid time, without payload or metadata.
 */
public record EventLink(
        long position,
        UUID eventId,
        String correlationId,
        String causationId,
        StreamId stream,
        String userId,
        Instant timestamp) {

    public EventLink {
        if (position < 1 || eventId == null || stream == null || timestamp == null) {
            throw new IllegalArgumentException("position, eventId, stream and timestamp are required");
        }
    }
}
