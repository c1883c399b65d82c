package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SagaStates}. Every store that offers processing runs it (ADR 0180) by
 * naming itself in a nested subclass, as {@code SqliteStoreContractsTest} does: written against the
 * port only, it holds a store to what the SQLite adapter does where a server's defaults would
 * differ (state kept as its text, not re-encoded; ids compared as bytes, not by a collation for
 * words; times to the microsecond; the earliest parked letter by position, not by id).
 */
public abstract class SagaStatesContract extends ProcessingContract {

    private static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");
    private static final UUID E1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID E2 = UUID.fromString("00000000-0000-4000-8000-000000000002");

    private SagaStates sagas() {
        return processing.sagas();
    }

    private static SagaInstance instance(String saga, String id, long version, boolean ended) {
        return new SagaInstance(
                saga,
                id,
                ended ? SagaInstance.Status.ENDED : SagaInstance.Status.RUNNING,
                JsonDoc.ofText("{\"step\":\"placed\",\"total\":12.5,\"items\":[1,2]}"),
                2,
                E1,
                T0,
                7,
                E2,
                "PaymentProcessed",
                T0.plusSeconds(60),
                ended ? T0.plusSeconds(120) : null,
                version,
                Times.fromMicros(1_700_000_000_123_456L));
    }

    private static SagaDeadline deadline(String saga, String instance, String name, Instant due) {
        return new SagaDeadline(saga, instance, name, due, E1, 3, SagaDeadline.Status.PENDING, T0);
    }

    @Nested
    class instances {

        @Test
        void an_instance_never_written_is_not_there() {
            assertThat(sagas().instance("fulfilment", "order-1")).isEmpty();
            assertThat(sagas().instances("fulfilment")).isEmpty();
        }

        @Test
        void an_instance_is_kept_with_every_field_and_replaced_when_written_again() {
            // given
            SagaInstance first = instance("fulfilment", "order-1", 1, false);
            SagaInstance later = instance("fulfilment", "order-1", 2, true);

            // when
            inTransaction(() -> sagas().putInstance(first));
            SagaInstance read = sagas().instance("fulfilment", "order-1").orElseThrow();
            inTransaction(() -> sagas().putInstance(later));

            // then
            assertThat(read).isEqualTo(first);
            assertThat(read.state().node().get("total").decimalValue()).isEqualByComparingTo("12.5");
            assertThat(sagas().instance("fulfilment", "order-1")).contains(later);
        }

        @Test
        void the_instances_of_a_saga_come_by_id_and_others_sagas_are_apart() {
            // when
            inTransaction(() -> {
                sagas().putInstance(instance("fulfilment", "order-2", 1, false));
                sagas().putInstance(instance("fulfilment", "order-10", 1, false));
                sagas().putInstance(instance("review", "order-1", 1, false));
            });

            // then
            assertThat(sagas().instances("fulfilment").stream()
                            .map(SagaInstance::instanceId)
                            .toList())
                    .containsExactly("order-10", "order-2");
            assertThat(sagas().instances("review")).hasSize(1);
        }

        @Test
        void the_state_is_kept_as_its_text_with_key_order_and_number_text_and_times_to_the_microsecond() {
            // given: keys not in any sorted order, numbers whose text a JSON number type would change,
            // text outside ASCII; times with microseconds (DESIGN 4b: JSON as bytes, never jsonb)
            String text = "{\"zeta\":1,\"alpha\":147.20,\"big\":1E+400,\"id\":12345678901234567890,"
                    + "\"name\":\"Caf\u00e9 \\\"Cr\u00e8me\\\" \ud83d\udce6\",\"nested\":{\"b\":[],\"a\":null}}";
            Instant micros = Instant.parse("2024-01-15T10:00:00.123456Z");
            SagaInstance written = new SagaInstance(
                    "fulfilment",
                    "order-1",
                    SagaInstance.Status.ENDED,
                    JsonDoc.ofText(text),
                    1,
                    E1,
                    micros,
                    1,
                    E1,
                    "OrderPlaced",
                    micros.plusNanos(1_000),
                    micros.plusNanos(2_000),
                    1,
                    micros.plusNanos(3_000));

            // when
            inTransaction(() -> sagas().putInstance(written));

            // then
            SagaInstance read = sagas().instance("fulfilment", "order-1").orElseThrow();
            assertThat(read.state().text()).isEqualTo(text);
            assertThat(read).isEqualTo(written);
            assertThat(read.endedAt()).isEqualTo(Instant.parse("2024-01-15T10:00:00.123458Z"));
        }

