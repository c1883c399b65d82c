package dev.eventscope.saga;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.engine.Workspace;
import dev.eventscope.event.Cut;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.process.DeadLetterQueue;
import dev.eventscope.process.ProcessReport;
import dev.eventscope.process.Processor;
import dev.eventscope.process.RetryReport;
import dev.eventscope.process.RetrySelection;
import dev.eventscope.process.RetryStep;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.DeadLetterQuery;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.SagaDeadline;
import dev.eventscope.store.SagaInstance;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code process SAGA} in process, on a SQLite store: exactly once, deadlines, dead letters per instance. */
class SagaProcessorTest {

    static final String MODEL = """
            sagas:
              orders:
                association: {Placed: .aggregateId, Paid: .payload.order, Shipped: .aggregateId, TimedOut: .payload.order}
                start: [Placed]
                end: [Shipped]
                initial: {step: new}
                step: .step
                stuckAfter: 1h
                on:
                  Placed:
                    state: '$state | {"step": "placed", * : .}'
                    emit: '{"eventType": "Asked", "aggregateType": "Saga", "aggregateId": .aggregateId, "payload": {"order": .aggregateId}}'
                    set: [pay]
                  Paid:
                    state: 'if ($event.payload.bad) error("bad payment " + $event.aggregateId) else $state | {"step": "paid", * : .}'
                    cancel: [pay]
                  TimedOut:
                    state: '$state | {"step": "timed-out", * : .}'
                  Shipped:
                    state: '$state | {"step": "shipped", * : .}'
                deadlines:
                  pay:
                    after: 30m
                    emit: '{"eventType": "TimedOut", "aggregateType": "Saga", "aggregateId": .aggregateId, "payload": {"order": .aggregateId}}'
            """;

    static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");

    @TempDir
    Path dir;

    Workspace workspace;

    @AfterEach
    void close() {
        if (workspace != null) {
            workspace.close();
        }
    }

    void model(String text) throws IOException {
        Files.writeString(dir.resolve("model.yaml"), text);
        if (workspace != null) {
            workspace.close();
        }
        workspace = new Workspace(new Workspace.Settings(
                StoreLocator.file(dir.resolve("events.db")),
                dir.resolve("model.yaml"),
                null,
                StoreOptions.DEFAULT_BUSY_TIMEOUT,
                1 << 20));
    }

    EventStore store() {
        return workspace.createStore();
    }

    void append(NewEvent... events) {
        for (NewEvent e : events) {
            store().append(List.of(e), ExpectedVersion.ANY);
        }
    }

    ProcessReport process(String now, int batch) {
        return new SagaProcessor(
                        store(),
                        workspace.eventSource(),
                        workspace.model().saga("orders"),
                        Instant.parse(now),
                        Progress.NONE,
                        () -> false)
                .run(Processor.Options.once(batch));
    }

    List<RecordedEvent> log() {
        try (Stream<RecordedEvent> s = store().read(EventQuery.ALL)) {
            return s.toList();
        }
    }

    List<String> emitted() {
        List<String> out = new ArrayList<>();
        for (RecordedEvent e : log()) {
            if (e.aggregateType().equals("Saga")) {
                out.add(e.position() + " " + e.eventType() + " " + e.aggregateId() + " " + e.eventId());
            }
        }
        return out;
    }

    SagaInstance instance(String id) {
        return store().requireProcessing().sagas().instance("orders", id).orElseThrow();
    }

    String step(String id) {
        return instance(id).state().node().get("step").asText();
    }

    static NewEvent placed(String order, String at) {
        return event("Placed")
                .on("Order", order)
                .at(at)
                .metadata("{\"correlationId\":\"req-" + order + "\"}")
                .build();
    }

    static NewEvent paid(String order, String at, boolean bad) {
        return event("Paid")
                .on("Payment", "pay-" + order)
                .at(at)
                .payload("{\"order\":\"" + order + "\"" + (bad ? ",\"bad\":true" : "") + "}")
                .build();
    }

    static NewEvent shipped(String order, String at) {
        return event("Shipped").on("Order", order).at(at).build();
    }

    @Nested
    class when_processing {

