package dev.eventscope.trace;

import dev.eventscope.event.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The figures of a trace.
 *
 * @param correlations the correlationIds of its events (sorted; events without one are not named)
 * @param aggregates the streams its events belong to (sorted)
 * @param aggregateTypes the aggregate types, one per service that took part (sorted)
 * @param users the userIds of its events (sorted)
 * @param depth the length of its longest causal chain (a root alone is depth 1)
 * @param first the earliest valid time of its events
 * @param last the latest valid time of its events
 * @param span from {@code first} to {@code last}
 * @param criticalPath the chain of causes with the longest total delay, from its root down; empty
 *     when no event is reachable from a root
 * @param criticalDelay the total delay along the critical path
 * @param roots how many events are roots (their cause is not an event of the trace)
 * @param missingCauses how many distinct causationIds look like event ids but no event has them
 * @param cycles how many causation cycles the trace holds
 * @param unreachable how many events no root reaches (in or below a cycle)
 * @param effectsOutside how many events outside the trace (other correlations) its events caused
 * @param beforeCause how many events are timestamped before their cause
 */
public record TraceSummary(
        int events,
        List<String> correlations,
        List<StreamId> aggregates,
        List<String> aggregateTypes,
        List<String> users,
        int depth,
        Instant first,
        Instant last,
        Duration span,
        List<UUID> criticalPath,
        Duration criticalDelay,
        int roots,
        int missingCauses,
        int cycles,
        int unreachable,
        int effectsOutside,
        int beforeCause) {

    public TraceSummary {
        correlations = List.copyOf(correlations);
        aggregates = List.copyOf(aggregates);
        aggregateTypes = List.copyOf(aggregateTypes);
        users = List.copyOf(users);
        criticalPath = List.copyOf(criticalPath);
        if (events < 1 || first == null || last == null || span == null || criticalDelay == null) {
            throw new IllegalArgumentException("a trace has at least one event, a first and a last time");
        }
    }
}
