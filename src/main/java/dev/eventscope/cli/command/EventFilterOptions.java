package dev.eventscope.cli.command;

import dev.eventscope.engine.EventFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The filters of {@code events} and {@code export}, turned into one {@link EventFilter}. */
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

    /** The filter these options describe (times are read by the engine). */
    EventFilter filter() {
        return new EventFilter(
                aggregateType,
                aggregateId,
                types,
                since,
                until,
                asOf,
                correlationId,
                causationId,
                user,
                fromPosition,
                toPosition,
                limit,
                reverse);
    }
}
