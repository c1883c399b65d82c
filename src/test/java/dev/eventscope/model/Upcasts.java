package dev.eventscope.model;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Models and stored events for upcaster tests. */
final class Upcasts {

    private Upcasts() {}

    static Model load(String yaml) {
        return ModelLoader.parse("m.yaml", yaml, Path.of("."), List.of());
    }

    /** A stored event of {@code type} v{@code version} with {@code payload} and correlation c-1. */
    static RecordedEvent stored(String type, int version, String payload) {
        return new RecordedEvent(
                7,
                UUID.fromString("00000000-0000-4000-8000-000000000007"),
                type,
                new StreamId("Order", "o-1"),
                3,
                version,
                Instant.parse("2024-01-15T10:30:00Z"),
                Instant.parse("2024-01-15T10:30:01Z"),
                JsonDoc.ofText(payload),
                JsonDoc.ofText("{\"correlationId\":\"c-1\",\"userId\":\"u-1\"}"),
                "c-1",
                null,
                "u-1",
                "ab");
    }
}
