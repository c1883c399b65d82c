package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReadEvents} beyond queries (those are {@link EventQueryContract}): events
 * by id and position, stream versions and summaries, the head, and the lookups by record time and
 * aggregate id. Every store implementation runs it.
 */
public abstract class ReadEventsContract extends StoreContract {

    @Nested
    class when_a_stream_is_empty {

        @Test
        void its_current_version_is_0_and_reading_it_returns_nothing() {
            // given
            grow(StreamId.of("Order", "other"), 1);

            // then
            assertThat(store.currentVersion(ORDER_17)).isZero();
            assertThat(read(EventQuery.stream(ORDER_17))).isEmpty();
        }

        @Test
        void an_empty_store_has_no_events_streams_or_head() {
            assertThat(all()).isEmpty();
            assertThat(store.head()).isEqualTo(StoreHead.EMPTY);
            assertThat(store.byPosition(1)).isEmpty();
            assertThat(store.byId(UUID.randomUUID())).isEmpty();
            try (Stream<StreamSummary> streams = store.streams(StreamQuery.ALL)) {
                assertThat(streams).isEmpty();
            }
        }
    }

    @Nested
    class when_listing_streams {

        @BeforeEach
        void streams() {
            append(event("A").on("Order", "o-1").at("2024-01-02T00:00:00Z").build());
            append(event("A").on("Payment", "p-1").at("2024-01-01T00:00:00Z").build());
            append(event("A").on("Order", "o-2").at("2024-01-05T00:00:00Z").build());
            append(event("A").on("Order", "o-1").at("2024-01-01T00:00:00Z").build());
            append(event("A").on("Order", "o-1").at("2024-01-03T00:00:00Z").build());
        }

        private List<StreamSummary> streams(StreamQuery query) {
            try (Stream<StreamSummary> s = store.streams(query)) {
                return s.toList();
            }
        }

        @Test
        void each_stream_has_its_count_version_positions_and_valid_time_range() {
            assertThat(streams(StreamQuery.ALL))
                    .containsExactly(
                            new StreamSummary(
                                    StreamId.of("Order", "o-1"),
                                    3,
                                    3,
                                    1,
                                    5,
                                    Instant.parse("2024-01-01T00:00:00Z"),
                                    Instant.parse("2024-01-03T00:00:00Z")),
                            new StreamSummary(
                                    StreamId.of("Order", "o-2"),
                                    1,
                                    1,
                                    3,
                                    3,
                                    Instant.parse("2024-01-05T00:00:00Z"),
                                    Instant.parse("2024-01-05T00:00:00Z")),
                            new StreamSummary(
                                    StreamId.of("Payment", "p-1"),
                                    1,
                                    1,
                                    2,
                                    2,
                                    Instant.parse("2024-01-01T00:00:00Z"),
                                    Instant.parse("2024-01-01T00:00:00Z")));
        }

        @Test
        void streams_filter_by_type_prefix_and_limit() {
            assertThat(streams(new StreamQuery("Order", null, null)))
                    .extracting(StreamSummary::stream)
                    .containsExactly(StreamId.of("Order", "o-1"), StreamId.of("Order", "o-2"));
            assertThat(streams(new StreamQuery(null, "p-", null)))
                    .extracting(StreamSummary::stream)
                    .containsExactly(StreamId.of("Payment", "p-1"));
            assertThat(streams(new StreamQuery(null, null, 2L))).hasSize(2);
        }

        @Test
        void streams_continue_after_a_stream_in_type_then_id_order() {
            // given: pages of two, each starting after the last stream of the one before
            List<StreamSummary> first = streams(new StreamQuery(null, null, null, 2L));
            List<StreamSummary> second = streams(new StreamQuery(null, null, first.get(1).stream(), 2L));

            // then
            assertThat(first)
                    .extracting(StreamSummary::stream)
                    .containsExactly(StreamId.of("Order", "o-1"), StreamId.of("Order", "o-2"));
            assertThat(second).extracting(StreamSummary::stream).containsExactly(StreamId.of("Payment", "p-1"));
            assertThat(second.get(0).events()).isEqualTo(1);
            assertThat(streams(new StreamQuery(null, null, StreamId.of("Payment", "p-1"), null)))
                    .isEmpty();
        }

