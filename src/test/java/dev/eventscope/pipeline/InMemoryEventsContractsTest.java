package dev.eventscope.pipeline;

import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventQueryContract;
import dev.eventscope.store.HashChain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;

/**
 * The store contract suites that apply to {@link InMemoryEvents} (the events specs and what-if
 * timelines read): it claims the store's query semantics, so it runs the query suite.
 */
class InMemoryEventsContractsTest {

    /**
     * Records events the way a store assigns positions, stream versions, record times and hashes,
     * and reads them back through {@link InMemoryEvents} only.
     */
    static final class InMemoryLog implements EventQueryContract.Log {

        private final List<RecordedEvent> recorded = new ArrayList<>();
        private final Map<StreamId, Long> versions = new HashMap<>();
        private final HashChain chain = new HashChain();
        private Instant lastRecordedAt = Instant.EPOCH;

        @Override
        public List<RecordedEvent> record(List<NewEvent> events) {
            Instant now = Times.nowMicros();
            Instant recordedAt = now.isAfter(lastRecordedAt) ? now : lastRecordedAt;
            lastRecordedAt = recordedAt;
            List<RecordedEvent> out = new ArrayList<>();
            for (NewEvent e : events) {
                long version = versions.merge(e.stream(), 1L, Long::sum);
                String previous = recorded.isEmpty()
                        ? ""
                        : recorded.get(recorded.size() - 1).hash();
                RecordedEvent unhashed = new RecordedEvent(
                        recorded.size() + 1,
                        e.eventId() != null ? e.eventId() : UUID.randomUUID(),
                        e.eventType(),
                        e.stream(),
                        version,
                        e.eventVersion(),
                        e.timestamp() != null ? e.timestamp() : recordedAt,
                        recordedAt,
                        e.payload(),
                        e.metadata(),
                        e.correlationId(),
                        e.causationId(),
                        e.userId(),
                        null);
                RecordedEvent event = unhashed.withHash(chain.hash(previous, unhashed));
                recorded.add(event);
                out.add(event);
            }
            return out;
        }

        private InMemoryEvents events() {
            return new InMemoryEvents(recorded);
        }

        @Override
        public Stream<RecordedEvent> read(EventQuery query) {
            return events().read(query);
        }

        @Override
        public Stream<RecordedEvent> scan(EventQuery query) {
            return events().scan(query);
        }

        @Override
        public void close() {
            recorded.clear();
        }
    }

    @Nested
    class Querying extends EventQueryContract {
        @Override
        protected Log emptyLog() {
            return new InMemoryLog();
        }
    }
}
