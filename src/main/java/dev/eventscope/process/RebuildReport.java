package dev.eventscope.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;

/**
 * What {@code project rebuild} did.
 *
 * @param position the last position the new table covers (its checkpoint)
 * @param rows rows in the new table
 * @param events events the projection was fed
 * @param deadLettered events that failed (now parked), with those parked behind them
 * @param resolved parked letters of the old table that the rebuild handled without failure
 * @param stopped a stop came first: the old table is left as it was
 */
public record RebuildReport(
        String name,
        String table,
        long position,
        long rows,
        long events,
        long deadLettered,
        long resolved,
        boolean stopped) {

    /** The public JSON shape ({@code project rebuild -o json}). */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("table", table);
        o.put("position", position);
        o.put("rows", rows);
        o.put("events", events);
        o.put("deadLettered", deadLettered);
        o.put("resolved", resolved);
        return o;
    }
}
