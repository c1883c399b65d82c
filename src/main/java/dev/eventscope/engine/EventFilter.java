package dev.eventscope.engine;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.Times;
import dev.eventscope.store.EventQuery;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which events a listing or an export covers, as a user gives it: ids, types, valid-time bounds
 * (ISO-8601, a date, or a time ago such as {@code 2h}), a record-time cut, links, positions, a
 * limit and the order. Null fields do not filter. Times are read by the engine, in its zone.
 *
 * @param types event types (blank entries are ignored)
 */
public record EventFilter(
        String aggregateType,
        String aggregateId,
        List<String> types,
        String since,
        String until,
        String asOf,
        String correlationId,
        String causationId,
        String user,
        Long fromPosition,
        Long toPosition,
        Long limit,
        boolean reverse) {

    /** Every event, in position order. */
    public static final EventFilter ALL =
            new EventFilter(null, null, List.of(), null, null, null, null, null, null, null, null, null, false);

    public EventFilter {
        types = types == null ? List.of() : List.copyOf(types);
        if (limit != null && limit < 0) {
            throw new UsageException("--limit must be 0 or more, got " + limit);
        }
    }

    /** The store query, with times read in {@code zone} and relative to {@code now}. */
    EventQuery query(ZoneId zone, Instant now) {
        Set<String> typeSet = new LinkedHashSet<>();
        for (String t : types) {
            if (!t.isBlank()) {
                typeSet.add(t.trim());
            }
        }
        return EventQuery.ALL
                .withStream(aggregateType, aggregateId)
                .withTypes(typeSet)
                .withValidTime(time("--since", since, zone, now), time("--until", until, zone, now))
                .withAsOf(time("--as-of", asOf, zone, now))
                .withLinks(correlationId, causationId, user)
                .withPositions(fromPosition, toPosition)
                .withLimit(limit)
                .reversed(reverse);
    }

    /** A time given by the user as {@code option}: ISO-8601, a date, or a time ago; null stays null. */
    static Instant time(String option, String text, ZoneId zone, Instant now) {
        if (text == null) {
            return null;
        }
        try {
            return Times.parseArgument(text, zone, now);
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    option + ": " + e.getMessage(), "e.g. " + option + " 2024-01-15T10:30:00Z or " + option + " 2h");
        }
    }
}
