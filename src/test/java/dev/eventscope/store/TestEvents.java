package dev.eventscope.store;

import dev.eventscope.event.Json;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.UUID;

/** A small builder of {@link NewEvent}s for store tests: {@code event("OrderPlaced").on("Order", "o-1")}. */
public final class TestEvents {

    private UUID id;
    private final String type;
    private StreamId stream = StreamId.of("Order", "o-1");
    private int version = 1;
    private Instant timestamp;
    private String payload = "{}";
    private String metadata = "{}";
    private Long streamVersion;

    private TestEvents(String type) {
        this.type = type;
    }

    public static TestEvents event(String type) {
        return new TestEvents(type);
    }

    public TestEvents on(String aggregateType, String aggregateId) {
        stream = StreamId.of(aggregateType, aggregateId);
        return this;
    }

    public TestEvents id(UUID eventId) {
        id = eventId;
        return this;
    }

    public TestEvents id(String eventId) {
        return id(UUID.fromString(eventId));
    }

    public TestEvents version(int eventVersion) {
        version = eventVersion;
        return this;
    }

    /** The valid time, as ISO-8601 text with Z or an offset. */
    public TestEvents at(String iso) {
        timestamp = Times.parse(iso, null);
        return this;
    }

    public TestEvents payload(String json) {
        payload = json;
        return this;
    }

    public TestEvents metadata(String json) {
        metadata = json;
        return this;
    }

    public TestEvents streamVersion(long v) {
        streamVersion = v;
        return this;
    }

    private static JsonDoc compact(String json) {
        return JsonDoc.ofText(Json.write(Json.parseTrusted(json)));
    }

    public NewEvent build() {
        return new NewEvent(id, type, stream, version, timestamp, compact(payload), compact(metadata), streamVersion);
    }
}
