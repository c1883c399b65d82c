package dev.eventscope.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;

/**
 * The one metadata key under which an imported event keeps where it came from, so that a user can
 * find the source row and a re-run can find the last imported event.
 *
 * <p>Shape: {@code "importedFrom": {"kind": "emmett", "source": "shop.sqlite", "position": "456:123", "stream":
 * "shopping_cart-c1", "streamPosition": 3, "id": "…", …}} with {@code position} as
 * {@link SourcePosition#toString()} and further fields per kind (each documented in the README's
 * mapping tables).
 */
public final class ImportedFrom {

    /** The metadata key. */
    public static final String KEY = "importedFrom";

    /** The field naming the kind of store ({@link SourceKind#cliName()}). */
    public static final String KIND = "kind";

    /** The field naming the source, which tells two sources of one kind apart. */
    public static final String SOURCE = "source";

    /** The field holding the event's place in the source's order ({@link SourcePosition#toString()}). */
    public static final String POSITION = "position";

    private final ObjectNode node = Json.object();

    private ImportedFrom(SourceKind kind, String source, SourcePosition position) {
        node.put(KIND, kind.cliName());
        if (source != null) {
            node.put(SOURCE, source);
        }
        node.put(POSITION, position.toString());
    }

    public static ImportedFrom of(SourceKind kind, SourcePosition position) {
        return new ImportedFrom(kind, null, position);
    }

    /** {@link #of(SourceKind, SourcePosition)} of the source named {@code source} (null: unnamed). */
    public static ImportedFrom of(SourceKind kind, String source, SourcePosition position) {
        return new ImportedFrom(kind, source, position);
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
