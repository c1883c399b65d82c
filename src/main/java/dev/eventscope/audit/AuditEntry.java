package dev.eventscope.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;

/**
 * One change in an audit timeline: the event (who: its userId; when: its timestamp and recordedAt)
 * and what it did to its aggregate's state, as an RFC 6902 JSON Patch from the state before it to
 * the state after it.
 *
 * @param before the state before the event, or null without reducers
 * @param patch the change in the state, or null when the aggregate's type has no reducers in the
 *     model (or there is no model): the payload then says what happened
 */
public record AuditEntry(RecordedEvent event, JsonNode before, ArrayNode patch) {

    public AuditEntry {
        if (event == null) {
            throw new IllegalArgumentException("an audit entry needs its event");
        }
    }

    /**
     * The JSON shape of {@code audit -o json}: position, aggregateType, aggregateId, streamVersion,
     * eventType, eventId, userId, timestamp, recordedAt, correlationId, causationId, patch (null
     * without reducers), payload.
     */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("position", event.position());
        o.put("aggregateType", event.aggregateType());
        o.put("aggregateId", event.aggregateId());
        o.put("streamVersion", event.streamVersion());
        o.put("eventType", event.eventType());
        o.put("eventId", event.eventId().toString());
        o.put("userId", event.userId());
        o.put("timestamp", Times.format(event.timestamp()));
        o.put("recordedAt", Times.format(event.recordedAt()));
        o.put("correlationId", event.correlationId());
        o.put("causationId", event.causationId());
        if (patch == null) {
            o.putNull("patch");
        } else {
            o.set("patch", patch);
        }
        o.set("payload", event.payload().node());
        return o;
    }
}
