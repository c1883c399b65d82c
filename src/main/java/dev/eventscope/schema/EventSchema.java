package dev.eventscope.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiled JSON Schema of one event type at one schema version, applied to an event's payload.
 * Thread-safe: validation keeps no state between calls.
 */
public final class EventSchema {

    private final String name;
    private final String source;
    private final Schema schema;

    EventSchema(String name, String source, Schema schema) {
        this.name = name;
        this.source = source;
        this.schema = schema;
    }

    /** How messages name it: {@code OrderPlaced v2}. */
    public String name() {
        return name;
    }

    /** Where it is defined: a schema file, or the model file and line of an inline schema. */
    public String source() {
        return source;
    }

    /**
     * Every way {@code payload} breaks the schema, each as {@code $.payload.path: what is wrong},
     * in the validator's order; empty when it conforms.
     */
    public List<String> violations(JsonNode payload) {
        List<com.networknt.schema.Error> errors;
        try {
            errors = schema.validate(payload);
        } catch (SchemaException e) {
            return List.of(
                    "$.payload: the schema " + name + " (" + source + ") cannot be applied: " + JsonSchemas.reason(e));
        }
        List<String> out = new ArrayList<>(errors.size());
        for (com.networknt.schema.Error e : errors) {
            out.add(path(e.getInstanceLocation().toString()) + ": " + e.getMessage());
        }
        return out;
    }

    /** A JSON path into the payload ({@code $.items[0]}) as a path into the event. */
    private static String path(String location) {
        if (location.isEmpty() || location.equals("$")) {
            return "$.payload";
        }
        return location.startsWith("$") ? "$.payload" + location.substring(1) : "$.payload." + location;
    }
}
