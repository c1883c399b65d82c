package dev.eventscope.store;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.time.Duration;
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

    /**
     * {@link #read} for a long read by a consumer that touches the store in no other way until it
     * closes the stream (replay, export, verify, upcast check and migrate): the store may read
     * ahead of the consumer on another thread. The same events in the same order, and the same
     * exceptions, as {@link #read}.
     */
    default Stream<RecordedEvent> scan(EventQuery query) {
        return read(query);
    }

    /**
     * {@link #scan} for a fold ({@code replay}): the events may come without their copied link
     * columns ({@code correlationId}, {@code causationId}, {@code userId}: null) and without their
     * {@code hash} (null), which no fold reads: the tree a reducer sees has none of them, and the
     * metadata document still carries the links. A store reads fewer columns then (ADR 0240).
     * Everything else is as {@link #scan} gives it.
     */
    default Stream<RecordedEvent> scanForFold(EventQuery query) {
        return scan(query);
    }

    /**
     * The store writing export lines itself ({@link ExportLines}); empty when it does not (the
     * caller then writes each event it reads).
     */
    default Optional<ExportLines> exportLines() {
        return Optional.empty();
    }

    Optional<RecordedEvent> byId(UUID eventId);

    Optional<RecordedEvent> byPosition(long position);

    /** The stream's current version: its highest stream version, 0 when it has no events. */
    long currentVersion(StreamId stream);

    /** Summaries of the streams matching {@code query}, by aggregate type then id. */
    Stream<StreamSummary> streams(StreamQuery query);

    /**
     * Every stream's event count and version, by aggregate type then id: {@link #streams} without
     * positions and times, which a store can answer from its stream index alone. Close the stream.
     */
    default Stream<StreamCount> streamCounts() {
        return streams(StreamQuery.ALL).map(s -> new StreamCount(s.stream(), s.events(), s.version()));
    }

    StoreHead head();

    /**
     * Waits until events after {@code position} may have been appended, or {@code max} has passed:
     * what a follower does between two reads. A store that is told of appends (PostgreSQL's
     * notifications) returns as soon as one commits; one that is not waits the whole time
     * (polling). Returns at once when the head is past {@code position} already.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void awaitAppend(long position, Duration max) throws InterruptedException;

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
