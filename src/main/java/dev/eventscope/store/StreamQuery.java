package dev.eventscope.store;

import dev.eventscope.event.StreamId;

/**
 * Which streams to list: optionally one aggregate type, ids with a prefix, only those after a
 * stream in listing order (type, then id: a page that continues where the previous one ended), at
 * most a limit.
 *
 * @param after list only streams whose (aggregate type, aggregate id) sorts after this one; null:
 *     from the first
 */
public record StreamQuery(String aggregateType, String idPrefix, StreamId after, Long limit) {

    public static final StreamQuery ALL = new StreamQuery(null, null, null, null);

    /** From the first matching stream. */
    public StreamQuery(String aggregateType, String idPrefix, Long limit) {
        this(aggregateType, idPrefix, null, limit);
    }
}
