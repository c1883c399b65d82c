package dev.eventscope.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A test store whose events get the ids and links the test chooses, so causation graphs of any
 * shape (cycles too: the store cannot tell, causationIds are free text) can be written directly.
 */
public final class TraceStore implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");

    public final EventStore store;
    private final List<NewEvent> pending = new ArrayList<>();

    private TraceStore(EventStore store) {
        this.store = store;
    }

    public static TraceStore create(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new TraceStore(SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(dir.resolve("trace.db")), StoreOptions.Access.WRITE, Duration.ofSeconds(10))));
    }

    /** A readable event id: {@code id(7)} is {@code 00000000-0000-4000-8000-000000000007}. */
    public static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    public static UUID uuid(int n) {
        return UUID.fromString(id(n));
    }

    /** An event to append; {@code correlation}, {@code causation} and {@code user} may be null. */
    public Builder event(int n, String type) {
        return new Builder(n, type);
    }

    public final class Builder {
        private final int n;
        private final String type;
        private String aggregateType = "Order";
        private String aggregateId = "order-1";
        private Instant at;
        private String correlation = "req-1";
        private String causation;
        private String user;

        private Builder(int n, String type) {
            this.n = n;
            this.type = type;
            this.at = T0.plusSeconds(n);
        }

        public Builder stream(String aggregateType, String aggregateId) {
            this.aggregateType = aggregateType;
            this.aggregateId = aggregateId;
            return this;
        }

        public Builder at(Instant time) {
            this.at = time;
            return this;
        }

        /** Valid time {@code seconds} after T0. */
        public Builder at(long seconds) {
            return at(T0.plusSeconds(seconds));
        }

        public Builder correlation(String id) {
            this.correlation = id;
            return this;
        }

        public Builder causedBy(String id) {
            this.causation = id;
            return this;
        }

        /** Caused by the event {@code id(n)}. */
        public Builder causedBy(int eventNumber) {
            return causedBy(id(eventNumber));
        }

        public Builder user(String id) {
            this.user = id;
            return this;
        }

        /** Queues the event; {@link #flush()} appends everything queued in one batch. */
        public TraceStore add() {
            ObjectNode meta = Json.object();
            if (user != null) {
                meta.put("userId", user);
            }
            if (correlation != null) {
                meta.put("correlationId", correlation);
            }
            if (causation != null) {
                meta.put("causationId", causation);
            }
            pending.add(new NewEvent(
                    uuid(n),
                    type,
                    new StreamId(aggregateType, aggregateId),
                    1,
                    at,
                    JsonDoc.EMPTY_OBJECT,
                    JsonDoc.of(meta),
                    null));
            return TraceStore.this;
        }
    }

    /** Appends what is queued, in the order it was queued. */
    public List<RecordedEvent> flush() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<RecordedEvent> written =
                store.append(List.copyOf(pending), ExpectedVersion.ANY).events();
        pending.clear();
        return written;
    }

    public Tracer tracer() {
        flush();
        return Tracer.over(store);
    }

    @Override
    public void close() {
        store.close();
    }
}
