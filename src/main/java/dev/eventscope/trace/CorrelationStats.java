package dev.eventscope.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The figures of one correlation, from its events' links alone.
 *
 * @param aggregates how many streams its events belong to
 * @param aggregateTypes the aggregate types (services) it touched, sorted
 * @param users how many distinct users
 * @param depth its longest causal chain inside the correlation
 * @param roots how many of its events have no cause inside the correlation
 * @param unreachable how many of its events no root reaches (in or below a causation cycle)
 */
public record CorrelationStats(
        String correlationId,
        int events,
        int aggregates,
        List<String> aggregateTypes,
        int users,
        int depth,
        Instant first,
        Instant last,
        Duration span,
        int roots,
        int unreachable) {

    public CorrelationStats {
        if (correlationId == null || first == null || last == null || span == null) {
            throw new IllegalArgumentException("correlationId, first, last and span are required");
        }
        aggregateTypes = List.copyOf(aggregateTypes);
    }

    /** The public JSON shape of one correlation's figures ({@code trace --summary --all -o json}). */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("correlationId", correlationId);
        o.put("events", events);
        o.put("depth", depth);
        o.put("span", span.toString());
        o.put("first", Times.format(first));
        o.put("last", Times.format(last));
        o.put("aggregates", aggregates);
        ArrayNode types = o.putArray("aggregateTypes");
        aggregateTypes.forEach(types::add);
        o.put("users", users);
        o.put("roots", roots);
        o.put("unreachable", unreachable);
        return o;
    }
}
