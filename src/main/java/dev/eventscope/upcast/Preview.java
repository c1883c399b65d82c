package dev.eventscope.upcast;

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
}
