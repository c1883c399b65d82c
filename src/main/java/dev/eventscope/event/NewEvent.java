package dev.eventscope.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An event on its way into the store, before it has a position.
 *
 * <p>{@code eventId} may be null (the store assigns a random one) and so may {@code timestamp}
 * (the store uses the time it accepts the event). {@code streamVersion} is null unless the input
 * said where in its stream the event must land (an import of an export does).
 */
public record NewEvent(
        UUID eventId,
        String eventType,
        StreamId stream,
        int eventVersion,
        Instant timestamp,
        JsonDoc payload,
        JsonDoc metadata,
        Long streamVersion) {

    public static final int MAX_TYPE_LENGTH = 256;

    public NewEvent {
        Names.require("eventType", eventType, MAX_TYPE_LENGTH);
        if (stream == null) {
            throw new IllegalArgumentException("stream is missing");
        }
        if (eventVersion < 1) {
            throw new IllegalArgumentException("eventVersion must be 1 or more, got " + eventVersion);
        }
        if (payload == null) {
            payload = JsonDoc.EMPTY_OBJECT;
        }
        if (metadata == null) {
            metadata = JsonDoc.EMPTY_OBJECT;
        }
        if (streamVersion != null && streamVersion < 1) {
            throw new IllegalArgumentException("streamVersion must be 1 or more, got " + streamVersion);
        }
    }

    public NewEvent withEventId(UUID id) {
        return new NewEvent(id, eventType, stream, eventVersion, timestamp, payload, metadata, streamVersion);
    }

    /**
     * What differs between this event and {@code stored}, which has the same eventId: the names of
     * the fields this event gives with another value, empty when the two are the same event. A
     * timestamp or stream version this event leaves out is not compared.
     */
    public java.util.List<String> differencesFrom(RecordedEvent stored) {
        var diffs = new java.util.ArrayList<String>();
        if (!stored.eventType().equals(eventType)) {
            diffs.add("eventType");
        }
        if (!stored.stream().equals(stream)) {
            diffs.add("stream");
        }
        if (stored.eventVersion() != eventVersion) {
            diffs.add("eventVersion");
        }
        if (timestamp != null && !stored.timestamp().equals(timestamp)) {
            diffs.add("timestamp");
        }
        if (!stored.payload().equals(payload)) {
            diffs.add("payload");
        }
        if (!stored.metadata().equals(metadata)) {
            diffs.add("metadata");
        }
        if (streamVersion != null && stored.streamVersion() != streamVersion) {
            diffs.add("streamVersion");
        }
        return diffs;
    }

    /** {@code metadata.correlationId}, or null. */
    public String correlationId() {
        return Metadata.text(metadata, Metadata.CORRELATION_ID);
    }

    /** {@code metadata.causationId}, or null. */
    public String causationId() {
        return Metadata.text(metadata, Metadata.CAUSATION_ID);
    }

    /** {@code metadata.userId}, or null. */
    public String userId() {
        return Metadata.text(metadata, Metadata.USER_ID);
    }
}
