package dev.eventscope.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.util.List;

/**
 * What one {@code process} run did.
 *
 * @param from the checkpoint it started from
 * @param to the checkpoint it left
 * @param events how many events were fed to the handler (subscribed ones)
 * @param applied of those, how many it handled successfully
 * @param deadLettered how many failed every attempt and were dead-lettered
 * @param parked how many were parked behind an earlier dead letter of their aggregate
 * @param emitted how many new events it appended (reactors, plugins)
 * @param stopped whether a stop (Ctrl-C, SIGTERM) ended it
 * @param warnings things the user should know (a changed projection)
 */
public record ProcessReport(
        String name,
        String kind,
        long from,
        long to,
        long events,
        long applied,
        long deadLettered,
        long parked,
        long emitted,
        boolean stopped,
        List<String> warnings) {

    public ProcessReport {
        warnings = List.copyOf(warnings);
    }

    /** The public JSON shape ({@code process -o json}). */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("kind", kind);
        o.put("from", from);
        o.put("to", to);
        o.put("events", events);
        o.put("handled", applied);
        o.put("deadLettered", deadLettered);
        o.put("parked", parked);
        o.put("appended", emitted);
        o.put("stopped", stopped);
        var list = o.putArray("warnings");
        warnings.forEach(list::add);
        return o;
    }
}
