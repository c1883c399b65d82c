package dev.eventscope.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.Json;
import dev.eventscope.event.NewEvent;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A store in a temp directory filled from event JSON lines (the input shape), for engine tests. */
public final class LogStore {

    private LogStore() {}

    public static EventStore of(Path dir, String... lines) {
        EventStore store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(dir.resolve("events.db")), StoreOptions.Access.WRITE, Duration.ofSeconds(10)));
        List<NewEvent> events = new ArrayList<>();
        for (String line : lines) {
            try {
                events.add(EventJson.read(Json.mapper().readTree(line), EventJson.ReadOptions.DEFAULT));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(line, e);
            }
        }
        if (!events.isEmpty()) {
            store.append(events, ExpectedVersion.ANY);
        }
        return store;
    }

    /** An event line of aggregate Order/{@code id}; {@code extra} is more JSON members, such as a metadata. */
    public static String event(String type, String id, String timestamp, String payload, String extra) {
        return "{\"eventType\": \"" + type + "\", \"aggregateType\": \"Order\", \"aggregateId\": \"" + id
                + "\", \"timestamp\": \"" + timestamp + "\", \"payload\": " + payload
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    /** Metadata with a user and a correlation id, and a causation id when not null. */
    public static String meta(String user, String correlation, String causation) {
        return "\"metadata\": {\"userId\": \"" + user + "\", \"correlationId\": \"" + correlation + "\""
                + (causation == null ? "" : ", \"causationId\": \"" + causation + "\"") + "}";
    }
}
