package dev.eventscope.process;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.ConflictException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.EventQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorTest {

    /** A projection whose OrderPlaced rule fails on events with "bad": true in the payload. */
    static final String MODEL = "projections:\n"
            + "  orders:\n"
            + "    key: id\n"
            + "    columns: {id: TEXT, customer: TEXT, status: TEXT, total: REAL, items: INTEGER}\n"
            + "    on:\n"
            + "      OrderPlaced: {upsert: 'if (.payload.bad) error(\"cannot place \" + .aggregateId) else"
            + " {\"id\": .aggregateId, \"customer\": .payload.customer, \"status\": \"PLACED\","
            + " \"total\": .payload.total, \"items\": size(.payload.items)}'}\n"
            + "      OrderShipped: {upsert: '{\"id\": .aggregateId, \"status\": \"SHIPPED\"}'}\n"
            + "      OrderCancelled: {delete: '{\"id\": .aggregateId}'}\n"
            + "%s"
            + "handlers:\n"
            + "  compensate:\n"
            + "    kind: reactor\n"
            + "    types: [PaymentFailed]\n"
            + "    emit: '[{\"eventType\": \"OrderCancelled\", \"aggregateType\": \"Order\","
            + " \"aggregateId\": .payload.orderId, \"payload\": {\"reason\": \"payment failed\"}}]'\n";

    static final String FIXED = MODEL.replace("if (.payload.bad) error(\"cannot place \" + .aggregateId) else ", "");

    @TempDir
    Path dir;

    Fixture f;

    @BeforeEach
    void store() {
        f = new Fixture(dir, String.format(MODEL, ""));
    }

    @AfterEach
    void close() {
        f.close();
    }

    static dev.eventscope.event.NewEvent placed(String order, String payload) {
        return event("OrderPlaced").on("Order", order).payload(payload).build();
    }

    static dev.eventscope.event.NewEvent shipped(String order) {
        return event("OrderShipped").on("Order", order).build();
    }

    @Nested
    class when_a_projection_runs {

        @Test
        void rows_are_upserted_with_only_the_columns_a_rule_gives_and_deleted_by_key() {
            // given
            f.append(
                    placed("o-1", "{\"customer\": \"c-1\", \"total\": 10.5, \"items\": [1, 2]}"),
                    placed("o-2", "{\"customer\": \"c-2\", \"total\": 3, \"items\": []}"),
                    shipped("o-1"),
                    event("OrderCancelled").on("Order", "o-2").build(),
                    event("Unrelated").on("Other", "x").build());

            // when
            ProcessReport report = f.process("orders");

            // then
            assertThat(f.rows("select * from rm_orders order by id")).containsExactly("o-1|c-1|SHIPPED|10.5|2");
            assertThat(report.events()).isEqualTo(4);
            assertThat(report.applied()).isEqualTo(4);
            assertThat(report.to()).isEqualTo(5);
            assertThat(f.checkpoint("orders")).isEqualTo(5);
        }

        @Test
        void running_again_at_the_head_changes_nothing() {
            // given
            f.append(placed("o-1", "{\"customer\": \"c-1\"}"));
            f.process("orders");

            // when
            ProcessReport again = f.process("orders");

            // then
            assertThat(again.events()).isZero();
            assertThat(again.from()).isEqualTo(1);
            assertThat(again.to()).isEqualTo(1);
        }

        @Test
        void small_batches_give_the_same_rows_as_one_batch() {
            // given
            for (int i = 1; i <= 7; i++) {
                f.append(placed("o-" + i, "{\"customer\": \"c\", \"total\": " + i + "}"));
            }
            f.append(shipped("o-3"), shipped("o-6"));

            // when
            ProcessReport report = f.process("orders", 2);

            // then
            assertThat(report.events()).isEqualTo(9);
            assertThat(f.rows("select id, status from rm_orders where status = 'SHIPPED' order by id"))
                    .containsExactly("o-3|SHIPPED", "o-6|SHIPPED");
            assertThat(f.checkpoint("orders")).isEqualTo(9);
        }

        @Test
        void a_table_with_other_columns_than_the_model_is_refused_until_rebuilt() {
            // given
            f.append(placed("o-1", "{\"customer\": \"c-1\"}"));
            f.process("orders");
            f.remodel(String.format(MODEL, "").replace("items: INTEGER", "items: INTEGER, note: TEXT"));

            // when / then
            assertThatThrownBy(() -> f.process("orders"))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("the read model rm_orders has the columns (id TEXT PRIMARY KEY,"
                            + " customer TEXT, status TEXT, total REAL, items INTEGER), but the model declares");
            RebuildReport rebuilt = f.rebuild("orders");
            assertThat(rebuilt.rows()).isEqualTo(1);
            assertThat(f.rows("select id, note from rm_orders")).containsExactly("o-1|null");
        }
    }

    @Nested
    class when_an_event_fails {

        @BeforeEach
        void events() {
            f.append(
                    placed("x", "{\"bad\": true}"),
                    placed("y", "{\"customer\": \"c-y\"}"),
                    shipped("x"),
                    shipped("y"),
                    event("OrderCancelled").on("Order", "x").build());
        }

        @Test
        void it_is_dead_lettered_and_the_later_events_of_its_aggregate_are_parked_behind_it_not_others() {
            // when
            ProcessReport report = f.process("orders");

            // then
            assertThat(report.deadLettered()).isEqualTo(1);
            assertThat(report.parked()).isEqualTo(2);
            assertThat(report.applied()).isEqualTo(2);
            List<DeadLetter> letters = f.letters("orders");
            assertThat(letters).extracting(DeadLetter::position).containsExactly(1L, 3L, 5L);
            assertThat(letters.get(0).attempts()).isEqualTo(1);
            assertThat(letters.get(0).error()).contains("cannot place x");
            assertThat(letters.get(1).attempts()).isZero();
            assertThat(letters.get(1).blockedBy()).isEqualTo(letters.get(0).id());
            assertThat(letters).allMatch(l -> l.status() == DeadLetter.Status.PARKED);
            assertThat(f.rows("select id, status from rm_orders")).containsExactly("y|SHIPPED");
            assertThat(f.checkpoint("orders")).isEqualTo(5);
        }

        @Test
        void a_new_event_of_a_blocked_aggregate_is_parked_on_a_later_run() {
            // given
            f.process("orders");
            f.append(shipped("x"));

            // when
            ProcessReport report = f.process("orders");

            // then
            assertThat(report.parked()).isEqualTo(1);
            assertThat(f.letters("orders")).extracting(DeadLetter::position).containsExactly(1L, 3L, 5L, 6L);
        }

        @Test
        void with_sequencing_none_every_event_is_attempted_on_its_own() {
            // given
            f.remodel(String.format(MODEL, "    sequencing: none\n"));

            // when
            ProcessReport report = f.process("orders");

            // then
            assertThat(report.deadLettered()).isEqualTo(1);
            assertThat(report.parked()).isZero();
            assertThat(f.letters("orders")).extracting(DeadLetter::position).containsExactly(1L);
        }

        @Test
        void a_retry_after_the_fix_processes_the_aggregate_in_order_and_gives_the_rows_of_a_clean_fold() {
            // given
            f.process("orders");
            f.remodel(String.format(FIXED, ""));

            // when
            RetryReport retry = f.retryAll();

            // then
            assertThat(retry.steps()).extracting(s -> s.letter().position()).containsExactly(1L, 3L, 5L);
            assertThat(retry.steps()).allMatch(s -> s.result() == RetryStep.Result.RESOLVED);
            assertThat(retry.stillFailing()).isZero();
            assertThat(f.letters("orders")).allMatch(l -> l.status() == DeadLetter.Status.RESOLVED);
            List<String> retried = f.rows("select * from rm_orders order by id");
            f.rebuild("orders");
            assertThat(f.rows("select * from rm_orders order by id"))
                    .isEqualTo(retried)
                    .containsExactly("y|c-y|SHIPPED|null|null");
        }

        @Test
        void a_retry_that_fails_again_keeps_the_rest_of_the_sequence_parked_unattempted() {
            // given
            f.process("orders");

            // when
            RetryReport retry = f.retryAll();

            // then
            assertThat(retry.steps())
                    .extracting(RetryStep::result)
                    .containsExactly(
                            RetryStep.Result.FAILED, RetryStep.Result.NOT_ATTEMPTED, RetryStep.Result.NOT_ATTEMPTED);
            assertThat(retry.stillFailing()).isEqualTo(3);
            assertThat(f.letters("orders").get(0).attempts()).isEqualTo(2);
        }

        @Test
        void a_dry_run_lists_the_sequence_in_order_and_changes_nothing() {
            // given
            f.process("orders");

            // when: the follower is selected, the whole sequence comes along
            long follower = f.letters("orders").get(2).id();
            RetryReport plan =
                    f.dlq().retry(new RetrySelection(follower, false, null, null), true, Progress.NONE, () -> false);

            // then
            assertThat(plan.steps()).extracting(s -> s.letter().position()).containsExactly(1L, 3L, 5L);
            assertThat(plan.steps()).allMatch(s -> s.result() == RetryStep.Result.PLANNED);
            assertThat(f.letters("orders")).allMatch(l -> l.status() == DeadLetter.Status.PARKED && l.attempts() <= 1);
        }

        @Test
        void a_skipped_letter_is_resolved_with_its_reason_and_stays_skipped_in_a_rebuild() {
            // given
            f.process("orders");
            long head = f.letters("orders").get(0).id();

            // when
            DeadLetter skipped = f.dlq().skip(head, "test order");
            RebuildReport rebuilt = f.rebuild("orders");

            // then
            assertThat(skipped.status()).isEqualTo(DeadLetter.Status.SKIPPED);
            assertThat(skipped.reason()).isEqualTo("test order");
            assertThat(f.letters("orders").get(0).status()).isEqualTo(DeadLetter.Status.SKIPPED);
            assertThat(rebuilt.deadLettered()).isZero();
            assertThat(rebuilt.resolved()).isEqualTo(2);
            assertThat(f.rows("select id, status from rm_orders order by id")).containsExactly("y|SHIPPED");
        }

        @Test
        void the_same_event_is_never_parked_twice_for_a_handler() {
            // given
            f.process("orders");
            DeadLetter first = f.letters("orders").get(0);

            // when: a rebuild meets the failing event again
            f.rebuild("orders");

            // then
            List<DeadLetter> letters = f.letters("orders");
            assertThat(letters).extracting(DeadLetter::position).containsExactly(1L, 3L, 5L);
            assertThat(letters.get(0).id()).isEqualTo(first.id());
            assertThat(letters.get(0).attempts()).isEqualTo(2);
        }
    }

    @Nested
    class when_a_reactor_runs {

        @Test
        void the_events_it_emits_are_caused_by_the_trigger_and_appended_exactly_once() {
            // given
            f.append(event("PaymentFailed")
                    .on("Payment", "p-1")
                    .payload("{\"orderId\": \"o-1\"}")
                    .metadata("{\"correlationId\": \"req-1\"}")
                    .build());
            UUID trigger = f.store().byPosition(1).orElseThrow().eventId();

            // when
            ProcessReport first = f.process("compensate");
            ProcessReport second = f.process("compensate");

            // then
            assertThat(first.emitted()).isEqualTo(1);
            assertThat(second.events()).isZero();
            List<RecordedEvent> emitted;
            try (Stream<RecordedEvent> s = f.store().read(EventQuery.ALL.withPositions(2L, null))) {
                emitted = s.toList();
            }
            assertThat(emitted).hasSize(1);
            RecordedEvent e = emitted.get(0);
            assertThat(e.eventType()).isEqualTo("OrderCancelled");
            assertThat(e.aggregateId()).isEqualTo("o-1");
            assertThat(e.causationId()).isEqualTo(trigger.toString());
            assertThat(e.correlationId()).isEqualTo("req-1");
            assertThat(e.eventId()).isEqualTo(Reactions.id("compensate", trigger, 0));
            assertThat(f.store().integrity().schemaProblems()).isEmpty();
        }

        @Test
        void events_it_emits_that_are_stored_already_are_not_appended_again_nor_counted_as_appended() {
            // given: the reaction is stored, and the reactor's checkpoint is moved back before it
            f.append(event("PaymentFailed")
                    .on("Payment", "p-1")
                    .payload("{\"orderId\": \"o-1\"}")
                    .build());
            assertThat(f.process("compensate").emitted()).isEqualTo(1);
            var processing = f.store().requireProcessing();
            processing.inTransaction("rewinding", () -> {
                processing.checkpoints().put("compensate", 0, null);
                return null;
            });

            // when
            ProcessReport again = f.process("compensate");

            // then
            assertThat(again.events()).isEqualTo(1);
            assertThat(again.emitted()).isZero();
            assertThat(f.store().head().events()).isEqualTo(2);
        }
    }
}