        @Test
        void instance_ids_and_saga_names_compare_as_bytes_not_as_words() {
            // when: ids a collation for words would order differently (case, punctuation, accents)
            inTransaction(() -> {
                for (String id : List.of("order-1", "Order-2", "order_1", "\u00e9t\u00e9", "order 3", "Z")) {
                    sagas().putInstance(instance("fulfilment", id, 1, false));
                }
                sagas().putInstance(instance("Fulfilment", "order-1", 1, false));
            });

            // then
            assertThat(sagas().instances("fulfilment").stream()
                            .map(SagaInstance::instanceId)
                            .toList())
                    .containsExactly("Order-2", "Z", "order 3", "order-1", "order_1", "\u00e9t\u00e9");
            assertThat(sagas().instances("Fulfilment")).hasSize(1);
            assertThat(sagas().instance("fulfilment", "ORDER-1")).isEmpty();
        }

        @Test
        void an_instance_of_a_rolled_back_transaction_is_not_kept() {
            // when
            assertThatThrownBy(() -> inTransaction(() -> {
                        sagas().putInstance(instance("fulfilment", "order-1", 1, false));
                        throw new IllegalStateException("boom");
                    }))
                    .isInstanceOf(IllegalStateException.class);

            // then
            assertThat(sagas().instance("fulfilment", "order-1")).isEmpty();
        }

        @Test
        void another_connection_sees_what_was_committed() {
            // when
            inTransaction(() -> sagas().putInstance(instance("fulfilment", "order-1", 1, false)));

            // then
            assertThat(another(StoreOptions.Access.READ)
                            .requireProcessing()
                            .sagas()
                            .instance("fulfilment", "order-1"))
                    .isPresent();
        }
    }

    @Nested
    class deadlines {

        @Test
        void the_deadlines_of_an_instance_come_by_name_and_a_new_setting_replaces_the_old() {
            // when
            inTransaction(() -> {
                sagas().putDeadline(deadline("fulfilment", "order-1", "shipment", T0.plusSeconds(600)));
                sagas().putDeadline(deadline("fulfilment", "order-1", "payment", T0.plusSeconds(60)));
                sagas().putDeadline(deadline("fulfilment", "order-1", "payment", T0.plusSeconds(90)));
            });

            // then
            List<SagaDeadline> list = sagas().deadlines("fulfilment", "order-1");
            assertThat(list).extracting(SagaDeadline::name).containsExactly("payment", "shipment");
            assertThat(list.get(0).due()).isEqualTo(T0.plusSeconds(90));
            assertThat(list.get(0)).isEqualTo(deadline("fulfilment", "order-1", "payment", T0.plusSeconds(90)));
        }

        @Test
        void the_deadlines_due_are_the_pending_ones_by_due_time_then_instance_then_name() {
            // given
            inTransaction(() -> {
                sagas().putDeadline(deadline("s", "b", "x", T0.plusSeconds(10)));
                sagas().putDeadline(deadline("s", "a", "y", T0.plusSeconds(10)));
                sagas().putDeadline(deadline("s", "a", "x", T0.plusSeconds(10)));
                sagas().putDeadline(deadline("s", "c", "x", T0.plusSeconds(5)));
                sagas().putDeadline(deadline("s", "d", "x", T0.plusSeconds(11)));
                sagas().putDeadline(deadline("s", "e", "x", T0.plusSeconds(1)).with(SagaDeadline.Status.FIRED, T0));
                sagas().putDeadline(deadline("other", "a", "x", T0));
            });

            // when
            List<SagaDeadline> due = sagas().due("s", T0.plusSeconds(10));

            // then
            assertThat(due)
                    .extracting(d -> d.instanceId() + "/" + d.name())
                    .containsExactly("c/x", "a/x", "a/y", "b/x");
            assertThat(sagas().nextDue("s")).contains(T0.plusSeconds(5));
            assertThat(sagas().nextDue("nobody")).isEmpty();
        }

