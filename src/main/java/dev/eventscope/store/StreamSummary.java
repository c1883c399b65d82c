package dev.eventscope.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
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
        Instant lastTimestamp) {

    /** The public JSON shape ({@code streams -o json}). */
    public ObjectNode json() {
        var o = Json.object();
        o.put("aggregateType", stream.aggregateType());
        o.put("aggregateId", stream.aggregateId());
        o.put("events", events);
        o.put("version", version);
        o.put("firstPosition", firstPosition);
        o.put("lastPosition", lastPosition);
        o.put("firstTimestamp", Times.format(firstTimestamp));
        o.put("lastTimestamp", Times.format(lastTimestamp));
        return o;
    }
}
