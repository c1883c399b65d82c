package dev.eventscope.trace;

import dev.eventscope.event.RecordedEvent;
import java.util.List;

/** Where a trace starts: what the id the user gave turned out to be. */
public sealed interface TraceEntry {

    /** The id as given. */
    String id();

    /** An event, found by eventId or by position. */
    record Event(String id, RecordedEvent event, boolean byPosition) implements TraceEntry {
        public Event {
            if (id == null || event == null) {
                throw new IllegalArgumentException("id and event are required");
            }
        }
    }

    /** A correlationId that at least one event carries. */
    record Correlation(String id) implements TraceEntry {
        public Correlation {
            if (id == null) {
                throw new IllegalArgumentException("id is required");
            }
        }
    }

    /**
     * A causationId that is not an event but causes events (a command id such as
     * {@code cmd-place-order-456}): the trace starts from the events it caused.
     */
    record Cause(String id, List<RecordedEvent> events) implements TraceEntry {
        public Cause {
            if (id == null || events == null || events.isEmpty()) {
                throw new IllegalArgumentException("id and at least one caused event are required");
            }
            events = List.copyOf(events);
        }
    }
}