        @Test
        void cancelled_fired_and_failed_deadlines_are_never_due_and_one_set_again_is() {
            // given
            inTransaction(() -> {
                sagas().putDeadline(deadline("s", "a", "x", T0).with(SagaDeadline.Status.CANCELLED, T0));
                sagas().putDeadline(deadline("s", "b", "x", T0).with(SagaDeadline.Status.FAILED, T0));
                sagas().putDeadline(deadline("s", "c", "x", T0).with(SagaDeadline.Status.FIRED, T0));
            });
            assertThat(sagas().due("s", T0.plusSeconds(86_400))).isEmpty();
            assertThat(sagas().deadlines("s", "b"))
                    .extracting(SagaDeadline::status)
                    .containsExactly(SagaDeadline.Status.FAILED);

            // when: the fired one is set again by a later event
            SagaDeadline again = new SagaDeadline(
                    "s", "c", "x", T0.plusSeconds(30), E2, 9, SagaDeadline.Status.PENDING, T0.plusSeconds(1));
            inTransaction(() -> sagas().putDeadline(again));

            // then
            assertThat(sagas().due("s", T0.plusSeconds(86_400))).containsExactly(again);
            assertThat(sagas().nextDue("s")).contains(T0.plusSeconds(30));
        }

        @Test
        void deadlines_due_to_the_microsecond_and_none_of_an_instance_never_set() {
            // given
            Instant due = Instant.parse("2024-01-15T10:30:00.000001Z");
            inTransaction(() -> sagas().putDeadline(deadline("s", "a", "x", due)));

            // then
            assertThat(sagas().due("s", due.minusNanos(1_000))).isEmpty();
            assertThat(sagas().due("s", due)).extracting(SagaDeadline::due).containsExactly(due);
            assertThat(sagas().nextDue("s")).contains(due);
            assertThat(sagas().deadlines("s", "nobody")).isEmpty();
            assertThat(sagas().deadlines("other", "a")).isEmpty();
        }

        @Test
        void deadlines_and_links_of_a_rolled_back_transaction_are_not_kept() {
            // when
            assertThatThrownBy(() -> inTransaction(() -> {
                        sagas().putDeadline(deadline("s", "a", "x", T0));
                        sagas().link(new SagaLetter("s", 1, "a", null));
                        throw new IllegalStateException("boom");
                    }))
                    .isInstanceOf(IllegalStateException.class);

            // then
            assertThat(sagas().deadlines("s", "a")).isEmpty();
            assertThat(sagas().nextDue("s")).isEmpty();
            assertThat(sagas().letters("s")).isEmpty();
        }

        @Test
        void a_deadline_keeps_its_status_and_when_it_changed() {
            // given
            SagaDeadline fired = deadline("s", "a", "x", T0).with(SagaDeadline.Status.FIRED, T0.plusSeconds(3));

            // when
            inTransaction(() -> sagas().putDeadline(fired));

            // then
            assertThat(sagas().deadlines("s", "a")).containsExactly(fired);
            assertThat(sagas().due("s", T0.plusSeconds(3600))).isEmpty();
            assertThat(sagas().nextDue("s")).isEmpty();
        }
    }

    @Nested
    class dead_letters {

        private long park(RecordedEvent e, Long behind) {
            return processing
                    .deadLetters()
                    .park(new NewDeadLetter(
                            "s",
                            e.eventId(),
                            e.position(),
                            e.eventType(),
                            e.stream(),
                            behind == null ? 1 : 0,
                            "boom",
                            behind,
                            T0,
                            T0));
        }

