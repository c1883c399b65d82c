package dev.eventscope.store;

import dev.eventscope.event.RecordedEvent;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Reading events by how they link to each other: by correlation id, by causation id and by sets of
 * event ids. Every method but {@link #linksByCorrelation()} is answered from an index and reads only
 * the events it returns, however large the store.
 *
 * <p>Lists are in position order. Id collections may be of any size and may hold duplicates.
 */
public interface ReadLinks {

    /** The events whose correlationId is {@code correlationId}, the first {@code limit} of them. */
    List<RecordedEvent> byCorrelation(String correlationId, int limit);

    /** The stored events among {@code eventIds}; ids that are not stored are left out. */
    List<RecordedEvent> byIds(Collection<UUID> eventIds);

    /** The events whose causationId is one of {@code causationIds}, the first {@code limit} of them. */
    List<RecordedEvent> causedBy(Collection<String> causationIds, int limit);

    /**
     * The events whose causationId is one of {@code causationIds} and whose correlationId is none
     * of {@code correlations} (events without a correlationId included), the first {@code limit}
     * of them: what a set of correlations caused outside itself, without reading its own events
     * again.
     */
    List<RecordedEvent> causedOutside(Collection<String> causationIds, Collection<String> correlations, int limit);

    /**
     * The links of every event that has a correlationId, grouped by correlationId (in text order),
     * in position order inside a group. Reads the whole store; close the stream.
     */
    Stream<EventLink> linksByCorrelation();
}
