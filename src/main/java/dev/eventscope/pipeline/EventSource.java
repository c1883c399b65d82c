package dev.eventscope.pipeline;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one read pipeline (DESIGN §3): store query, then the model's transform (upcasters), then
 * the consumer. Every engine capability that reads events for their content reads them here.
 *
 * <p>Queries select stored events; the transform is applied to what they select. A filter on the
 * event type matches the type as read (after upcasting): the store is asked for the stored types
 * that may become it, and what the transform returns is filtered again. A limit counts events as
 * read (a split yields several), and in a reverse read the events of a split come last first.
 * Every other filter (stream, times, positions, correlation, causation, user) is on values an
 * upcaster cannot change.
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
        if (transform.isIdentity()) {
            return reader.read(query).peek(e -> Cancellation.check());
        }
        Set<String> types = query.types();
        EventQuery stored = query.withLimit(null);
        if (!types.isEmpty()) {
            stored = stored.withTypes(transform.storedTypesFor(types));
        }
        boolean reverse = query.reverse();
        Stream<RecordedEvent> read = reader.read(stored)
                .peek(e -> Cancellation.check())
                .flatMap(e -> {
                    List<RecordedEvent> out = transform.apply(e);
                    if (reverse && out.size() > 1) {
                        out = new ArrayList<>(out);
                        Collections.reverse(out);
                    }
                    return out.stream();
                });
        if (!types.isEmpty()) {
            read = read.filter(e -> types.contains(e.eventType()));
        }
        return query.limit() == null ? read : read.limit(query.limit());
    }
}
