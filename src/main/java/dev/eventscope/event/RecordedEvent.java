package dev.eventscope.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as the store holds it: the event plus its global {@code position}, its
 * {@code streamVersion} inside its stream, when the store accepted it ({@code recordedAt}), and the
 * {@code hash} that chains it to the event before it.
 *
 * <p>The indexed metadata values ({@code correlationId}, {@code causationId}, {@code userId}) are
 * carried alongside, so readers that only need them do not parse the metadata.
 */
public record RecordedEvent(
        long position,
        UUID eventId,
        String eventType,
        StreamId stream,
        long streamVersion,
        int eventVersion,
        Instant timestamp,
        Instant recordedAt,
        JsonDoc payload,
        JsonDoc metadata,
        String correlationId,
        String causationId,
        String userId,
        String hash) {

    public RecordedEvent {
        if (position < 1 || streamVersion < 1 || eventVersion < 1) {
            throw new IllegalArgumentException("position, streamVersion and eventVersion must be 1 or more");
        }
    }

    public String aggregateType() {
        return stream.aggregateType();
    }

    public String aggregateId() {
        return stream.aggregateId();
    }

    /** A copy carrying {@code newHash}. */
    public RecordedEvent withHash(String newHash) {
        return new RecordedEvent(
                position,
                eventId,
                eventType,
                stream,
                streamVersion,
                eventVersion,
                timestamp,
                recordedAt,
                payload,
                metadata,
                correlationId,
                causationId,
                userId,
                newHash);
    }

    /** A copy with another type, schema version and payload (what an upcaster changes). */
    public RecordedEvent withContent(String type, int version, JsonDoc newPayload, JsonDoc newMetadata) {
        return new RecordedEvent(
                position,
                eventId,
                type,
                stream,
                streamVersion,
                version,
                timestamp,
                recordedAt,
                newPayload,
                newMetadata,
                correlationId,
                causationId,
                userId,
                hash);
    }
}
