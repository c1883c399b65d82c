package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The query semantics of {@link EventQuery}: every filter, position order (version order inside
 * one stream), reverse and limit, and scans that return what reads return. Every store runs it,
 * and so does every other reader that claims the same semantics (the events in memory that specs
 * and what-if timelines read).
 */
public abstract class EventQueryContract {

    /**
     * Events recorded and read back by the implementation under test. A store records by
     * appending; an in-memory reader records the way a store would.
     */
    public interface Log extends AutoCloseable {

        /**
         * Records {@code events} as one transaction: the next positions in order, stream versions,
         * one record time not before the previous one, timestamps defaulting to it.
         */
        List<RecordedEvent> record(List<NewEvent> events);

        Stream<RecordedEvent> read(EventQuery query);

        Stream<RecordedEvent> scan(EventQuery query);

        /** A fold's scan ({@link ReadEvents#scanForFold}); the scan itself where there is none. */
        default Stream<RecordedEvent> scanForFold(EventQuery query) {
            return scan(query);
        }

        @Override
        void close();
    }

    /** The log of a store: records by appending with expected version any. */
    public static Log of(EventStore store) {
        return new Log() {
            @Override
            public List<RecordedEvent> record(List<NewEvent> events) {
                return store.append(events, ExpectedVersion.ANY).events();
            }

            @Override
            public Stream<RecordedEvent> read(EventQuery query) {
                return store.read(query);
            }

            @Override
            public Stream<RecordedEvent> scan(EventQuery query) {
                return store.scan(query);
            }

            @Override
            public Stream<RecordedEvent> scanForFold(EventQuery query) {
                return store.scanForFold(query);
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    /** A new, empty log of the implementation under test; closed after each test. */
    protected abstract Log emptyLog();

    private Log log;

    @BeforeEach
    void openLog() {
        log = emptyLog();
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    private List<RecordedEvent> append(NewEvent... events) {
        return log.record(List.of(events));
    }

    private List<RecordedEvent> read(EventQuery query) {
        try (Stream<RecordedEvent> events = log.read(query)) {
            return events.toList();
        }
    }

    private List<RecordedEvent> scan(EventQuery query) {
        try (Stream<RecordedEvent> events = log.scan(query)) {
            return events.toList();
        }
    }

    private List<RecordedEvent> scanForFold(EventQuery query) {
        try (Stream<RecordedEvent> events = log.scanForFold(query)) {
            return events.toList();
        }
    }

    /** {@code e} as a fold may see it: without links and hash. */
    private static RecordedEvent unlinked(RecordedEvent e) {
        return new RecordedEvent(
                e.position(),
                e.eventId(),
                e.eventType(),
                e.stream(),
                e.streamVersion(),
                e.eventVersion(),
                e.timestamp(),
                e.recordedAt(),
                e.payload(),
                e.metadata(),
                null,
                null,
                null,
                null);
    }

    private List<RecordedEvent> all() {
        return read(EventQuery.ALL);
    }

    private static List<Long> positions(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::position).toList();
    }

    private static void clockPast(Instant instant) {
        while (!Times.nowMicros().isAfter(instant)) {
            Thread.onSpinWait();
        }
    }

    @Nested
    class when_filtering {

        private List<RecordedEvent> e;

        @BeforeEach
        void seven_events_in_two_transactions() {
            // positions 1-3 in one transaction, 4-7 in a later one
            List<RecordedEvent> first = append(
                    event("OrderPlaced")
                            .on("Order", "o-1")
                            .at("2024-01-01T10:00:00Z")
                            .metadata("{\"correlationId\":\"c-1\",\"userId\":\"u-1\"}")
                            .build(),
                    event("PaymentProcessed")
                            .on("Payment", "p-1")
                            .at("2024-01-02T10:00:00Z")
                            .metadata("{\"correlationId\":\"c-1\",\"causationId\":\"cause-1\",\"userId\":\"svc\"}")
                            .build(),
                    event("OrderShipped")
                            .on("Order", "o-1")
                            .at("2024-01-03T10:00:00Z")
                            .metadata("{\"correlationId\":\"c-1\",\"causationId\":\"cause-2\",\"userId\":\"u-2\"}")
                            .build());
            clockPast(first.get(2).recordedAt());
            List<RecordedEvent> second = append(
                    event("OrderPlaced")
                            .on("Order", "o-2")
                            .at("2024-01-04T10:00:00Z")
                            .metadata("{\"correlationId\":\"c-2\",\"userId\":\"u-1\"}")
                            .build(),
                    event("StockReserved")
                            .on("Inventory", "o-1")
                            .at("2024-01-05T10:00:00Z")
                            .metadata("{\"correlationId\":\"c-2\",\"causationId\":\"cause-1\"}")
                            .build(),
                    event("OrderCancelled")
                            .on("Order", "o-2")
                            .at("2024-01-03T12:00:00Z")
                            .metadata("{\"correlationId\":\"c-2\",\"userId\":\"u-1\"}")
                            .build(),
                    event("OrderShipped")
                            .on("Order", "o-3")
                            .at("2024-01-03T10:00:00Z")
                            .build());
            e = Stream.concat(first.stream(), second.stream()).toList();
        }

        private List<Long> positionsOf(EventQuery query) {
            return positions(read(query));
        }

        @Test
        void no_filter_returns_every_event_in_position_order() {
            assertThat(positionsOf(EventQuery.ALL)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(all()).isEqualTo(e);
        }

        @Test
        void a_type_set_keeps_events_of_any_of_those_types() {
            assertThat(positionsOf(EventQuery.ALL.withTypes(Set.of("OrderPlaced", "OrderCancelled"))))
                    .containsExactly(1L, 4L, 6L);
            assertThat(positionsOf(EventQuery.ALL.withTypes(Set.of("Nothing")))).isEmpty();
        }

        @Test
        void since_and_until_bound_valid_time_inclusively() {
            assertThat(positionsOf(EventQuery.ALL.withValidTime(
                            Instant.parse("2024-01-02T10:00:00Z"), Instant.parse("2024-01-03T12:00:00Z"))))
                    .containsExactly(2L, 3L, 6L, 7L);
            assertThat(positionsOf(EventQuery.ALL.withValidTime(Instant.parse("2024-01-04T10:00:00Z"), null)))
                    .containsExactly(4L, 5L);
            assertThat(positionsOf(EventQuery.ALL.withValidTime(null, Instant.parse("2024-01-01T10:00:00Z"))))
                    .containsExactly(1L);
        }

        @Test
        void as_of_bounds_record_time() {
            Instant firstCommit = e.get(2).recordedAt();
            assertThat(positionsOf(EventQuery.ALL.withAsOf(firstCommit))).containsExactly(1L, 2L, 3L);
            assertThat(positionsOf(EventQuery.ALL.withAsOf(firstCommit.minusNanos(1_000))))
                    .isEmpty();
            assertThat(positionsOf(EventQuery.ALL.withAsOf(e.get(6).recordedAt())))
                    .hasSize(7);
        }

        @Test
        void correlation_causation_and_user_filter_by_metadata() {
            assertThat(positionsOf(EventQuery.ALL.withLinks("c-2", null, null))).containsExactly(4L, 5L, 6L);
            assertThat(positionsOf(EventQuery.ALL.withLinks(null, "cause-1", null)))
                    .containsExactly(2L, 5L);
            assertThat(positionsOf(EventQuery.ALL.withLinks(null, null, "u-1"))).containsExactly(1L, 4L, 6L);
            assertThat(positionsOf(EventQuery.ALL.withLinks("c-1", null, "u-1")))
                    .containsExactly(1L);
        }

        @Test
        void positions_bound_the_global_order_inclusively() {
            assertThat(positionsOf(EventQuery.ALL.withPositions(2L, 4L))).containsExactly(2L, 3L, 4L);
            assertThat(positionsOf(EventQuery.ALL.withPositions(6L, null))).containsExactly(6L, 7L);
            assertThat(positionsOf(EventQuery.ALL.withPositions(null, 1L))).containsExactly(1L);
        }

        @Test
        void a_limit_keeps_the_first_events() {
            assertThat(positionsOf(EventQuery.ALL.withLimit(2L))).containsExactly(1L, 2L);
            assertThat(positionsOf(EventQuery.ALL.withLimit(0L))).isEmpty();
        }

        @Test
        void reverse_reads_newest_first_and_a_limit_then_keeps_the_newest() {
            assertThat(positionsOf(EventQuery.ALL.reversed(true))).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
            assertThat(positionsOf(EventQuery.ALL.reversed(true).withLimit(2L))).containsExactly(7L, 6L);
        }

        @Test
        void an_aggregate_id_without_a_type_matches_that_id_in_every_type() {
            assertThat(positionsOf(EventQuery.ALL.withStream(null, "o-1"))).containsExactly(1L, 3L, 5L);
        }

        @Test
        void an_aggregate_type_alone_matches_every_stream_of_that_type() {
            assertThat(positionsOf(EventQuery.ALL.withStream("Order", null))).containsExactly(1L, 3L, 4L, 6L, 7L);
        }

        @Test
        void one_stream_reads_in_version_order_both_ways() {
            assertThat(read(EventQuery.stream(StreamId.of("Order", "o-2"))))
                    .extracting(RecordedEvent::streamVersion)
                    .containsExactly(1L, 2L);
            assertThat(positionsOf(
                            EventQuery.stream(StreamId.of("Order", "o-1")).reversed(true)))
                    .containsExactly(3L, 1L);
        }

        @Test
        void a_scan_returns_what_a_read_returns() {
            for (EventQuery query : List.of(
                    EventQuery.ALL,
                    EventQuery.ALL.reversed(true).withLimit(3L),
                    EventQuery.ALL.withStream("Order", null).withTypes(Set.of("OrderShipped")),
                    EventQuery.stream(StreamId.of("Order", "o-2")).reversed(true))) {
                assertThat(scan(query)).as(query.toString()).isEqualTo(read(query));
            }
        }

        @Test
        void a_fold_scan_returns_what_a_read_returns_but_may_leave_out_links_and_hash() {
            for (EventQuery query : List.of(
                    EventQuery.ALL,
                    EventQuery.ALL.withPositions(2L, 6L),
                    EventQuery.ALL.withStream("Order", null).withTypes(Set.of("OrderShipped")))) {
                List<RecordedEvent> read = read(query);
                List<RecordedEvent> folded = scanForFold(query);
                assertThat(folded).as(query.toString()).hasSameSizeAs(read);
                for (int i = 0; i < read.size(); i++) {
                    RecordedEvent r = read.get(i);
                    RecordedEvent f = folded.get(i);
                    assertThat(f).as(query + " #" + i).isIn(r, unlinked(r));
                    assertThat(f.payload().text()).isEqualTo(r.payload().text());
                    assertThat(f.metadata().text()).isEqualTo(r.metadata().text());
                }
            }
        }

        @Test
        void filters_combine() {
            EventQuery query = EventQuery.ALL
                    .withStream("Order", null)
                    .withTypes(Set.of("OrderShipped", "OrderCancelled"))
                    .withValidTime(Instant.parse("2024-01-03T00:00:00Z"), null)
                    .withPositions(4L, null);
            assertThat(positionsOf(query)).containsExactly(6L, 7L);
        }
    }

    @Nested
    class when_nothing_matches {

        @Test
        void an_empty_log_reads_nothing() {
            assertThat(all()).isEmpty();
            assertThat(read(EventQuery.stream(StreamId.of("Order", "order-17"))))
                    .isEmpty();
            assertThat(scan(EventQuery.ALL.reversed(true))).isEmpty();
        }

        @Test
        void a_stream_without_events_reads_nothing() {
            append(event("A").on("Order", "other").build());
            assertThat(read(EventQuery.stream(StreamId.of("Order", "order-17"))))
                    .isEmpty();
            assertThat(read(EventQuery.ALL.withPositions(2L, null))).isEmpty();
        }
    }
}
