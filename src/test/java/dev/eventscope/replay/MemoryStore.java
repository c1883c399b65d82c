package dev.eventscope.replay;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.EventTransform;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.ReadEvents;
import dev.eventscope.store.StoreHead;
import dev.eventscope.store.StreamQuery;
import dev.eventscope.store.StreamSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Events in memory behind the read port, for engine tests without SQLite. */
public final class MemoryStore implements ReadEvents {

    public final List<RecordedEvent> events = new ArrayList<>();
    private final Map<StreamId, Long> versions = new HashMap<>();

    /** Appends an event; recordedAt is the position in seconds after the epoch. */
    public RecordedEvent add(String type, String id, String eventType, Instant timestamp, String payload) {
        StreamId stream = new StreamId(type, id);
        long position = events.size() + 1;
        long version = versions.merge(stream, 1L, Long::sum);
        RecordedEvent e = new RecordedEvent(
                position,
                UUID.nameUUIDFromBytes(("e" + position).getBytes()),
                eventType,
                stream,
                version,
                1,
                timestamp,
                Instant.ofEpochSecond(position),
                JsonDoc.ofText(payload),
                JsonDoc.EMPTY_OBJECT,
                null,
                null,
                null,
                "h" + position);
        events.add(e);
        return e;
    }

    public EventSource source() {
        return new EventSource(this::read, EventTransform.IDENTITY);
    }

    @Override
    public Stream<RecordedEvent> read(EventQuery query) {
        return EventSource.of(events, EventTransform.IDENTITY).read(query);
    }

    @Override
    public Optional<RecordedEvent> byId(UUID eventId) {
        return events.stream().filter(e -> e.eventId().equals(eventId)).findFirst();
    }

    @Override
    public Optional<RecordedEvent> byPosition(long position) {
        return events.stream().filter(e -> e.position() == position).findFirst();
    }

    @Override
    public long currentVersion(StreamId stream) {
        return versions.getOrDefault(stream, 0L);
    }

    @Override
    public Stream<StreamSummary> streams(StreamQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public StoreHead head() {
        return events.isEmpty() ? StoreHead.EMPTY : new StoreHead(events.size(), "h" + events.size(), events.size());
    }

    /** Nothing appends to it while a test reads: a wait just passes. */
    @Override
    public void awaitAppend(long position, java.time.Duration max) throws InterruptedException {
        Thread.sleep(max.toMillis());
    }
}
