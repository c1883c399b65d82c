package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The rules of one aggregate type: its initial state, a reducer per event type (and optionally
 * one for any other type), whether an event type without a reducer is an error, and how often to
 * snapshot (used by snapshots; kept here because it belongs to the aggregate).
 *
 * <p>Immutable. The initial state must not be modified by callers.
 */
public final class AggregateModel {

    private final String type;
    private final JsonNode initial;
    private final boolean strict;
    private final Map<String, Reducer> reducers;
    private final Reducer fallback;
    private final OptionalInt snapshotEvery;
    private final String origin;

    /**
     * @param reducers reducers by event type, in the order the model lists them
     * @param fallback the reducer of {@code "*"}: any other event type (null: none)
     * @param origin where the aggregate is defined: the model file or a plugin class
     */
    public AggregateModel(
            String type,
            JsonNode initial,
            boolean strict,
            Map<String, Reducer> reducers,
            Reducer fallback,
            OptionalInt snapshotEvery,
            String origin) {
        if (!initial.isObject()) {
            throw new IllegalArgumentException("the initial state must be an object");
        }
        this.type = Objects.requireNonNull(type);
        this.initial = initial;
        this.strict = strict;
        this.reducers = Collections.unmodifiableMap(new LinkedHashMap<>(reducers));
        this.fallback = fallback;
        this.snapshotEvery = snapshotEvery;
        this.origin = origin;
    }

    public String type() {
        return type;
    }

    /** The state before any event: an object, shared, never to be modified. */
    public JsonNode initial() {
        return initial;
    }

    public boolean strict() {
        return strict;
    }

    public Map<String, Reducer> reducers() {
        return reducers;
    }

    /** The reducer for event types without their own, or null. */
    public Reducer fallback() {
        return fallback;
    }

    public OptionalInt snapshotEvery() {
        return snapshotEvery;
    }

    public String origin() {
        return origin;
    }

    /** The reducer for {@code eventType}: its own, else the fallback, else null. */
    public Reducer reducerFor(String eventType) {
        Reducer r = reducers.get(eventType);
        return r != null ? r : fallback;
    }

    /**
     * A SHA-256 over everything that decides the states this aggregate's rules compute (initial
     * state, strictness, every reducer's definition): two models with the same fingerprint fold
     * the same events to the same states, so a snapshot taken under one is valid under the other.
     */
    public String fingerprint() {
        StringBuilder s = new StringBuilder();
        s.append("type\0").append(type).append('\0');
        s.append("initial\0").append(Json.write(initial)).append('\0');
        s.append("strict\0").append(strict).append('\0');
        for (Map.Entry<String, Reducer> e : new TreeMap<>(reducers).entrySet()) {
            s.append("reducer\0")
                    .append(e.getKey())
                    .append('\0')
                    .append(e.getValue().definition())
                    .append('\0');
        }
        if (fallback != null) {
            s.append("fallback\0").append(fallback.definition()).append('\0');
        }
        s.append("numbers\0").append(Numbers.DIGITS);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
