package dev.eventscope.store;

import dev.eventscope.event.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Aggregate figures over the events table, answered by the store (SQL aggregates) rather than by
 * reading every event into memory: what {@code evs stats} and {@code evs top} show. Each call is
 * one short read; none holds the store open afterwards.
 */
public interface ReadStatistics {

    /** How much the store holds. Times are null in an empty store. */
    record Totals(
            long events,
            long streams,
            long aggregateTypes,
            long eventTypes,
            long headPosition,
            Instant firstRecordedAt,
            Instant lastRecordedAt,
            Instant firstTimestamp,
            Instant lastTimestamp) {}

    /** Events and payload bytes (UTF-8) of one event type. */
    record TypeFigures(String eventType, long events, long payloadBytes, long maxPayloadBytes) {}

    /** One event's payload size. */
    record PayloadSize(long position, String eventType, StreamId stream, long bytes) {}

    /** Record time minus valid time over some events: nearest-rank median and 99th percentile. */
    record Lag(long events, Duration median, Duration p99, Duration max) {}

    /** The events recorded in the minute that begins at {@code start}. */
    record Minute(Instant start, long events) {}

    Totals totals();

    /**
     * Events recorded in each of {@code buckets} consecutive intervals of length {@code bucket}
     * that end at {@code end} (exclusive); the last element is the interval just before
     * {@code end}.
     */
    long[] recordedPerBucket(Instant end, Duration bucket, int buckets);

    /** The minute (by record time) with the most events, if any. */
    Optional<Minute> busiestMinute();

    /** The ingestion lag of the events recorded at or after {@code since} (null: all events). */
    Lag lag(Instant since);

    /** Per event type, most events first. */
    List<TypeFigures> eventTypes();

    /** The {@code limit} largest payloads, largest first. */
    List<PayloadSize> largestPayloads(int limit);
}
