package dev.eventscope.event;

import com.fasterxml.jackson.databind.JsonNode;

/** The metadata keys the store indexes: who did it, which request, and what caused it. */
public final class Metadata {

    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String USER_ID = "userId";

    /** Longest indexed metadata value. */
    public static final int MAX_LENGTH = 512;

    private Metadata() {}

    static String text(JsonDoc metadata, String key) {
        JsonNode value = metadata.node().get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
