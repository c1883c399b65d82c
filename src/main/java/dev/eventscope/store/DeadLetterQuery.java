package dev.eventscope.store;

import dev.eventscope.event.StreamId;

/**
 * Which dead letters to list; null fields match anything. Results come in the order of the events
 * (position), then handler.
 */
public record DeadLetterQuery(
        String handler, String eventType, DeadLetter.Status status, StreamId stream, Integer limit) {

    public static final DeadLetterQuery ALL = new DeadLetterQuery(null, null, null, null, null);

    public DeadLetterQuery {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more");
        }
    }

    public DeadLetterQuery withHandler(String newHandler) {
        return new DeadLetterQuery(newHandler, eventType, status, stream, limit);
    }

    public DeadLetterQuery withStatus(DeadLetter.Status newStatus) {
        return new DeadLetterQuery(handler, eventType, newStatus, stream, limit);
    }

    public DeadLetterQuery withStream(StreamId newStream) {
        return new DeadLetterQuery(handler, eventType, status, newStream, limit);
    }
}
