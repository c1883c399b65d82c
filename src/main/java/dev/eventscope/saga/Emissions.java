package dev.eventscope.saga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Metadata;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Turns what an emit rule of a saga returns (null, an event or a list of events) into events to
 * append: each is read like an appended event, its causationId is the triggering event's id, its
 * correlationId the trigger's unless it sets one, its timestamp the given default unless it sets
 * one (so the same emission always has the same content), and its id is derived.
 */
final class Emissions {

    private static final Set<String> KEYS =
            Set.of("eventType", "aggregateType", "aggregateId", "eventVersion", "timestamp", "payload", "metadata");

    private Emissions() {}

    static List<NewEvent> events(
            String what, RecordedEvent trigger, JsonNode result, Instant defaultTime, IntFunction<UUID> ids)
            throws SagaFailure {
        if (result == null || result.isNull()) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        if (result.isArray()) {
            result.forEach(items::add);
        } else {
            items.add(result);
        }
        List<NewEvent> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(event(what + ": emitted event " + (i + 1), trigger, items.get(i), defaultTime, ids.apply(i)));
        }
        return out;
    }

    private static NewEvent event(String which, RecordedEvent trigger, JsonNode item, Instant defaultTime, UUID id)
            throws SagaFailure {
        if (!item.isObject()) {
            throw new SagaFailure(which + " is not an object: " + Text.printable(item.toString(), 80));
        }
        for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new SagaFailure(which + " has '" + Text.printable(key, 40) + "'; an emitted event has"
                        + " eventType, aggregateType, aggregateId and optionally eventVersion, timestamp, payload,"
                        + " metadata");
            }
        }
        ObjectNode e = ((ObjectNode) item).deepCopy();
        JsonNode given = e.get("metadata");
        if (given != null && !given.isNull() && !given.isObject()) {
            throw new SagaFailure(which + ": metadata must be an object");
        }
        ObjectNode metadata = given == null || given.isNull() ? e.objectNode() : (ObjectNode) given;
        metadata.put(Metadata.CAUSATION_ID, trigger.eventId().toString());
        JsonNode correlation = metadata.get(Metadata.CORRELATION_ID);
        if ((correlation == null || correlation.isNull()) && trigger.correlationId() != null) {
            metadata.put(Metadata.CORRELATION_ID, trigger.correlationId());
        }
        e.set("metadata", metadata);
        if (!e.hasNonNull("timestamp")) {
            e.put("timestamp", Times.format(defaultTime));
        }
        try {
            return EventJson.read(e, EventJson.ReadOptions.DEFAULT).withEventId(id);
        } catch (IllegalArgumentException bad) {
            throw new SagaFailure(which + ": " + bad.getMessage());
        }
    }
}
