package dev.eventscope.upcast;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.UpcasterChain;
import java.util.List;

/**
 * {@code upcast show}: one stored event, every step of the chain applied to it (what each step was
 * given and returned), the final events with how each breaks its schema (empty lists when they
 * conform), and the failure that stopped the chain, if one did.
 *
 * @param schemas per final event, the schema it was checked against ({@code OrderPlaced v2
 *     (schemas/order-placed-v2.json)}), or null when its type and version have none
 * @param failure the failing step's description, or null
 */
public record Preview(
        RecordedEvent stored,
        List<UpcasterChain.Applied> steps,
        List<RecordedEvent> result,
        List<String> schemas,
        List<List<String>> violations,
        String failure) {

    public Preview {
        steps = List.copyOf(steps);
        result = List.copyOf(result);
        schemas = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(schemas));
        violations = List.copyOf(violations);
    }

    /** The public JSON shape ({@code upcast show -o json}). */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.set("stored", EventJson.toNode(stored(), false));
        ArrayNode steps = o.putArray("steps");
        for (UpcasterChain.Applied a : steps()) {
            ObjectNode n = steps.addObject();
            n.put("upcaster", a.upcaster().name());
            n.put("at", a.upcaster().at());
            n.set("input", EventJson.toNode(a.input(), false));
            ArrayNode output = n.putArray("output");
            a.output().forEach(e -> output.add(EventJson.toNode(e, false)));
        }
        ArrayNode result = o.putArray("final");
        ArrayNode diffs = o.putArray("diff");
        ArrayNode schemas = o.putArray("schemas");
        ArrayNode violations = o.putArray("violations");
        for (int i = 0; i < result().size(); i++) {
            ObjectNode e = EventJson.toNode(result().get(i), false);
            result.add(e);
            diffs.add(JsonPatch.diff(EventJson.toNode(stored(), false), e));
            schemas.add(schemas().get(i));
            ArrayNode v = violations.addArray();
            violations().get(i).forEach(v::add);
        }
        o.put("error", failure());
        return o;
    }
}
