package dev.eventscope.store;

import dev.eventscope.event.StreamId;
import java.time.Instant;
import java.util.Set;

/**
 * Which events to read, in position order (or reverse position order). Every filter is optional;
 * null (or an empty type set) means "no restriction". Bounds are inclusive.
 *
 * <p>{@code since}/{@code until} bound valid time ({@code timestamp}), {@code asOf} bounds record
 * time ({@code recordedAt}).
 */
public record EventQuery(
        String aggregateType,
        String aggregateId,
        Set<String> types,
        Instant since,
        Instant until,
        Instant asOf,
        String correlationId,
        String causationId,
        String userId,
        Long fromPosition,
        Long toPosition,
        Long limit,
        boolean reverse) {

    public static final EventQuery ALL =
            new EventQuery(null, null, Set.of(), null, null, null, null, null, null, null, null, null, false);

    public EventQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more");
        }
    }

    public static EventQuery stream(StreamId stream) {
        return ALL.withStream(stream.aggregateType(), stream.aggregateId());
    }

    public EventQuery withStream(String type, String id) {
        return new EventQuery(
                type,
                id,
                types,
                since,
                until,
                asOf,
                correlationId,
                causationId,
                userId,
                fromPosition,
                toPosition,
                limit,
                reverse);
    }

    public EventQuery withTypes(Set<String> newTypes) {
        return new EventQuery(
                aggregateType,
                aggregateId,
                newTypes,
                since,
                until,
                asOf,
                correlationId,
                causationId,
                userId,
                fromPosition,
                toPosition,
                limit,
                reverse);
    }

    public EventQuery withValidTime(Instant newSince, Instant newUntil) {
        return new EventQuery(
                aggregateType,
                aggregateId,
                types,
                newSince,
                newUntil,
                asOf,
                correlationId,
                causationId,
                userId,
                fromPosition,
                toPosition,
                limit,
                reverse);
    }

    public EventQuery withAsOf(Instant newAsOf) {
        return new EventQuery(
                aggregateType,
                aggregateId,
                types,
                since,
                until,
                newAsOf,
                correlationId,
                causationId,
                userId,
                fromPosition,
                toPosition,
                limit,
                reverse);
    }

    public EventQuery withLinks(String newCorrelationId, String newCausationId, String newUserId) {
        return new EventQuery(
                aggregateType,
                aggregateId,
                types,
                since,
                until,
                asOf,
                newCorrelationId,
                newCausationId,
                newUserId,
                fromPosition,
                toPosition,
                limit,
                reverse);
    }

    public EventQuery withPositions(Long from, Long to) {
        return new EventQuery(
                aggregateType,
                aggregateId,
                types,
                since,
                until,
                asOf,
                correlationId,
                causationId,
                userId,
                from,
                to,
                limit,
                reverse);
    }

    public EventQuery withLimit(Long newLimit) {
        return new EventQuery(
                aggregateType,
                aggregateId,
                types,
                since,
                until,
                asOf,
                correlationId,
                causationId,
                userId,
                fromPosition,
                toPosition,
                newLimit,
                reverse);
    }

    public EventQuery reversed(boolean newReverse) {
        return new EventQuery(
                aggregateType,
                aggregateId,
                types,
                since,
                until,
                asOf,
                correlationId,
                causationId,
                userId,
                fromPosition,
                toPosition,
                limit,
                newReverse);
    }
}
