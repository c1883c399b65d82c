package dev.eventscope.decide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.Metadata;
import dev.eventscope.event.Names;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import dev.eventscope.model.CommandModel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A command to decide: its type, its id (which the events it causes carry as causationId), when it
 * was issued (null until the run fills it in), its payload and its metadata (correlationId,
 * userId, anything else the events should carry).
 *
 * <p>The JSON shape ({@code exec --file}, spec {@code when: {command: ...}}, {@code whatif --command}):
 *
 * <pre>
 * {"commandType": "ShipOrder", "commandId": "cmd-ship-0007", "timestamp": "2024-01-17T09:00:00Z",
 *  "payload": {"orderId": "order-0007", "carrier": "DHL"}, "metadata": {"userId": "ops-1"}}
 * </pre>
 *
 * Every field but the payload may be left out: the type then comes from the command line, the id
 * is a random UUID, the time is the run's ({@link #at}).
 */
public record Command(String commandType, String commandId, Instant timestamp, JsonNode payload, JsonNode metadata) {

    /** The fields of the JSON shape. */
    public static final Set<String> FIELDS = Set.of("commandType", "commandId", "timestamp", "payload", "metadata");

    public Command {
        Names.require("commandType", commandType, NewEvent.MAX_TYPE_LENGTH);
        Names.require("commandId", commandId, Metadata.MAX_LENGTH);
        Objects.requireNonNull(payload);
        Objects.requireNonNull(metadata);
        if (!payload.isObject() || !metadata.isObject()) {
            throw new IllegalArgumentException("payload and metadata must be JSON objects");
        }
    }

    /**
     * Reads a command from its JSON object; {@code defaultType} (may be null) is its type when it
     * names none, and must agree when it does.
     *
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    public static Command read(JsonNode json, String defaultType, ZoneId zone) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("a command must be a JSON object, got " + Json.kind(json));
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + Text.printable(name, 40)
                        + "' (a command has commandType, commandId, timestamp, payload, metadata)");
            }
        }
        String surrogate = Json.findUnpairedSurrogate(json, "$");
        if (surrogate != null) {
            throw new IllegalArgumentException("unpaired surrogate (not valid Unicode) at " + surrogate);
        }
        String type = text(json, "commandType");
        if (type == null) {
            type = defaultType;
        } else if (defaultType != null && !defaultType.equals(type)) {
            throw new IllegalArgumentException("commandType " + Text.printable(type, 80) + " differs from the command"
                    + " type " + Text.printable(defaultType, 80) + " given on the command line");
        }
        if (type == null) {
            throw new IllegalArgumentException("commandType is missing (give it in the command or as COMMAND_TYPE)");
        }
        String id = text(json, "commandId");
        String time = text(json, "timestamp");
        JsonNode payload = object(json, "payload");
        JsonNode metadata = object(json, "metadata");
        for (String key : new String[] {Metadata.CORRELATION_ID, Metadata.USER_ID}) {
            JsonNode v = metadata.get(key);
            if (v != null && !v.isNull()) {
                if (!v.isTextual()) {
                    throw new IllegalArgumentException("metadata." + key + " must be a string, got " + Json.kind(v));
                }
                Names.require("metadata." + key, v.textValue(), Metadata.MAX_LENGTH);
            }
        }
        return new Command(
                type,
                id != null ? id : UUID.randomUUID().toString(),
                time == null ? null : Times.parse(time, zone),
                payload,
                metadata);
    }

    /** This command issued at {@code time}, unless it says when it was issued. */
    public Command at(Instant time) {
        return timestamp != null ? this : new Command(commandType, commandId, time, payload, metadata);
    }

    /** The correlation id its events carry: its metadata's correlationId, else its own id (it starts one). */
    public String correlationId() {
        JsonNode v = metadata.get(Metadata.CORRELATION_ID);
        return v != null && v.isTextual() ? v.textValue() : commandId;
    }

    /** The command as rules see it, targeting {@code aggregateType}/{@code aggregateId} (null while unknown). */
    public ObjectNode tree(String aggregateType, String aggregateId) {
        return CommandModel.tree(
                commandId,
                commandType,
                aggregateType,
                aggregateId,
                timestamp == null ? null : Times.format(timestamp),
                payload,
                metadata);
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got " + Json.kind(v));
        }
        return v.textValue();
    }

    private static JsonNode object(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return Json.object();
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException(field + " must be a JSON object, got " + Json.kind(v));
        }
        return v;
    }
}
