package dev.eventscope.trace;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.EventLink;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ReadEvents;
import dev.eventscope.store.ReadLinks;
import dev.eventscope.store.StoreHead;
import dev.eventscope.store.StreamQuery;
import dev.eventscope.store.StreamSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The store's read ports, recording every event they hand out. Whole-store reads fail the test:
 * a trace must never scan.
 */
final class CountingReads implements ReadEvents, ReadLinks {

    private final EventStore store;
    final List<RecordedEvent> read = new ArrayList<>();
    int queries;

    CountingReads(EventStore store) {
        this.store = store;
    }

    Tracer tracer() {
        return new Tracer(this, this, e -> e);
    }

    private <T extends Collection<RecordedEvent>> T count(T events) {
        queries++;
        read.addAll(events);
        return events;
    }

    private Optional<RecordedEvent> count(Optional<RecordedEvent> event) {
        queries++;
        event.ifPresent(read::add);
        return event;
    }

    @Override
    public List<RecordedEvent> byCorrelation(String correlationId, int limit) {
        return count(store.links().byCorrelation(correlationId, limit));
    }

    @Override
    public List<RecordedEvent> byIds(Collection<UUID> eventIds) {
        return count(store.links().byIds(eventIds));
    }

    @Override
    public List<RecordedEvent> causedBy(Collection<String> causationIds, int limit) {
        return count(store.links().causedBy(causationIds, limit));
    }

    @Override
    public List<RecordedEvent> causedOutside(
            Collection<String> causationIds, Collection<String> correlations, int limit) {
        return count(store.links().causedOutside(causationIds, correlations, limit));
    }

    @Override
    public Optional<RecordedEvent> byId(UUID eventId) {
        return count(store.byId(eventId));
    }

    @Override
    public Optional<RecordedEvent> byPosition(long position) {
        return count(store.byPosition(position));
    }

    @Override
    public Stream<EventLink> linksByCorrelation() {
        throw new AssertionError("a trace read the whole store");
    }

    @Override
    public Stream<RecordedEvent> read(EventQuery query) {
        throw new AssertionError("a trace read events by query: " + query);
    }

    @Override
    public long currentVersion(StreamId stream) {
        throw new AssertionError("a trace read a stream version");
    }

    @Override
    public Stream<StreamSummary> streams(StreamQuery query) {
        throw new AssertionError("a trace listed streams");
    }

    @Override
    public StoreHead head() {
        throw new AssertionError("a trace read the head");
    }

    @Override
    public void awaitAppend(long position, java.time.Duration max) throws InterruptedException {
        store.awaitAppend(position, max);
    }
}
