package dev.eventscope.process;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.util.List;
import java.util.UUID;

/**
 * One stored event as a handler sees it: what the pipeline made of it (usually one event, after
 * upcasting), keeping only what the handler subscribes to. The unit of exactly-once processing,
 * of checkpoints and of dead letters.
 */
record Unit(long position, UUID eventId, String eventType, StreamId stream, List<RecordedEvent> events) {

    Unit {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a unit has at least one event");
        }
    }

    static Unit of(List<RecordedEvent> events) {
        RecordedEvent first = events.get(0);
        return new Unit(first.position(), first.eventId(), first.eventType(), first.stream(), events);
    }
}
