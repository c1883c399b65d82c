package dev.eventscope.pipeline;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Events held in memory, read with the same {@link EventQuery} semantics as the store: every
 * filter, in position order (version order inside one stream), reverse and limit.
 */
final class InMemoryEvents implements EventReader {

    private final List<RecordedEvent> events;

    InMemoryEvents(List<RecordedEvent> events) {
        List<RecordedEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(RecordedEvent::position).thenComparingLong(RecordedEvent::streamVersion));
        this.events = List.copyOf(sorted);
    }

    @Override
    public Stream<RecordedEvent> read(EventQuery q) {
        boolean oneStream = q.aggregateType() != null && q.aggregateId() != null;
        Comparator<RecordedEvent> order = oneStream
                ? Comparator.comparingLong(RecordedEvent::streamVersion)
                : Comparator.comparingLong(RecordedEvent::position);
        if (q.reverse()) {
            order = order.reversed();
        }
        Stream<RecordedEvent> s = events.stream().filter(e -> matches(q, e)).sorted(order);
        return q.limit() == null ? s : s.limit(q.limit());
    }

    static boolean matches(EventQuery q, RecordedEvent e) {
        return e.stream().matches(q.aggregateType(), q.aggregateId())
                && (q.types().isEmpty() || q.types().contains(e.eventType()))
                && (q.since() == null || !e.timestamp().isBefore(q.since()))
                && (q.until() == null || !e.timestamp().isAfter(q.until()))
                && (q.asOf() == null || !e.recordedAt().isAfter(q.asOf()))
                && (q.correlationId() == null || Objects.equals(q.correlationId(), e.correlationId()))
                && (q.causationId() == null || Objects.equals(q.causationId(), e.causationId()))
                && (q.userId() == null || Objects.equals(q.userId(), e.userId()))
                && (q.fromPosition() == null || e.position() >= q.fromPosition())
                && (q.toPosition() == null || e.position() <= q.toPosition());
    }
}
