package dev.eventscope.store;

import dev.eventscope.event.StreamId;
import java.time.Instant;

/**
 * One stream in figures: how many events, its current version, the first and last position, and
 * the earliest and latest valid time among its events.
 */
public record StreamSummary(
        StreamId stream,
        long events,
        long version,
        long firstPosition,
        long lastPosition,
        Instant firstTimestamp,
        Instant lastTimestamp) {}
