package dev.eventscope.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Metadata;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns what a reactor rule or a handler plugin returns into events to append: each is read like
 * an appended event (same checks), its causationId is the triggering eventId, its correlationId the
 * triggering event's unless it sets one, and its eventId is derived from the handler, the trigger
 * and its place in the list, so the same reaction always has the same id (an append of it again is
 * recognised, never stored twice).
 */
final class Reactions {

    private static final Set<String> KEYS =
            Set.of("eventType", "aggregateType", "aggregateId", "eventVersion", "timestamp", "payload", "metadata");

    private Reactions() {}

    /** The events {@code result} (null, one event or a list of them) asks to append. */
    static List<NewEvent> events(String handler, RecordedEvent trigger, int offset, JsonNode result)
            throws HandlerFailure {
        List<JsonNode> items = new ArrayList<>();
        if (result == null || result.isNull()) {
            return List.of();
        }
        if (result.isArray()) {
            result.forEach(items::add);
        } else {
            items.add(result);
        }
        List<NewEvent> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(event(handler, trigger, offset + i, items.get(i)));
        }
        return out;
    }

    private static NewEvent event(String handler, RecordedEvent trigger, int index, JsonNode item)
            throws HandlerFailure {
        String which = "emitted event " + (index + 1);
        if (!item.isObject()) {
            throw new HandlerFailure(which + " is not an object: " + Text.printable(item.toString(), 80));
        }
        for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new HandlerFailure(which + " has '" + Text.printable(key, 40) + "'; an emitted event has"
                        + " eventType, aggregateType, aggregateId and optionally eventVersion, timestamp, payload,"
                        + " metadata");
            }
        }
        ObjectNode e = ((ObjectNode) item).deepCopy();
        JsonNode given = e.get("metadata");
        if (given != null && !given.isNull() && !given.isObject()) {
            throw new HandlerFailure(which + ": metadata must be an object");
        }
        ObjectNode metadata = given == null || given.isNull() ? e.objectNode() : (ObjectNode) given;
        metadata.put(Metadata.CAUSATION_ID, trigger.eventId().toString());
        JsonNode correlation = metadata.get(Metadata.CORRELATION_ID);
        if ((correlation == null || correlation.isNull()) && trigger.correlationId() != null) {
            metadata.put(Metadata.CORRELATION_ID, trigger.correlationId());
        }
        e.set("metadata", metadata);
        try {
            return EventJson.read(e, EventJson.ReadOptions.DEFAULT).withEventId(id(handler, trigger.eventId(), index));
        } catch (IllegalArgumentException bad) {
            throw new HandlerFailure(which + ": " + bad.getMessage());
        }
    }

    /** A version-8 UUID from the first 16 bytes of a SHA-256 over handler, trigger and index. */
    static UUID id(String handler, UUID trigger, int index) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(("eventscope-reaction-v1\0" + handler + "\0" + trigger + "\0" + index)
                .getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.wrap(sha.digest());
        long high = (bytes.getLong() & ~0xF000L) | 0x8000L;
        long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
