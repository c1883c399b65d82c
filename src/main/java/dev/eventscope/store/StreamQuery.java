package dev.eventscope.store;

/** Which streams to list: optionally one aggregate type, ids with a prefix, at most a limit. */
public record StreamQuery(String aggregateType, String idPrefix, Long limit) {

    public static final StreamQuery ALL = new StreamQuery(null, null, null);
}
