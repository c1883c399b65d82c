package dev.eventscope.model.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A reducer written in Java for one aggregate type, for rules that JSLT expresses badly.
 *
 * <p>Package implementations in a jar with a {@code META-INF/services/} entry named after this
 * interface, and pass the jar with {@code --plugin JAR}; they are found with
 * {@link java.util.ServiceLoader}. An aggregate type is defined either in the model file or by a
 * plugin, not both.
 *
 * <p>Implementations must be deterministic (the same state and event give the same result every
 * time) and must not modify their arguments. They run on one thread at a time.
 */
public interface AggregatePlugin {

    /** The aggregate type this plugin folds. */
    String aggregateType();

    /** The state before any event: an object. */
    default JsonNode initialState() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * The version of this plugin's rules, or null. Snapshots are made under a fingerprint of the
     * rules that folded them; for a plugin that is its class and this version, so change the version
     * whenever {@link #apply} or {@link #initialState} would compute different states, and stored
     * snapshots stop being used. Without a version (the default: the jar manifest's
     * {@code Implementation-Version}, if any) the fingerprint covers the bytes of the jar the plugin
     * came from instead, so any rebuild makes earlier snapshots unused.
     */
    default String version() {
        Package p = getClass().getPackage();
        return p == null ? null : p.getImplementationVersion();
    }

    /**
     * The state after {@code event}.
     *
     * @param state the state before (an object)
     * @param event the event in the output shape of the event JSON: eventId, eventType,
     *     aggregateId, aggregateType, eventVersion, timestamp, payload, metadata, position,
     *     streamVersion, recordedAt
     * @return the new state: an object
     */
    JsonNode apply(JsonNode state, JsonNode event);
}