        @Test
        void an_emitted_event_is_appended_once_with_the_trigger_as_cause_and_its_correlation() throws IOException {
            // given
            model(MODEL);
            append(placed("o-1", "2024-01-15T10:00:00Z"));
            RecordedEvent trigger = log().get(0);

            // when
            ProcessReport first = process("2024-01-15T10:10:00Z", 500);
            ProcessReport again = process("2024-01-15T10:10:00Z", 500);

            // then
            RecordedEvent asked = log().get(1);
            assertThat(asked.eventType()).isEqualTo("Asked");
            assertThat(asked.causationId()).isEqualTo(trigger.eventId().toString());
            assertThat(asked.correlationId()).isEqualTo("req-o-1");
            assertThat(asked.timestamp()).isEqualTo(trigger.timestamp());
            assertThat(asked.eventId()).isEqualTo(SagaIds.emitted("orders", trigger.eventId(), 0));
            assertThat(log()).hasSize(2);
            assertThat(first.emitted()).isEqualTo(1);
            assertThat(first.saga().started()).isEqualTo(1);
            assertThat(again.events()).isZero();
            assertThat(again.emitted()).isZero();
            assertThat(step("o-1")).isEqualTo("placed");
            assertThat(store().requireProcessing()
                            .checkpoints()
                            .get("orders")
                            .orElseThrow()
                            .position())
                    .isEqualTo(2);
        }

        @Test
        void a_deadline_waits_until_process_runs_at_or_after_its_time_then_what_it_emits_is_taken() throws IOException {
            // given
            model(MODEL);
            append(placed("o-1", "2024-01-15T10:00:00Z"));

            // when: before the deadline
            ProcessReport before = process("2024-01-15T10:29:59Z", 500);

            // then
            assertThat(before.saga().deadlinesFired()).isZero();
            assertThat(store().requireProcessing().sagas().deadlines("orders", "o-1"))
                    .extracting(SagaDeadline::status)
                    .containsExactly(SagaDeadline.Status.PENDING);

            // when: at the deadline
            ProcessReport at = process("2024-01-15T10:30:00Z", 500);

            // then: it fired once, and the saga took what it emitted in the same run
            assertThat(at.saga().deadlinesFired()).isEqualTo(1);
            assertThat(emitted()).extracting(l -> l.split(" ")[1]).containsExactly("Asked", "TimedOut");
            RecordedEvent timedOut = log().get(2);
            assertThat(timedOut.timestamp()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
            assertThat(timedOut.causationId()).isEqualTo(log().get(0).eventId().toString());
            assertThat(step("o-1")).isEqualTo("timed-out");
            assertThat(store().requireProcessing().sagas().deadlines("orders", "o-1"))
                    .extracting(SagaDeadline::status)
                    .containsExactly(SagaDeadline.Status.FIRED);
            assertThat(process("2024-01-16T00:00:00Z", 500).saga().deadlinesFired())
                    .isZero();
        }

        @Test
        void an_event_that_happened_after_a_deadline_lets_it_pass_first_whenever_process_runs() throws IOException {
            // given: the payment came 40 minutes after the order; process runs only after both
            model(MODEL);
            append(placed("o-1", "2024-01-15T10:00:00Z"), paid("o-1", "2024-01-15T10:40:00Z", false));

            // when
            process("2024-01-15T11:00:00Z", 500);

            // then: the deadline passed before the payment was taken; its TimedOut came after
            assertThat(emitted()).extracting(l -> l.split(" ")[1]).containsExactly("Asked", "TimedOut");
            assertThat(step("o-1")).isEqualTo("timed-out");
        }

        @Test
        void a_payment_in_time_cancels_the_deadline() throws IOException {
            // given
            model(MODEL);
            append(placed("o-1", "2024-01-15T10:00:00Z"), paid("o-1", "2024-01-15T10:20:00Z", false));

            // when
            process("2024-01-16T00:00:00Z", 500);

            // then
            assertThat(emitted()).extracting(l -> l.split(" ")[1]).containsExactly("Asked");
            assertThat(step("o-1")).isEqualTo("paid");
            assertThat(store().requireProcessing().sagas().deadlines("orders", "o-1"))
                    .extracting(SagaDeadline::status)
                    .containsExactly(SagaDeadline.Status.CANCELLED);
        }

        @Test
        void the_log_is_the_same_whatever_the_batch_size() throws IOException {
            // given
            List<NewEvent> events = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String o = "o-" + i;
                events.add(placed(o, "2024-01-15T10:0" + (i % 10) + ":00Z"));
                if (i % 3 == 0) {
                    events.add(paid(o, "2024-01-15T10:15:00Z", false));
                }
                if (i % 4 == 0) {
                    events.add(shipped(o, "2024-01-15T12:00:00Z"));
                }
            }
            for (int i = 0; i < events.size(); i++) {
                events.set(i, events.get(i).withEventId(new java.util.UUID(0x4000L, 0x8000000000000000L + i)));
            }
            model(MODEL);
            events.forEach(e -> append(e));
            process("2024-01-16T00:00:00Z", 500);
            List<String> big = emitted();
            workspace.close();
            Files.delete(dir.resolve("events.db"));
            Files.deleteIfExists(dir.resolve("events.db-wal"));
            Files.deleteIfExists(dir.resolve("events.db-shm"));

            // when
            model(MODEL);
            events.forEach(e -> append(e));
            process("2024-01-16T00:00:00Z", 1);

            // then
            assertThat(emitted()).isEqualTo(big).isNotEmpty();
        }