        @Test
        void an_instance_is_blocked_by_its_earliest_parked_letter_until_none_is_parked() {
            // given
            List<RecordedEvent> events = append(
                    event("A").on("X", "1").build(),
                    event("B").on("X", "2").build(),
                    event("C").on("X", "3").build());
            long[] ids = new long[3];
            inTransaction(() -> {
                ids[0] = park(events.get(0), null);
                ids[1] = park(events.get(1), ids[0]);
                ids[2] = park(events.get(2), null);
                sagas().link(new SagaLetter("s", ids[0], "order-1", null));
                sagas().link(new SagaLetter("s", ids[1], "order-1", null));
                sagas().link(new SagaLetter("s", ids[2], "order-2", "payment"));
            });

            // then
            assertThat(sagas().blocked("s")).isEqualTo(Map.of("order-1", ids[0], "order-2", ids[2]));
            assertThat(sagas().parkedLetters("s", "order-1")).containsExactly(ids[0], ids[1]);
            assertThat(sagas().letter("s", ids[2])).contains(new SagaLetter("s", ids[2], "order-2", "payment"));
            assertThat(sagas().letter("s", 999)).isEmpty();
            assertThat(sagas().letters("s")).extracting(SagaLetter::letterId).containsExactly(ids[0], ids[1], ids[2]);

            // when: the first is resolved, the one behind it still blocks; then it is skipped too
            inTransaction(() -> processing.deadLetters().resolve(ids[0], 1, "retried"));
            assertThat(sagas().blocked("s")).containsEntry("order-1", ids[1]);
            inTransaction(() -> processing.deadLetters().skip(ids[1], "not needed"));

            // then
            assertThat(sagas().blocked("s")).isEqualTo(Map.of("order-2", ids[2]));
            assertThat(sagas().parkedLetters("s", "order-1")).isEmpty();
        }

        @Test
        void the_earliest_parked_letter_is_the_one_of_the_earliest_event_not_the_lowest_id() {
            // given: the letter of the later event was parked first (a retry parks again with new facts)
            List<RecordedEvent> events = append(
                    event("A").on("X", "1").build(), event("B").on("X", "2").build());
            long[] ids = new long[2];
            inTransaction(() -> {
                ids[1] = park(events.get(1), null);
                ids[0] = park(events.get(0), null);
                sagas().link(new SagaLetter("s", ids[1], "order-1", null));
                sagas().link(new SagaLetter("s", ids[0], "order-1", null));
            });

            // then
            assertThat(ids[0]).isGreaterThan(ids[1]);
            assertThat(sagas().blocked("s")).isEqualTo(Map.of("order-1", ids[0]));
            assertThat(sagas().parkedLetters("s", "order-1")).containsExactly(ids[0], ids[1]);
        }

        @Test
        void the_links_of_one_saga_are_apart_from_another_sagas() {
            // given
            RecordedEvent e = append(event("A").on("X", "1").build()).get(0);
            long[] id = new long[1];
            inTransaction(() -> {
                id[0] = park(e, null);
                sagas().link(new SagaLetter("s", id[0], "order-1", null));
            });

            // then
            assertThat(sagas().letter("other", id[0])).isEmpty();
            assertThat(sagas().letters("other")).isEmpty();
            assertThat(sagas().blocked("other")).isEmpty();
            assertThat(sagas().parkedLetters("other", "order-1")).isEmpty();
            assertThat(sagas().parkedLetters("s", "order-2")).isEmpty();
        }

        @Test
        void letters_of_another_handler_never_block_a_saga() {
            // given
            RecordedEvent e = append(event("A").on("X", "1").build()).get(0);
            inTransaction(() -> {
                long id = processing
                        .deadLetters()
                        .park(new NewDeadLetter(
                                "notify", e.eventId(), e.position(), "A", StreamId.of("X", "1"), 1, "x", null, T0, T0));
                sagas().link(new SagaLetter("s", id, "order-1", null));
            });

            // then
            assertThat(sagas().blocked("s")).isEmpty();
        }
    }
}
