package dev.eventscope.cli.command;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.Times;
import dev.eventscope.store.EventQuery;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The filters of {@code events} and {@code export}, turned into one {@link EventQuery}. */
final class EventFilterOptions {

    @Option(names = "--aggregate-type", paramLabel = "TYPE", description = "Only events of this aggregate type.")
    String aggregateType;

    @Option(names = "--aggregate-id", paramLabel = "ID", description = "Only events of aggregates with this id.")
    String aggregateId;

    @Option(
            names = "--type",
            paramLabel = "EVENT_TYPE",
            split = ",",
            description = "Only events of this event type (repeatable, or comma-separated).")
    List<String> types = new ArrayList<>();

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "Only events whose timestamp (valid time) is at or after TIME: ISO-8601, a date, or"
                    + " a time ago such as 2h or 7d.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only events whose timestamp is at or before TIME.")
    String until;

    @Option(
            names = "--as-of",
            paramLabel = "TIME",
            description = "Only events the store had recorded at TIME (record time).")
    String asOf;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "Only events of this correlation.")
    String correlationId;

    @Option(names = "--causation-id", paramLabel = "ID", description = "Only events caused by this id.")
    String causationId;

    @Option(names = "--user", paramLabel = "USER", description = "Only events of this user (metadata.userId).")
    String user;

    @Option(names = "--from-position", paramLabel = "P", description = "Only events at position P or later.")
    Long fromPosition;

    @Option(names = "--to-position", paramLabel = "P", description = "Only events at position P or earlier.")
    Long toPosition;

    @Option(names = "--limit", paramLabel = "N", description = "At most N events.")
    Long limit;

    @Option(names = "--reverse", description = "Newest first.")
    boolean reverse;

    EventQuery query(ZoneId zone, Instant now) {
        if (limit != null && limit < 0) {
            throw new UsageException("--limit must be 0 or more, got " + limit);
        }
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