        @Test
        void an_ended_instance_takes_no_more_events_and_its_deadlines_are_cancelled() throws IOException {
            // given
            model(MODEL);
            append(
                    placed("o-1", "2024-01-15T10:00:00Z"),
                    shipped("o-1", "2024-01-15T10:05:00Z"),
                    paid("o-1", "2024-01-15T10:06:00Z", false));

            // when
            ProcessReport r = process("2024-01-16T00:00:00Z", 500);

            // then
            SagaInstance i = instance("o-1");
            assertThat(i.status()).isEqualTo(SagaInstance.Status.ENDED);
            assertThat(i.endedAt()).isEqualTo(Instant.parse("2024-01-15T10:05:00Z"));
            assertThat(i.events()).isEqualTo(2);
            assertThat(step("o-1")).isEqualTo("shipped");
            assertThat(r.saga().ended()).isEqualTo(1);
            assertThat(r.saga().deadlinesFired()).isZero();
        }
    }

    @Nested
    class when_a_rule_fails {

        DeadLetterQueue dlq() {
            return new DeadLetterQueue(
                    store(),
                    workspace::eventSource,
                    workspace::model,
                    Map::of,
                    () -> new SagaLetters(store().requireProcessing(), workspace.eventSource(), workspace.model()));
        }

        List<DeadLetter> letters() {
            return store().requireProcessing().deadLetters().find(DeadLetterQuery.ALL.withHandler("orders"));
        }

        @Test
        void the_event_is_dead_lettered_for_its_instance_only_and_later_ones_of_it_are_parked() throws IOException {
            // given
            model(MODEL);
            append(
                    placed("o-1", "2024-01-15T10:00:00Z"),
                    placed("o-2", "2024-01-15T10:00:00Z"),
                    paid("o-1", "2024-01-15T10:05:00Z", true),
                    paid("o-2", "2024-01-15T10:05:00Z", false),
                    shipped("o-1", "2024-01-15T11:00:00Z"),
                    shipped("o-2", "2024-01-15T11:00:00Z"));

            // when
            ProcessReport r = process("2024-01-16T00:00:00Z", 500);

            // then: o-2 went on; o-1 stopped at the bad payment, its shipment parked behind it
            assertThat(r.deadLettered()).isEqualTo(1);
            assertThat(r.parked()).isEqualTo(1);
            assertThat(step("o-2")).isEqualTo("shipped");
            assertThat(step("o-1")).isEqualTo("placed");
            List<DeadLetter> letters = letters();
            assertThat(letters).extracting(DeadLetter::eventType).containsExactly("Paid", "Shipped");
            assertThat(letters.get(0).error()).contains("bad payment Payment/pay-o-1".replace("Payment/", ""));
            assertThat(letters.get(1).blockedBy()).isEqualTo(letters.get(0).id());
            assertThat(store().requireProcessing().sagas().blocked("orders")).containsOnlyKeys("o-1");
            // a blocked instance's deadline waits: the pending payment deadline of o-1 did not pass
            assertThat(store().requireProcessing().sagas().deadlines("orders", "o-1"))
                    .extracting(SagaDeadline::status)
                    .containsExactly(SagaDeadline.Status.PENDING);
            // and the fold says the same: o-1 stuck, with the letter's error
            SagaListing listing = new SagaQueries(store(), workspace.eventSource(), workspace.model())
                    .list(new SagaQueries.ListRequest(
                            List.of(), Cut.LATEST, Instant.parse("2024-01-16T00:00:00Z"), null, null, null));
            assertThat(listing.instances())
                    .extracting(v -> v.instanceId() + " " + v.status().label())
                    .containsExactly("o-1 stuck", "o-2 ended");
            assertThat(listing.instances().get(0).stuckReason())
                    .contains("dead letter " + letters.get(0).id());
        }

