package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.Text;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What a {@code decide} rule returns: a list of new events for the target aggregate (possibly
 * empty: nothing to do), or a rejection with a reason. Any other shape is a fault of the rule,
 * which {@link #read} names.
 *
 * <pre>
 *   [{"eventType": "OrderShipped", "payload": {...}}, ...]     accepted: these events, in order
 *   {"rejected": "the order is cancelled"}                    rejected: nothing is written
 * </pre>
 *
 * <p>A new event gives {@code eventType} and optionally {@code eventVersion}, {@code timestamp},
 * {@code payload} and {@code metadata}; its stream is the target's, its eventId is derived from the
 * command's id, and its time defaults to the command's.
 */
public sealed interface Decision {

    /** The keys a decided event may have. */
    Set<String> EVENT_KEYS = Set.of("eventType", "eventVersion", "timestamp", "payload", "metadata");

    /** The events to append, as the rule gave them (objects with {@link #EVENT_KEYS} only). */
    record Accepted(List<JsonNode> events) implements Decision {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /** The command is refused, for {@code reason}. */
    record Rejected(String reason) implements Decision {}

    /**
     * Reads a rule's result.
     *
     * @throws IllegalArgumentException saying what is wrong with its shape
     */
    static Decision read(JsonNode result) {
        if (result.isObject()) {
            JsonNode reason = result.get("rejected");
            if (reason == null || result.size() != 1) {
                throw new IllegalArgumentException(
                        "must return a list of events, or {\"rejected\": REASON}; got an object with "
                                + keys(result) + ": " + Text.printable(result.toString(), 80)
                                + (result.has("eventType") ? " (a single event goes in a list: [ ... ])" : ""));
            }
            if (!reason.isTextual() || reason.textValue().isBlank()) {
                throw new IllegalArgumentException(
                        "must give the reason of a rejection as a non-empty string, got " + shown(reason));
            }
            return new Rejected(reason.textValue());
        }
        if (!result.isArray()) {
            throw new IllegalArgumentException(
                    "must return a list of events, or {\"rejected\": REASON}; got " + shown(result));
        }
        List<JsonNode> events = new ArrayList<>();
        int n = 0;
        for (JsonNode e : result) {
            n++;
            String which = result.size() == 1 ? "the event" : "event " + n;
            if (!e.isObject()) {
                throw new IllegalArgumentException("must return events as objects, got " + shown(e) + " as " + which);
            }
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!EVENT_KEYS.contains(key)) {
                    throw new IllegalArgumentException("gives " + which + " the key '" + Text.printable(key, 40)
                            + "'; a decided event has eventType and optionally eventVersion, timestamp, payload and"
                            + " metadata (its stream is the target's, its eventId is derived from the command's)");
                }
            }
            JsonNode type = e.get("eventType");
            if (type == null || !type.isTextual() || type.textValue().isBlank()) {
                throw new IllegalArgumentException("gives " + which + " without an eventType (a non-empty string)");
            }
            for (String key : List.of("payload", "metadata")) {
                JsonNode v = e.get(key);
                if (v != null && !v.isNull() && !v.isObject()) {
                    throw new IllegalArgumentException("gives " + which + " (" + type.textValue() + ") a " + key
                            + " that is " + Json.kind(v) + ", not an object");
                }
            }
            events.add(e);
        }
        return new Accepted(events);
    }

    private static String shown(JsonNode v) {
        return v.isNull() ? "null" : Json.kind(v) + " " + Text.printable(v.toString(), 80);
    }

    private static String keys(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "no keys" : "keys " + String.join(", ", names);
    }
}
