package dev.eventscope.pipeline;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one read pipeline (DESIGN §3): store query, then the model's transform (upcasters), then
 * the consumer. Every engine capability that reads events for their content reads them here.
 *
 * <p>Queries select stored events; the transform is applied to what they select, so a filter on
 * the event type matches the stored type.
 */
public final class EventSource {

    private final EventReader reader;
    private final EventTransform transform;

    public EventSource(EventReader reader, EventTransform transform) {
        this.reader = reader;
        this.transform = transform;
    }

    /** A source over events held in memory (specs, what-if timelines). */
    public static EventSource of(List<RecordedEvent> events, EventTransform transform) {
        return new EventSource(new InMemoryEvents(events), transform);
    }

    public EventTransform transform() {
        return transform;
    }

    /**
     * The events {@code query} selects, each passed through the transform. Close the stream.
     * Reading stops with a {@link java.util.concurrent.CancellationException} when the reading
     * thread is interrupted ({@link Cancellation}), so every consumer of the pipeline can be
     * cancelled between two events.
     */
    public Stream<RecordedEvent> read(EventQuery query) {
        Stream<RecordedEvent> stored = reader.read(query).peek(e -> Cancellation.check());
        if (transform.isIdentity()) {
            return stored;
        }
        return stored.flatMap(e -> transform.apply(e).stream());
    }
}
