package dev.eventscope.event;

import java.util.Objects;

/**
 * Names one stream: all events of one aggregate, {@code aggregateType/aggregateId}.
 *
 * <p>Both parts are non-empty text without control characters, at most {@value #MAX_LENGTH}
 * characters each.
 */
public record StreamId(String aggregateType, String aggregateId) implements Comparable<StreamId> {

    public static final int MAX_LENGTH = 512;

    public StreamId {
        Names.require("aggregateType", aggregateType, MAX_LENGTH);
        Names.require("aggregateId", aggregateId, MAX_LENGTH);
    }

    public static StreamId of(String aggregateType, String aggregateId) {
        return new StreamId(aggregateType, aggregateId);
    }

    @Override
    public int compareTo(StreamId other) {
        int byType = aggregateType.compareTo(other.aggregateType);
        return byType != 0 ? byType : aggregateId.compareTo(other.aggregateId);
    }

    // written out: a record's generated equals and hashCode go through method handles, which cost
    // a replay (one map lookup per event) several percent of its time
    @Override
    public boolean equals(Object o) {
        return o instanceof StreamId other
                && aggregateId.equals(other.aggregateId)
                && aggregateType.equals(other.aggregateType);
    }

    @Override
    public int hashCode() {
        return 31 * aggregateType.hashCode() + aggregateId.hashCode();
    }

    @Override
    public String toString() {
        return aggregateType + "/" + aggregateId;
    }

    /** True when this stream matches an optional type and an optional id (null matches any). */
    public boolean matches(String type, String id) {
        return (type == null || Objects.equals(type, aggregateType)) && (id == null || Objects.equals(id, aggregateId));
    }
}
