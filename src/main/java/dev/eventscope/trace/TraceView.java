package dev.eventscope.trace;

import dev.eventscope.event.RecordedEvent;
import java.util.List;
import java.util.function.Function;

/**
 * How a trace shows the events it reads: through the read pipeline's transform (upcasters), so a
 * trace shows events as every other reader does. Links (eventIds, correlation and causation ids)
 * are what a trace follows, and upcasters cannot change them, so the walk itself reads only the
 * link indexes, as stored.
 *
 * <p>An event a split turns into several is shown as all of them; an event the upcasters drop is
 * shown as stored, because the links through it still exist.
 */
final class TraceView {

    private final Function<RecordedEvent, List<RecordedEvent>> transform;

    TraceView(Function<RecordedEvent, List<RecordedEvent>> transform) {
        this.transform = transform;
    }

    /** The events {@code stored} is shown as (at least one). */
    List<RecordedEvent> all(RecordedEvent stored) {
        List<RecordedEvent> out = transform.apply(stored);
        return out.isEmpty() ? List.of(stored) : out;
    }

    /** The event {@code stored} is shown as: the one keeping its eventId. */
    RecordedEvent one(RecordedEvent stored) {
        List<RecordedEvent> out = all(stored);
        for (RecordedEvent e : out) {
            if (e.eventId().equals(stored.eventId())) {
                return e;
            }
        }
        return stored;
    }
}
