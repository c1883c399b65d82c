package dev.eventscope.ingest;

/**
 * One event given part by part, as {@code append}'s flags give it: the names as text, payload and
 * metadata as the bytes of JSON documents (null when not given), each with the place to name in a
 * message ({@code --payload}, {@code --payload body.json}). {@link EventInput#fromParts} turns it
 * into the same JSON object an NDJSON line would hold and reads that as every other input is read.
 */
public record EventParts(
        String eventType,
        String aggregateType,
        String aggregateId,
        String eventId,
        Integer eventVersion,
        String timestamp,
        Document payload,
        Document metadata,
        String correlationId,
        String causationId,
        String userId) {

    /** A JSON document's bytes and the place they came from, for messages. */
    public record Document(String place, byte[] json) {}
}
