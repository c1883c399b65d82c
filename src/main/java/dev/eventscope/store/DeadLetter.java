package dev.eventscope.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * An event a handler failed on (or was kept from, behind an earlier failure of its aggregate),
 * parked with its error until it is retried or skipped. Kept after that, with its status and time,
 * for the record.
 *
 * @param attempts how often the handler was run on the event; 0 for an event parked behind an
 *     earlier dead letter of its aggregate without being attempted
 * @param blockedBy for an event parked behind another, that dead letter's id; else null
 * @param reason why it was resolved or skipped (null while parked)
 */
public record DeadLetter(
        long id,
        String handler,
        UUID eventId,
        long position,
        String eventType,
        StreamId stream,
        Status status,
        int attempts,
        String error,
        Long blockedBy,
        Instant firstFailedAt,
        Instant lastFailedAt,
        Instant resolvedAt,
        String reason) {

    /** The public JSON shape of a dead letter (DESIGN §6; {@code dlq list -o json}). */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("handler", handler);
        o.put("eventId", eventId.toString());
        o.put("position", position);
        o.put("eventType", eventType);
        o.put("aggregateType", stream.aggregateType());
        o.put("aggregateId", stream.aggregateId());
        o.put("status", status.label());
        o.put("attempts", attempts);
        o.put("error", error);
        if (blockedBy == null) {
            o.putNull("blockedBy");
        } else {
            o.put("blockedBy", blockedBy);
        }
        o.put("firstFailedAt", Times.format(firstFailedAt));
        o.put("lastFailedAt", Times.format(lastFailedAt));
        o.put("resolvedAt", resolvedAt == null ? null : Times.format(resolvedAt));
        o.put("reason", reason);
        return o;
    }

    /** Where a dead letter is in its life. */
    public enum Status {
        /** waiting to be retried or skipped */
        PARKED,
        /** processed successfully by a retry (or no longer needed after a rebuild) */
        RESOLVED,
        /** resolved by hand without processing */
        SKIPPED;

        /** The lower-case name used in the store, on the command line and in JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a label, or fails naming the three. */
        public static Status parse(String text) {
            for (Status s : values()) {
                if (s.label().equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("status '" + text + "' is not one of parked, resolved, skipped");
        }
    }

    public String aggregateType() {
        return stream.aggregateType();
    }

    public String aggregateId() {
        return stream.aggregateId();
    }
}
