package dev.eventscope.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;

/**
 * The one metadata key under which an imported event keeps where it came from, so that a user can
 * find the source row and a re-run can find the last imported event.
 *
 * <p>Shape: {@code "importedFrom": {"kind": "emmett", "position": "456:123", "stream":
 * "shopping_cart-c1", "streamPosition": 3, "id": "…", …}} with {@code position} as
 * {@link SourcePosition#toString()} and further fields per kind (each documented in the README's
 * mapping tables).
 */
public final class ImportedFrom {

    /** The metadata key. */
    public static final String KEY = "importedFrom";

    private final ObjectNode node = Json.object();

    private ImportedFrom(SourceKind kind, SourcePosition position) {
        node.put("kind", kind.cliName());
        node.put("position", position.toString());
    }

    public static ImportedFrom of(SourceKind kind, SourcePosition position) {
        return new ImportedFrom(kind, position);
    }

    /** Adds a text field; null values are left out. */
    public ImportedFrom with(String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
        return this;
    }

    /** Adds a number field; null values are left out. */
    public ImportedFrom with(String field, Long value) {
        if (value != null) {
            node.put(field, value);
        }
        return this;
    }

    /** Adds a flag, only when true. */
    public ImportedFrom flag(String field, boolean value) {
        if (value) {
            node.put(field, true);
        }
        return this;
    }

    /** Adds a JSON value; null is left out. */
    public ImportedFrom with(String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            node.set(field, value);
        }
        return this;
    }

    JsonNode node() {
        return node;
    }
}