        @Test
        void a_retry_after_the_rule_is_fixed_takes_the_instance_letters_in_order() throws IOException {
            // given
            model(MODEL);
            append(
                    placed("o-1", "2024-01-15T10:00:00Z"),
                    paid("o-1", "2024-01-15T10:05:00Z", true),
                    shipped("o-1", "2024-01-15T11:00:00Z"));
            process("2024-01-15T10:10:00Z", 500);
            model(MODEL.replace("if ($event.payload.bad) error(\"bad payment \" + $event.aggregateId) else ", ""));

            // when
            RetryReport report =
                    dlq().retry(new RetrySelection(null, true, null, null), false, Progress.NONE, () -> false);

            // then
            assertThat(report.steps())
                    .extracting(RetryStep::result)
                    .containsExactly(RetryStep.Result.RESOLVED, RetryStep.Result.RESOLVED);
            assertThat(step("o-1")).isEqualTo("shipped");
            assertThat(instance("o-1").status()).isEqualTo(SagaInstance.Status.ENDED);
            assertThat(store().requireProcessing().sagas().blocked("orders")).isEmpty();
        }

        @Test
        void a_retry_that_fails_again_leaves_the_later_letters_of_the_instance_unattempted() throws IOException {
            // given
            model(MODEL);
            append(
                    placed("o-1", "2024-01-15T10:00:00Z"),
                    paid("o-1", "2024-01-15T10:05:00Z", true),
                    shipped("o-1", "2024-01-15T11:00:00Z"));
            process("2024-01-15T10:10:00Z", 500);

            // when
            RetryReport report =
                    dlq().retry(new RetrySelection(null, true, null, null), false, Progress.NONE, () -> false);

            // then
            assertThat(report.steps())
                    .extracting(RetryStep::result)
                    .containsExactly(RetryStep.Result.FAILED, RetryStep.Result.NOT_ATTEMPTED);
            assertThat(step("o-1")).isEqualTo("placed");
        }

        @Test
        void skipping_the_failure_and_retrying_what_was_parked_behind_it_moves_the_instance_on() throws IOException {
            // given
            model(MODEL);
            append(
                    placed("o-1", "2024-01-15T10:00:00Z"),
                    paid("o-1", "2024-01-15T10:05:00Z", true),
                    shipped("o-1", "2024-01-15T11:00:00Z"));
            process("2024-01-15T10:10:00Z", 500);
            List<DeadLetter> letters = letters();

            // when
            dlq().skip(letters.get(0).id(), "a test payment");
            RetryReport report =
                    dlq().retry(new RetrySelection(null, true, null, null), false, Progress.NONE, () -> false);

            // then
            assertThat(report.steps()).extracting(RetryStep::result).containsExactly(RetryStep.Result.RESOLVED);
            assertThat(step("o-1")).isEqualTo("shipped");
            // the fold leaves the skipped event out too
            SagaListing listing = new SagaQueries(store(), workspace.eventSource(), workspace.model())
                    .list(new SagaQueries.ListRequest(
                            List.of(), Cut.LATEST, Instant.parse("2024-01-16T00:00:00Z"), null, null, null));
            assertThat(listing.instances().get(0).state())
                    .isEqualTo(instance("o-1").state().node());
        }

        @Test
        void a_deadline_whose_emit_rule_fails_dead_letters_the_event_that_set_it_and_fires_once_fixed()
                throws IOException {
            // given
            String broken = MODEL.replace(
                    "emit: '{\"eventType\": \"TimedOut\"",
                    "emit: 'if ($state.step == \"placed\") error(\"no timeout today\") else {\"eventType\": \"TimedOut\"");
            model(broken);
            append(placed("o-1", "2024-01-15T10:00:00Z"));

            // when
            ProcessReport r = process("2024-01-15T11:00:00Z", 500);

            // then
            assertThat(r.saga().deadlinesFailed()).isEqualTo(1);
            DeadLetter letter = letters().get(0);
            assertThat(letter.eventType()).isEqualTo("Placed");
            assertThat(letter.error()).contains("deadline pay").contains("no timeout today");
            assertThat(store().requireProcessing()
                            .sagas()
                            .letter("orders", letter.id())
                            .orElseThrow()
                            .deadline())
                    .isEqualTo("pay");
            assertThat(store().requireProcessing().sagas().deadlines("orders", "o-1"))
                    .extracting(SagaDeadline::status)
                    .containsExactly(SagaDeadline.Status.FAILED);

            // when: fixed and retried
            model(MODEL);
            RetryReport report =
                    dlq().retry(new RetrySelection(null, true, null, null), false, Progress.NONE, () -> false);
            process("2024-01-15T11:00:00Z", 500);

            // then
            assertThat(report.steps()).extracting(RetryStep::result).containsExactly(RetryStep.Result.RESOLVED);
            assertThat(emitted()).extracting(l -> l.split(" ")[1]).containsExactly("Asked", "TimedOut");
            assertThat(step("o-1")).isEqualTo("timed-out");
        }
    }

