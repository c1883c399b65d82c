package dev.eventscope.upcast;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

/**
 * What {@code upcast check} found: every stored event read through the upcaster chain and checked
 * against the latest schema of its type.
 *
 * @param failures the first failures, in position order ({@code failed} counts them all)
 */
public record CheckReport(long events, long passed, long failed, List<TypeReport> types, List<Failure> failures) {

    public CheckReport {
        types = List.copyOf(types);
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failed == 0;
    }

    /**
     * One stored event type: how many events it has at each stored schema version, the latest
     * version the model knows (null: none), how many the chain changed, how many were checked
     * against a schema, and how many failed.
     */
    public record TypeReport(
            String eventType,
            SortedMap<Integer, Long> storedVersions,
            Integer latestVersion,
            long events,
            long upcast,
            long validated,
            long failed) {}

    /**
     * One stored event that does not pass.
     *
     * @param upcaster the step that failed or produced the failing event (null: none was involved)
     * @param at where that step fails in the model file (null: not a failure inside a rule)
     */
    public record Failure(
            long position,
            UUID eventId,
            String eventType,
            int eventVersion,
            String upcaster,
            String at,
            String error) {}

    /** The public JSON shape ({@code upcast check -o json}). */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("ok", ok());
        o.put("events", events());
        o.put("passed", passed());
        o.put("failed", failed());
        ArrayNode types = o.putArray("types");
        for (CheckReport.TypeReport t : types()) {
            ObjectNode n = types.addObject();
            n.put("eventType", t.eventType());
            ObjectNode stored = n.putObject("storedVersions");
            t.storedVersions().forEach((v, c) -> stored.put(Integer.toString(v), c));
            if (t.latestVersion() == null) {
                n.putNull("latestVersion");
            } else {
                n.put("latestVersion", t.latestVersion());
            }
            n.put("events", t.events());
            n.put("upcast", t.upcast());
            n.put("validated", t.validated());
            n.put("failed", t.failed());
        }
        ArrayNode failures = o.putArray("failures");
        for (CheckReport.Failure f : failures()) {
            ObjectNode n = failures.addObject();
            n.put("position", f.position());
            n.put("eventId", f.eventId().toString());
            n.put("eventType", f.eventType());
            n.put("eventVersion", f.eventVersion());
            n.put("upcaster", f.upcaster());
            n.put("at", f.at());
            n.put("error", f.error());
        }
        return o;
    }
}
