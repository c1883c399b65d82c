package dev.eventscope.process;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.Subscription;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.store.EventQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the units a handler is fed, through the pipeline (store, upcasters): the events of a
 * position range that the subscription matches after upcasting, grouped by the stored event they
 * came from.
 */
final class UnitReader {

    private final EventSource source;
    private final Subscription subscription;

    UnitReader(EventSource source, Subscription subscription) {
        this.source = source;
        this.subscription = subscription;
    }

    /** The units at positions {@code from..to}, in position order. */
    List<Unit> read(long from, long to) {
        EventQuery query = EventQuery.ALL.withPositions(from, to);
        // the store filters by the stored type; only without upcasters is that the type handlers see
        if (source.transform().isIdentity() && !subscription.allTypes()) {
            query = query.withTypes(subscription.eventTypes());
        }
        List<Unit> units = new ArrayList<>();
        List<RecordedEvent> group = new ArrayList<>();
        long current = -1;
        try (Stream<RecordedEvent> events = source.read(query)) {
            for (var it = events.iterator(); it.hasNext(); ) {
                RecordedEvent e = it.next();
                if (e.position() != current) {
                    flush(group, units);
                    current = e.position();
                }
                if (subscription.matches(e.eventType(), e.aggregateType())) {
                    group.add(e);
                }
            }
        }
        flush(group, units);
        return units;
    }

    /** The unit of the stored event at {@code position}, empty when the handler is not fed it (any longer). */
    Optional<Unit> at(long position) {
        List<Unit> units = read(position, position);
        return units.isEmpty() ? Optional.empty() : Optional.of(units.get(0));
    }

    private static void flush(List<RecordedEvent> group, List<Unit> units) {
        if (!group.isEmpty()) {
            units.add(Unit.of(group));
            group.clear();
        }
    }
}
