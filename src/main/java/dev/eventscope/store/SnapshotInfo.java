package dev.eventscope.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.Objects;

/**
 * What describes one stored snapshot, without its state: the stream, the last stream version and
 * the highest position folded into it, the largest valid time (event timestamp) among the events
 * folded, the fingerprint of the rules it was folded under, when it was made and how large its
 * state is (bytes of compact JSON).
 *
 * @param id the store's id of the snapshot, for loading and deleting it
 */
public record SnapshotInfo(
        long id,
        StreamId stream,
        long version,
        long position,
        Instant validTime,
        String fingerprint,
        Instant createdAt,
        long sizeBytes) {

    public SnapshotInfo {
        Objects.requireNonNull(stream);
        Objects.requireNonNull(validTime);
        Objects.requireNonNull(fingerprint);
        Objects.requireNonNull(createdAt);
    }

    /** The public JSON shape of a snapshot's description ({@code snapshot list -o json}; no state). */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("aggregateType", stream.aggregateType());
        o.put("aggregateId", stream.aggregateId());
        o.put("version", version);
        o.put("position", position);
        o.put("validTime", Times.format(validTime));
        o.put("fingerprint", fingerprint);
        o.put("sizeBytes", sizeBytes);
        o.put("createdAt", Times.format(createdAt));
        return o;
    }

    /** How messages name it: {@code Order/order-7 v120 (snapshot 17)}. */
    public String describe() {
        return stream + " v" + version + " (snapshot " + id + ")";
    }
}