    @Nested
    class when_folding_the_log {

        @Test
        void the_fold_gives_the_instances_process_keeps_before_and_after_it_ran() throws IOException {
            // given
            model(MODEL);
            append(
                    placed("o-1", "2024-01-15T10:00:00Z"),
                    placed("o-2", "2024-01-15T10:00:00Z"),
                    paid("o-2", "2024-01-15T10:10:00Z", false),
                    placed("o-3", "2024-01-15T10:20:00Z"),
                    paid("o-3", "2024-01-15T11:10:00Z", false),
                    shipped("o-2", "2024-01-15T12:00:00Z"));
            Instant now = Instant.parse("2024-01-15T13:00:00Z");
            SagaQueries queries = new SagaQueries(store(), workspace.eventSource(), workspace.model());
            SagaQueries.ListRequest all = new SagaQueries.ListRequest(List.of(), Cut.LATEST, now, null, null, null);

            // when
            List<SagaView> before = queries.list(all).instances();
            process("2024-01-15T13:00:00Z", 2);
            List<SagaView> after = new SagaQueries(store(), workspace.eventSource(), workspace.model())
                    .list(all)
                    .instances();

            // then
            assertThat(after).hasSize(3);
            for (int i = 0; i < 3; i++) {
                SagaView b = before.get(i);
                SagaView a = after.get(i);
                SagaInstance stored = instance(a.instanceId());
                assertThat(a.state()).isEqualTo(stored.state().node()).isEqualTo(b.state());
                assertThat(a.status()).isEqualTo(b.status());
                assertThat(a.events()).isEqualTo(stored.events()).isEqualTo(b.events());
                assertThat(a.deadlines()).isEqualTo(b.deadlines());
            }
            assertThat(after)
                    .extracting(v ->
                            v.instanceId() + " " + v.step() + " " + v.status().label())
                    .containsExactly("o-1 timed-out stuck", "o-2 shipped ended", "o-3 timed-out stuck");
            // before process ran, what it would emit was not in the log; after, it is
            assertThat(before.get(0).last().inLog()).isFalse();
            assertThat(after.get(0).last().inLog()).isTrue();
        }

        @Test
        void a_cut_in_the_past_measures_against_its_own_time() throws IOException {
            // given
            model(MODEL);
            append(placed("o-1", "2024-01-15T10:00:00Z"), paid("o-1", "2024-01-15T10:10:00Z", false));
            SagaQueries queries = new SagaQueries(store(), workspace.eventSource(), workspace.model());

            // when
            SagaListing atFive = queries.list(new SagaQueries.ListRequest(
                    List.of(), new Cut.At(Instant.parse("2024-01-15T10:05:00Z"), Cut.LATEST), null, null, null, null));
            SagaListing atEleven = queries.list(new SagaQueries.ListRequest(
                    List.of(), new Cut.At(Instant.parse("2024-01-15T11:00:00Z"), Cut.LATEST), null, null, null, null));

            // then: at 10:05 it waited for the payment (deadline pending); at 11:00 it was paid and, with no
            // deadline pending, had waited 50 minutes: running still (stuck after an hour)
            assertThat(atFive.now()).isEqualTo(Instant.parse("2024-01-15T10:05:00Z"));
            assertThat(atFive.instances().get(0).step()).isEqualTo("placed");
            assertThat(atFive.instances().get(0).status()).isEqualTo(SagaView.Status.RUNNING);
            assertThat(atEleven.instances().get(0).step()).isEqualTo("paid");
            assertThat(atEleven.instances().get(0).status()).isEqualTo(SagaView.Status.RUNNING);
            assertThat(queries.list(new SagaQueries.ListRequest(
                                    List.of(),
                                    new Cut.At(Instant.parse("2024-01-15T11:10:00Z"), Cut.LATEST),
                                    null,
                                    null,
                                    null,
                                    null))
                            .instances()
                            .get(0)
                            .status())
                    .isEqualTo(SagaView.Status.STUCK);
        }
    }
}
