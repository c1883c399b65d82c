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

    /**
     * How much room the store takes where it lives, as its adapter can tell: where it is (under a
     * name such as {@code path}) and figures in bytes (a file and its write-ahead log, say).
     *
     * @param locationKey the name of the location in {@code stats -o json} ({@code path})
     * @param location where the store is, for people (never with a secret)
     */
    record Storage(String locationKey, String location, List<Figure> figures) {

        public Storage {
            figures = List.copyOf(figures);
        }

        /**
         * One size: its key in {@code stats -o json} (ends in {@code Bytes}), its Prometheus metric
         * name and help text, and the value.
         */
        public record Figure(String key, String metric, String help, long bytes) {}
    }

    Totals totals();

    /** The store's size where it lives; read from the storage itself, never from the events. */
    Storage storage();

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
