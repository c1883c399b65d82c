package dev.eventscope.store;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Reading events: finite reads in position order. */
public interface ReadEvents {

    /**
     * The events matching {@code query}. The stream holds resources: close it (try-with-resources).
     * It sees the store as of the moment the read began.
     */
    Stream<RecordedEvent> read(EventQuery query);

    Optional<RecordedEvent> byId(UUID eventId);

    Optional<RecordedEvent> byPosition(long position);

    /** The stream's current version: its highest stream version, 0 when it has no events. */
    long currentVersion(StreamId stream);

    /** Summaries of the streams matching {@code query}, by aggregate type then id. */
    Stream<StreamSummary> streams(StreamQuery query);

    StoreHead head();

    /** The highest position stored, 0 when none: {@code head().position()} without counting events. */
    default long headPosition() {
        return head().position();
    }

    /**
     * The highest position among events recorded at or before {@code recordTime}, 0 when there is
     * none. Record time never decreases with position, so "as of T" is "up to this position".
     */
    default long lastPositionRecordedBy(Instant recordTime) {
        try (Stream<RecordedEvent> s =
                read(EventQuery.ALL.withAsOf(recordTime).reversed(true).withLimit(1L))) {
            return s.findFirst().map(RecordedEvent::position).orElse(0L);
        }
    }

    /** The aggregate types that have a stream with id {@code aggregateId}, sorted. */
    default List<String> aggregateTypesOf(String aggregateId) {
        try (Stream<RecordedEvent> s = read(EventQuery.ALL.withStream(null, aggregateId))) {
            return s.map(RecordedEvent::aggregateType).distinct().sorted().toList();
        }
    }
}