        @Test
        void streams_after_a_key_that_is_not_stored_start_at_the_next_one_and_keep_the_filters() {
            assertThat(streams(new StreamQuery(null, null, StreamId.of("Order", "o-10"), null)))
                    .extracting(StreamSummary::stream)
                    .containsExactly(StreamId.of("Order", "o-2"), StreamId.of("Payment", "p-1"));
            assertThat(streams(new StreamQuery("Order", "o-", StreamId.of("Order", "o-1"), null)))
                    .extracting(StreamSummary::stream)
                    .containsExactly(StreamId.of("Order", "o-2"));
            assertThat(streams(new StreamQuery(null, null, StreamId.of("N", "zzz"), 1L)))
                    .extracting(StreamSummary::stream)
                    .containsExactly(StreamId.of("Order", "o-1"));
        }

        @Test
        void regression_a_prefix_matches_ids_that_continue_with_characters_beyond_the_basic_plane() {
            // was: the upper bound prefix + U+FFFF sorts below a UTF-8 supplementary character
            append(event("A").on("Order", "o-\uD83D\uDE00").build());
            append(event("A").on("Order", "o-\uFFFF").build());
            append(event("A").on("Order", "o-\uFFFFx").build());
            append(event("A").on("Order", "op").build());

            assertThat(streams(new StreamQuery("Order", "o-", null)))
                    .extracting(s -> s.stream().aggregateId())
                    .containsExactlyInAnyOrder("o-1", "o-2", "o-\uD83D\uDE00", "o-\uFFFF", "o-\uFFFFx");
        }
    }

    @Nested
    class when_looking_events_up {

        private List<RecordedEvent> e;

        @BeforeEach
        void five_events_in_two_transactions() {
            List<RecordedEvent> first = append(
                    event("OrderPlaced").on("Order", "o-1").build(),
                    event("PaymentTaken").on("Payment", "o-1").build(),
                    event("OrderPlaced").on("Order", "o-2").build());
            clockPast(first.get(2).recordedAt());
            List<RecordedEvent> second = append(
                    event("OrderShipped").on("Order", "o-1").build(),
                    event("StockReserved").on("Inventory", "o-1").build());
            e = Stream.concat(first.stream(), second.stream()).toList();
        }

        @Test
        void an_event_is_found_by_id_and_by_position_as_read() {
            assertThat(store.byId(e.get(4).eventId())).hasValue(e.get(4));
            assertThat(store.byPosition(5)).hasValue(e.get(4));
            assertThat(store.byPosition(6)).isEmpty();
            assertThat(store.byId(UUID.randomUUID())).isEmpty();
        }

        @Test
        void the_head_position_is_the_highest_position() {
            assertThat(store.headPosition()).isEqualTo(5);
            assertThat(store.head()).isEqualTo(new StoreHead(5, e.get(4).hash(), 5));
        }

        @Test
        void the_last_position_recorded_by_a_time_is_the_end_of_what_was_committed_by_then() {
            assertThat(store.lastPositionRecordedBy(e.get(0).recordedAt())).isEqualTo(3);
            assertThat(store.lastPositionRecordedBy(e.get(0).recordedAt().minusNanos(1_000)))
                    .isZero();
            assertThat(store.lastPositionRecordedBy(e.get(4).recordedAt())).isEqualTo(5);
            assertThat(store.lastPositionRecordedBy(Instant.parse("2999-01-01T00:00:00Z")))
                    .isEqualTo(5);
        }

        @Test
        void the_aggregate_types_of_an_id_are_every_type_with_a_stream_of_that_id_sorted() {
            assertThat(store.aggregateTypesOf("o-1")).containsExactly("Inventory", "Order", "Payment");
            assertThat(store.aggregateTypesOf("o-2")).containsExactly("Order");
            assertThat(store.aggregateTypesOf("o-9")).isEmpty();
        }

        @Test
        void stream_counts_are_every_stream_s_events_and_version_by_type_then_id() {
            try (Stream<StreamCount> counts = store.streamCounts()) {
                assertThat(counts)
                        .containsExactly(
                                new StreamCount(StreamId.of("Inventory", "o-1"), 1, 1),
                                new StreamCount(StreamId.of("Order", "o-1"), 2, 2),
                                new StreamCount(StreamId.of("Order", "o-2"), 1, 1),
                                new StreamCount(StreamId.of("Payment", "o-1"), 1, 1));
            }
        }

        @Test
        void another_connection_reads_what_was_committed() {
            EventStore reader = another(StoreOptions.Access.READ);
            assertThat(read(reader, EventQuery.ALL)).isEqualTo(e);
            assertThat(reader.head()).isEqualTo(store.head());
        }
    }
}
