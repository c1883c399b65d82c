package dev.eventscope.schema;

import dev.eventscope.event.JsonDoc;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The JSON Schemas of the model ({@code schemas:}), by event type and schema version: checks an
 * event's payload against the schema of its type and version, when there is one.
 *
 * <p>Used by {@code append} and {@code import} for new events (their own version) and by
 * {@code upcast check} and {@code upcast migrate} for upcast events (the latest version).
 * Immutable and thread-safe.
 */
public final class EventValidator {

    /** Validates nothing: no schemas (or {@code --no-validate}). */
    public static final EventValidator NONE = new EventValidator(Map.of());

    private final Map<String, Map<Integer, EventSchema>> schemas;

    private EventValidator(Map<String, Map<Integer, EventSchema>> schemas) {
        this.schemas = schemas;
    }

    public boolean isEmpty() {
        return schemas.isEmpty();
    }

    public Optional<EventSchema> schema(String eventType, int eventVersion) {
        Map<Integer, EventSchema> versions = schemas.get(eventType);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(eventVersion));
    }

    /** The versions of {@code eventType} that have a schema, ascending. */
    public SortedSet<Integer> versions(String eventType) {
        Map<Integer, EventSchema> versions = schemas.get(eventType);
        return versions == null ? Collections.emptySortedSet() : new TreeSet<>(versions.keySet());
    }

    /** The event types that have a schema. */
    public java.util.Set<String> types() {
        return Collections.unmodifiableSet(schemas.keySet());
    }

    /**
     * How {@code payload} breaks the schema of {@code eventType} v{@code eventVersion}, each as
     * {@code $.payload.path: what is wrong}; empty when it conforms or there is no such schema.
     */
    public List<String> violations(String eventType, int eventVersion, JsonDoc payload) {
        Map<Integer, EventSchema> versions = schemas.get(eventType);
        if (versions == null) {
            return List.of();
        }
        EventSchema schema = versions.get(eventVersion);
        return schema == null ? List.of() : schema.violations(payload.node());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects schemas while the model loads. */
    public static final class Builder {
        private final Map<String, Map<Integer, EventSchema>> schemas = new HashMap<>();

        private Builder() {}

        public Builder add(String eventType, int eventVersion, EventSchema schema) {
            schemas.computeIfAbsent(eventType, t -> new HashMap<>()).put(eventVersion, schema);
            return this;
        }

        public EventValidator build() {
            if (schemas.isEmpty()) {
                return NONE;
            }
            Map<String, Map<Integer, EventSchema>> copy = new HashMap<>();
            schemas.forEach((t, v) -> copy.put(t, Map.copyOf(v)));
            return new EventValidator(Map.copyOf(copy));
        }
    }
}
