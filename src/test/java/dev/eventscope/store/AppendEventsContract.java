package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.ConflictException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AppendEvents}: appends with their expected versions, idempotence by
 * eventId, imported batches, the times the store assigns and keeps, and the hash chain. Every
 * store implementation runs it.
 */
public abstract class AppendEventsContract extends StoreContract {

    @Nested
    class when_appending {

        @Test
        void positions_run_from_1_in_append_order_across_streams() {
            // when
            append(event("A").on("Order", "o-1").build());
            append(event("B").on("Payment", "p-1").build());
            append(event("C").on("Order", "o-1").build());

            // then
            assertThat(all())
                    .extracting(RecordedEvent::position, RecordedEvent::eventType)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1L, "A"),
                            org.assertj.core.groups.Tuple.tuple(2L, "B"),
                            org.assertj.core.groups.Tuple.tuple(3L, "C"));
        }

        @Test
        void stream_versions_count_from_1_within_each_stream() {
            // when
            append(event("A").on("Order", "o-1").build());
            append(event("B").on("Order", "o-2").build());
            append(
                    event("C").on("Order", "o-1").build(),
                    event("D").on("Order", "o-2").build());

            // then
            assertThat(all()).extracting(RecordedEvent::streamVersion).containsExactly(1L, 1L, 2L, 2L);
            assertThat(store.currentVersion(StreamId.of("Order", "o-1"))).isEqualTo(2);
            assertThat(store.currentVersion(StreamId.of("Order", "o-2"))).isEqualTo(2);
        }

        @Test
        void a_batch_gets_consecutive_positions_in_its_own_order() {
            // given
            append(event("Before").build());

            // when
            List<RecordedEvent> stored = append(
                    event("First").on("Order", "o-9").build(),
                    event("Second").on("Order", "o-9").build(),
                    event("Third").on("Order", "o-9").build());

            // then
            assertThat(positions(stored)).containsExactly(2L, 3L, 4L);
            assertThat(stored).extracting(RecordedEvent::eventType).containsExactly("First", "Second", "Third");
            assertThat(stored).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L, 3L);
        }

        @Test
        void the_result_is_what_a_read_returns() {
            // when
            List<RecordedEvent> stored = append(event("A")
                    .payload("{\"n\":157.0,\"big\":1E+400,\"s\":\"Café \\\"x\\\"\"}")
                    .metadata("{\"correlationId\":\"c-1\"}")
                    .build());

            // then
            assertThat(all()).isEqualTo(stored);
            assertThat(stored.get(0).payload().text())
                    .isEqualTo("{\"n\":157.0,\"big\":1E+400,\"s\":\"Café \\\"x\\\"\"}");
            assertThat(stored.get(0).correlationId()).isEqualTo("c-1");
        }

        @Test
        void an_event_without_an_id_gets_a_new_random_one() {
            // when
            List<RecordedEvent> stored = append(event("A").build(), event("B").build());

            // then
            assertThat(stored.get(0).eventId())
                    .isNotNull()
                    .isNotEqualTo(stored.get(1).eventId());
        }

        @Test
        void an_empty_batch_is_rejected() {
            assertThatThrownBy(() -> store.append(List.of(), ExpectedVersion.ANY))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("nothing to append: the batch is empty");
        }

        @Test
        void an_event_id_twice_in_one_batch_is_rejected_and_nothing_is_written() {
            // given
            UUID id = UUID.fromString("11111111-1111-1111-1111-111111111111");

            // then
            assertThatThrownBy(() ->
                            append(event("A").id(id).build(), event("B").id(id).build()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("eventId 11111111-1111-1111-1111-111111111111 appears twice in the batch");
            assertThat(store.head()).isEqualTo(StoreHead.EMPTY);
        }
    }

    @Nested
    class when_checking_the_expected_version {

        @Test
        void any_appends_whatever_the_stream_holds() {
            append(ExpectedVersion.ANY, event("A").build());
            append(ExpectedVersion.ANY, event("B").build());
            assertThat(store.currentVersion(StreamId.of("Order", "o-1"))).isEqualTo(2);
        }

        @Test
        void no_stream_appends_to_a_new_stream() {
            List<RecordedEvent> stored =
                    append(ExpectedVersion.NO_STREAM, event("A").build());
            assertThat(stored.get(0).streamVersion()).isEqualTo(1);
        }

        @Test
        void no_stream_on_an_existing_stream_is_a_conflict() {
            // given
            grow(ORDER_17, 2);

            // then
            assertThatThrownBy(() -> append(
                            ExpectedVersion.NO_STREAM,
                            event("A").on("Order", "order-17").build()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("wrong expected version no-stream for Order/order-17 (current 2)");
        }

        @Test
        void exists_on_a_new_stream_is_a_conflict() {
            assertThatThrownBy(() -> append(
                            ExpectedVersion.EXISTS,
                            event("A").on("Order", "order-17").build()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("wrong expected version exists for Order/order-17 (current 0: no events)");
        }

        @Test
        void exists_appends_to_a_stream_with_events() {
            grow(ORDER_17, 1);
            append(ExpectedVersion.EXISTS, event("A").on("Order", "order-17").build());
            assertThat(store.currentVersion(ORDER_17)).isEqualTo(2);
        }

        @Test
        void version_0_appends_to_a_new_stream() {
            append(
                    new ExpectedVersion.Exactly(0),
                    event("A").on("Order", "order-17").build());
            assertThat(store.currentVersion(ORDER_17)).isEqualTo(1);
        }

        @Test
        void the_current_version_appends() {
            // given
            grow(ORDER_17, 5);

            // when
            List<RecordedEvent> stored = append(
                    new ExpectedVersion.Exactly(5),
                    event("A").on("Order", "order-17").build(),
                    event("B").on("Order", "order-17").build());

            // then
            assertThat(stored).extracting(RecordedEvent::streamVersion).containsExactly(6L, 7L);
        }

        @Test
        void a_wrong_version_is_a_conflict_naming_the_current_version_and_nothing_is_written() {
            // given
            grow(ORDER_17, 5);
            StoreHead before = store.head();

            // when / then
            assertThatThrownBy(() -> append(
                            new ExpectedVersion.Exactly(4),
                            event("A").on("Order", "order-17").build()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("wrong expected version 4 for Order/order-17 (current 5)")
                    .satisfies(e -> assertThat(((ConflictException) e).hint())
                            .hasValue("re-read the stream or pass --expected-version 5"));
            assertThat(store.head()).isEqualTo(before);
        }

        @Test
        void a_version_ahead_of_the_stream_is_a_conflict() {
            grow(ORDER_17, 1);
            assertThatThrownBy(() -> append(
                            new ExpectedVersion.Exactly(3),
                            event("A").on("Order", "order-17").build()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("wrong expected version 3 for Order/order-17 (current 1)");
        }

        @Test
        void only_the_events_of_the_stream_itself_count() {
            // given
            grow(StreamId.of("Order", "order-18"), 3);
            grow(StreamId.of("Payment", "order-17"), 2);

            // when
            append(ExpectedVersion.NO_STREAM, event("A").on("Order", "order-17").build());

            // then
            assertThat(store.currentVersion(ORDER_17)).isEqualTo(1);
        }

        @Test
        void a_batch_over_several_streams_needs_expected_version_any() {
            for (ExpectedVersion expected :
                    List.of(ExpectedVersion.NO_STREAM, ExpectedVersion.EXISTS, new ExpectedVersion.Exactly(0))) {
                assertThatThrownBy(() -> append(
                                expected,
                                event("A").on("Order", "o-1").build(),
                                event("B").on("Order", "o-2").build()))
                        .isInstanceOf(UsageException.class)
                        .hasMessage("--expected-version " + expected + " needs a batch of one stream; this one has 2");
            }
            assertThat(store.head()).isEqualTo(StoreHead.EMPTY);
        }

        @Test
        void a_batch_over_several_streams_with_any_is_appended_atomically() {
            List<RecordedEvent> stored = append(
                    ExpectedVersion.ANY,
                    event("A").on("Order", "o-1").build(),
                    event("B").on("Order", "o-2").build());
            assertThat(positions(stored)).containsExactly(1L, 2L);
        }
    }

    @Nested
    class when_appending_events_that_are_stored_already {

        private final UUID id = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

        @Test
        void an_identical_append_returns_the_original_positions_and_writes_nothing() {
            // given
            NewEvent placed = event("OrderPlaced")
                    .id(id)
                    .on("Order", "order-17")
                    .at("2024-01-15T10:30:00Z")
                    .payload("{\"a\":1}")
                    .build();
            RecordedEvent original = append(placed).get(0);
            append(event("Other").build());
            StoreHead before = store.head();

            // when
            AppendResult again = store.append(List.of(placed), ExpectedVersion.ANY);

            // then
            assertThat(again.alreadyStored()).isTrue();
            assertThat(again.events()).containsExactly(original);
            assertThat(store.head()).isEqualTo(before);
        }

        @Test
        void an_identical_batch_returns_every_original_event() {
            // given
            List<NewEvent> batch = List.of(
                    event("A").id(UUID.randomUUID()).on("Order", "o-1").build(),
                    event("B").id(UUID.randomUUID()).on("Order", "o-1").build());
            List<RecordedEvent> original =
                    store.append(batch, ExpectedVersion.NO_STREAM).events();

            // when
            AppendResult again = store.append(batch, ExpectedVersion.NO_STREAM);

            // then: a retry with the same expected version succeeds without writing
            assertThat(again.alreadyStored()).isTrue();
            assertThat(again.events()).isEqualTo(original);
            assertThat(all()).hasSize(2);
        }

        @Test
        void a_repeat_without_a_timestamp_matches_the_time_the_store_assigned() {
            // given
            NewEvent untimed = event("A").id(id).build();
            RecordedEvent original = append(untimed).get(0);

            // when
            AppendResult again = store.append(List.of(untimed), ExpectedVersion.ANY);

            // then
            assertThat(again.alreadyStored()).isTrue();
            assertThat(again.events()).containsExactly(original);
        }

        @Test
        void the_same_id_with_other_content_is_a_conflict_naming_what_differs() {
            // given
            append(event("OrderPlaced").id(id).payload("{\"a\":1}").build());

            // then
            assertThatThrownBy(() -> append(event("OrderPlaced")
                            .id(id)
                            .payload("{\"a\":2}")
                            .metadata("{\"userId\":\"u\"}")
                            .build()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("eventId 550e8400-e29b-41d4-a716-446655440000 is already stored at position 1 with"
                            + " different content (it differs in payload, metadata)");
            assertThatThrownBy(() -> append(event("OrderShipped")
                            .id(id)
                            .on("Payment", "p-1")
                            .version(2)
                            .at("2024-01-15T10:30:00Z")
                            .payload("{\"a\":1}")
                            .build()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("(it differs in eventType, stream, eventVersion, timestamp)");
            assertThat(all()).hasSize(1);
        }

        @Test
        void a_batch_of_which_only_some_events_are_stored_is_a_conflict_and_writes_nothing() {
            // given
            NewEvent stored = event("A").id(id).build();
            append(stored);

            // then
            assertThatThrownBy(() ->
                            append(stored, event("B").id(UUID.randomUUID()).build()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("the batch is partly stored already: 1 of 2 events exist (first:"
                            + " 550e8400-e29b-41d4-a716-446655440000 at position 1)");
            assertThat(all()).hasSize(1);
        }
    }

    @Nested
    class when_importing_batches {

        @Test
        void new_events_are_imported_in_order() {
            // when
            ImportBatchResult result = store.importBatch(List.of(
                    event("A").id(UUID.randomUUID()).on("Order", "o-1").build(),
                    event("B").id(UUID.randomUUID()).on("Order", "o-2").build(),
                    event("C").id(UUID.randomUUID()).on("Order", "o-1").build()));

            // then
            assertThat(result).isEqualTo(ImportBatchResult.done(3, 0));
            assertThat(all()).extracting(RecordedEvent::eventType).containsExactly("A", "B", "C");
            assertThat(all()).extracting(RecordedEvent::streamVersion).containsExactly(1L, 1L, 2L);
        }

        @Test
        void events_stored_already_are_skipped_and_counted() {
            // given
            NewEvent a = event("A").id(UUID.randomUUID()).build();
            NewEvent b = event("B").id(UUID.randomUUID()).build();
            store.importBatch(List.of(a));

            // when
            ImportBatchResult result = store.importBatch(List.of(a, b));

            // then
            assertThat(result).isEqualTo(ImportBatchResult.done(1, 1));
            assertThat(all()).extracting(RecordedEvent::eventType).containsExactly("A", "B");
        }

        @Test
        void the_same_event_twice_in_one_batch_is_imported_once() {
            NewEvent a = event("A").id(UUID.randomUUID()).build();
            assertThat(store.importBatch(List.of(a, a))).isEqualTo(ImportBatchResult.done(1, 1));
            assertThat(all()).hasSize(1);
        }

        @Test
        void a_stored_id_with_other_content_is_a_conflict_at_its_index_and_the_batch_writes_nothing() {
            // given
            UUID id = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");
            store.importBatch(List.of(event("A").id(id).payload("{\"v\":1}").build()));

            // when
            ImportBatchResult result = store.importBatch(List.of(
                    event("B").id(UUID.randomUUID()).build(),
                    event("A").id(id).payload("{\"v\":2}").build()));

            // then
            assertThat(result.hasConflict()).isTrue();
            assertThat(result.conflictIndex()).isEqualTo(1);
            assertThat(result.conflict())
                    .isEqualTo("eventId 550e8400-e29b-41d4-a716-446655440000 is already stored at position 1 with"
                            + " different content (it differs in payload)");
            assertThat(all()).extracting(RecordedEvent::eventType).containsExactly("A");
        }

        @Test
        void an_event_with_a_stream_version_lands_on_exactly_that_version() {
            // when
            ImportBatchResult result = store.importBatch(List.of(
                    event("A").id(UUID.randomUUID()).streamVersion(1).build(),
                    event("B").id(UUID.randomUUID()).streamVersion(2).build()));

            // then
            assertThat(result).isEqualTo(ImportBatchResult.done(2, 0));
            assertThat(all()).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L);
        }

        @Test
        void a_stream_version_that_does_not_fit_is_a_conflict_and_the_batch_writes_nothing() {
            // given
            grow(ORDER_17, 2);

            // when
            ImportBatchResult result = store.importBatch(List.of(
                    event("A")
                            .id(UUID.randomUUID())
                            .on("Order", "order-17")
                            .streamVersion(3)
                            .build(),
                    event("B")
                            .id(UUID.randomUUID())
                            .on("Order", "order-17")
                            .streamVersion(5)
                            .build()));

            // then
            assertThat(result.conflictIndex()).isEqualTo(1);
            assertThat(result.conflict())
                    .isEqualTo("streamVersion 5 for Order/order-17 cannot land: the stream is at 3, so the next"
                            + " event is version 4");
            assertThat(store.currentVersion(ORDER_17)).isEqualTo(2);
        }

        @Test
        void a_stored_event_with_its_stream_version_is_skipped() {
            NewEvent a = event("A").id(UUID.randomUUID()).streamVersion(1).build();
            store.importBatch(List.of(a));
            assertThat(store.importBatch(List.of(a))).isEqualTo(ImportBatchResult.done(0, 1));
        }
    }

    @Nested
    class when_normalising_time {

        @Test
        void a_timestamp_given_with_an_offset_is_read_back_as_that_instant_in_UTC() {
            // when
            append(event("A").at("2024-01-15T10:30:00+02:00").build());

            // then
            RecordedEvent read = all().get(0);
            assertThat(read.timestamp()).isEqualTo(Instant.parse("2024-01-15T08:30:00Z"));
            assertThat(Times.format(read.timestamp())).isEqualTo("2024-01-15T08:30:00Z");
        }

        @Test
        void microseconds_are_kept() {
            append(event("A").at("2024-01-15T10:30:00.123456-01:00").build());
            assertThat(Times.format(all().get(0).timestamp())).isEqualTo("2024-01-15T11:30:00.123456Z");
        }

        @Test
        void an_event_without_a_timestamp_happened_when_it_was_recorded() {
            RecordedEvent stored = append(event("A").build()).get(0);
            assertThat(stored.timestamp()).isEqualTo(stored.recordedAt());
        }

        @Test
        void record_time_never_decreases_with_position_and_has_microsecond_precision() {
            // when
            for (int i = 0; i < 5; i++) {
                append(event("A").build(), event("B").build());
                store.importBatch(List.of(event("C").id(UUID.randomUUID()).build()));
            }

            // then
            List<RecordedEvent> events = all();
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).recordedAt())
                        .isAfterOrEqualTo(events.get(i - 1).recordedAt());
            }
            assertThat(events)
                    .allSatisfy(
                            ev -> assertThat(ev.recordedAt().getNano() % 1_000).isZero());
        }
    }

    @Nested
    class when_chaining_hashes {

        @Test
        void every_hash_recomputes_from_the_event_and_the_hash_before_it() {
            // given
            append(event("A").payload("{\"x\":[1,2,{\"y\":null}]}").build());
            append(event("B")
                    .on("Payment", "p-1")
                    .metadata("{\"correlationId\":\"c\",\"userId\":\"u\"}")
                    .build());
            store.importBatch(List.of(
                    event("C").id(UUID.randomUUID()).build(),
                    event("D")
                            .id(UUID.randomUUID())
                            .at("1999-12-31T23:59:59.999999Z")
                            .build()));

            // when
            HashChain chain = new HashChain();
            String previous = "";
            for (RecordedEvent event : all()) {
                // then
                assertThat(event.hash()).isEqualTo(chain.hash(previous, event));
                previous = event.hash();
            }
            assertThat(previous).hasSize(64);
        }

        @Test
        void the_head_is_the_last_position_and_its_hash() {
            // given
            grow(ORDER_17, 3);
            RecordedEvent last = all().get(2);

            // then
            assertThat(store.head()).isEqualTo(new StoreHead(3, last.hash(), 3));
        }
    }
}
