package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code saga list}, {@code saga show}, {@code process SAGA}, {@code whatif --saga} and saga specs, run as a user does. */
class SagaIT {

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
                    state: 'if ($event.payload.bad) error("bad payment") else $state | {"step": "paid", * : .}'
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

    static final String NOON = "2024-01-15T12:00:00Z";
    static final String PAID_O2 = "00000000-0000-4000-8000-000000000003";

    @TempDir
    Path dir;

    Evs evs;

    static String event(int n, String type, String aggregateType, String id, String at, String payload) {
        return "{\"eventId\":\"00000000-0000-4000-8000-00000000000" + n + "\",\"eventType\":\"" + type
                + "\",\"aggregateType\":\"" + aggregateType + "\",\"aggregateId\":\"" + id + "\",\"timestamp\":\"" + at
                + "\",\"payload\":" + payload + ",\"metadata\":{\"correlationId\":\"req-" + id + "\"}}\n";
    }

    @BeforeEach
    void store() throws IOException {
        evs = Evs.in(dir);
        Files.writeString(dir.resolve("eventscope.yaml"), MODEL);
        Files.writeString(
                dir.resolve("events.ndjson"),
                event(1, "Placed", "Order", "o-1", "2024-01-15T10:00:00Z", "{}")
                        + event(2, "Placed", "Order", "o-2", "2024-01-15T10:05:00Z", "{}")
                        + event(3, "Paid", "Payment", "pay-o-2", "2024-01-15T10:10:00Z", "{\"order\":\"o-2\"}")
                        + event(4, "Placed", "Order", "o-3", "2024-01-15T10:20:00Z", "{}")
                        + event(5, "Shipped", "Order", "o-3", "2024-01-15T10:25:00Z", "{}"));
        Evs.Result r = evs.run("-q", "import", "events.ndjson");
        assertThat(r.exitCode()).as("%s", r).isZero();
    }

    @Nested
    class when_listing {

        @Test
        void every_instance_with_status_step_age_last_event_wait_deadlines_and_why() {
            Evs.Result r = evs.run("saga", "list", "--now", NOON);

            assertThat(r.exitCode()).as("%s", r).isZero();
            assertThat(r.stdout()).isEqualTo("""
                            SAGA    INSTANCE  STATUS  STEP          AGE  LAST_EVENT                           IDLE  DEADLINES                       WHY
                            orders  o-1       stuck   timed-out   2h 0m  (+) TimedOut 2024-01-15T10:30:00Z  1h 30m  pay fired 2024-01-15T10:30:00Z  nothing since a deadline passed, 1h 30m ago; no deadline pending
                            orders  o-2       stuck   paid       1h 55m  #3 Paid 2024-01-15T10:10:00Z       1h 50m                                  nothing since its last event, 1h 50m ago; no deadline pending
                            orders  o-3       ended   shipped    1h 40m  #5 Shipped 2024-01-15T10:25:00Z
                            """);
            assertThat(r.stderr())
                    .isEqualTo("orders: 0 running, 2 stuck, 1 ended (at --position 5, now 2024-01-15T12:00:00Z)\n");
        }

        @Test
        void a_cut_in_the_past_is_measured_against_its_own_time() throws IOException {
            Evs.Result r = evs.run("saga", "list", "orders", "--at", "2024-01-15T10:20:00Z", "-o", "json");

            assertThat(r.exitCode()).as("%s", r).isZero();
            JsonNode list = new ObjectMapper().readTree(r.stdout());
            assertThat(list).hasSize(3);
            assertThat(list.get(0).get("status").asText()).isEqualTo("running");
            assertThat(list.get(0).get("deadlines").get(0).get("status").asText())
                    .isEqualTo("pending");
            assertThat(list.get(1).get("status").asText()).isEqualTo("running");
            assertThat(list.get(1).get("idleSeconds").asLong()).isEqualTo(600);
            assertThat(list.get(2).get("step").asText()).isEqualTo("placed");
            assertThat(r.stderr())
                    .isEqualTo("orders: 3 running, 0 stuck, 0 ended (at --at 2024-01-15T10:20:00Z --position 5, now"
                            + " 2024-01-15T10:20:00Z)\n");
        }

        @Test
        void stuck_ones_only_and_a_patience_of_our_own() {
            Evs.Result stuck = evs.run("saga", "list", "--stuck", "--now", NOON, "-o", "csv");
            Evs.Result patient = evs.run("saga", "list", "--stuck", "--stuck-for", "2h", "--now", NOON, "-o", "csv");

            assertThat(stuck.stdoutLines()).hasSize(3).element(1).asString().startsWith("orders,o-1,stuck,timed-out,");
            assertThat(patient.stdoutLines())
                    .containsExactly(stuck.stdoutLines().get(0));
            assertThat(patient.stderr()).startsWith("orders: 2 running, 0 stuck, 1 ended");
        }

        @Test
        void bad_options_are_usage_errors_and_an_unknown_saga_is_not_found() {
            Evs.Result status = evs.run("saga", "list", "--status", "weird");
            Evs.Result both = evs.run("saga", "list", "--stuck", "--status", "ended");
            Evs.Result unknown = evs.run("saga", "list", "nope");
            Evs.Result noSub = evs.run("saga");

            assertThat(status.exitCode()).isEqualTo(2);
            assertThat(status.stderr())
                    .isEqualTo("evs: --status: status 'weird' is not one of running, stuck, ended\n"
                            + "hint: --status running, stuck or ended (or --stuck)\n");
            assertThat(both.exitCode()).isEqualTo(2);
            assertThat(unknown.exitCode()).isEqualTo(66);
            assertThat(unknown.stderr())
                    .isEqualTo("evs: the model eventscope.yaml has no saga 'nope'\nhint: it has orders\n");
            assertThat(noSub.exitCode()).isEqualTo(2);
            assertThat(status.stdout() + unknown.stdout()).isEmpty();
        }
    }

    @Nested
    class when_showing_one {

        @Test
        void its_timeline_with_states_emitted_events_and_deadlines() {
            Evs.Result r = evs.run("saga", "show", "orders", "o-1", "--now", NOON);

            assertThat(r.exitCode()).as("%s", r).isZero();
            assertThat(r.stdout()).isEqualTo("""
                            saga orders, instance o-1: stuck, step timed-out
                            at --position 5, now 2024-01-15T12:00:00Z
                            started   2024-01-15T10:00:00Z (2h 0m ago), 2 events taken
                            waiting   since 2024-01-15T10:30:00Z (1h 30m)
                            deadlines pay fired 2024-01-15T10:30:00Z
                            why       nothing since a deadline passed, 1h 30m ago; no deadline pending
                            state     {"step":"timed-out"}

                            #1  2024-01-15T10:00:00Z  Placed  Order/o-1
                                state    {"step":"placed"}
                                emitted  Asked Saga/o-1 (not in the log)
                                deadline pay set, due 2024-01-15T10:30:00Z
                            deadline pay passed at 2024-01-15T10:30:00Z (set by #1 Placed)
                                emitted  TimedOut Saga/o-1 (not in the log)
                            (+)   2024-01-15T10:30:00Z  TimedOut  Saga/o-1
                                state    ~ /step: "placed" -> "timed-out"

                            (+) and "not in the log": what 'evs process orders' would append; it has not run since
                            """);
        }

        @Test
        void as_json_with_the_cut_and_each_step() throws IOException {
            Evs.Result r = evs.run("saga", "show", "orders", "o-2", "--now", NOON, "-o", "json");

            assertThat(r.exitCode()).as("%s", r).isZero();
            JsonNode o = new ObjectMapper().readTree(r.stdout());
            assertThat(o.get("instance").asText()).isEqualTo("o-2");
            assertThat(o.get("cut").get("position").asLong()).isEqualTo(5);
            assertThat(o.get("timeline")).hasSize(2);
            JsonNode paid = o.get("timeline").get(1);
            assertThat(paid.get("eventId").asText()).isEqualTo(PAID_O2);
            assertThat(paid.get("state").get("step").asText()).isEqualTo("paid");
            assertThat(paid.get("deadlines").get(0).get("change").asText()).isEqualTo("cancelled");
        }

        @Test
        void as_a_drawing_with_a_box_per_step_an_arrow_per_emitted_event_and_the_deadline_link() throws Exception {
            // given: an instance whose id has every character XML must escape
            Files.writeString(
                    dir.resolve("more.ndjson"),
                    event(6, "Placed", "Order", "o-<&\\\"'>", "2024-01-15T11:45:00Z", "{}"));
            assertThat(evs.run("-q", "import", "more.ndjson").exitCode()).isZero();

            // when
            Evs.Result r = evs.run("saga", "show", "orders", "o-1", "--now", NOON, "-o", "svg");
            Evs.Result hostile = evs.run("saga", "show", "orders", "o-<&\"'>", "--now", NOON, "-o", "svg");
            Evs.Result bad = evs.run("saga", "show", "orders", "o-1", "-o", "dot");

            // then: o-1 took Placed (emitting Asked), its deadline passed (emitting TimedOut), it took TimedOut
            assertThat(r.exitCode()).as("%s", r).isZero();
            org.w3c.dom.Document svg = xml(r.stdout());
            assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
            assertThat(groups(svg, "evs-step")).hasSize(2);
            assertThat(groups(svg, "evs-deadline")).containsExactly("deadline pay passedset by #1 Placed");
            assertThat(groups(svg, "evs-emitted"))
                    .containsExactly("AskedSaga/o-1  (not in the log)", "TimedOutSaga/o-1  (not in the log)");
            assertThat(paths(svg, "evs-emit")).isEqualTo(2);
            assertThat(paths(svg, "evs-next")).isEqualTo(2);
            assertThat(paths(svg, "evs-deadline")).isEqualTo(1);
            assertThat(hostile.exitCode()).as("%s", hostile).isZero();
            assertThat(xml(hostile.stdout())
                            .getElementsByTagName("title")
                            .item(0)
                            .getTextContent())
                    .isEqualTo("saga orders, instance o-<&\"'>: running, step placed");
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.stderr()).contains("use one of table, json, ndjson, svg");
        }

        static org.w3c.dom.Document xml(String text) throws Exception {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        /** The text of each group of class {@code cls}, in document order. */
        static java.util.List<String> groups(org.w3c.dom.Document d, String cls) {
            java.util.List<String> out = new java.util.ArrayList<>();
            org.w3c.dom.NodeList g = d.getElementsByTagName("g");
            for (int i = 0; i < g.getLength(); i++) {
                org.w3c.dom.Element e = (org.w3c.dom.Element) g.item(i);
                if (e.getAttribute("class").equals(cls)) {
                    out.add(e.getTextContent());
                }
            }
            return out;
        }

        static int paths(org.w3c.dom.Document d, String cls) {
            int n = 0;
            org.w3c.dom.NodeList p = d.getElementsByTagName("path");
            for (int i = 0; i < p.getLength(); i++) {
                if (((org.w3c.dom.Element) p.item(i)).getAttribute("class").endsWith(" " + cls)) {
                    n++;
                }
            }
            return n;
        }

        @Test
        void an_instance_that_never_started_is_not_found() {
            Evs.Result r = evs.run("saga", "show", "orders", "o-9");

            assertThat(r.exitCode()).isEqualTo(66);
            assertThat(r.stderr())
                    .isEqualTo("evs: saga orders has no instance 'o-9' at --position 5\n"
                            + "hint: list its instances with 'evs saga list orders'\n");
        }
    }

    @Nested
    class when_processing {

        @Test
        void events_then_deadlines_due_by_now_exactly_once() {
            Evs.Result first = evs.run("process", "orders", "--now", NOON);
            Evs.Result again = evs.run("process", "orders", "--now", NOON);
            Evs.Result list = evs.run("saga", "list", "--now", NOON, "-o", "csv");

            assertThat(first.exitCode()).as("%s", first).isZero();
            assertThat(first.stdout())
                    .isEqualTo("orders (saga): 6 events from position 0 to 9: 6 taken (3 instances started, 1 ended),"
                            + " 0 dead-lettered, 0 parked; 1 deadline passed, 4 events appended\n");
            assertThat(again.stdout())
                    .isEqualTo("orders (saga): 0 events from position 9 to 9: 0 taken (0 instances started, 0 ended),"
                            + " 0 dead-lettered, 0 parked; 0 deadlines passed, 0 events appended\n");
            assertThat(Fixtures.column(
                            dir.resolve("events.db"),
                            "SELECT event_type || ' ' || aggregate_id || ' ' || causation_id FROM events"
                                    + " WHERE aggregate_type = 'Saga' ORDER BY position"))
                    .containsExactly(
                            "Asked o-1 00000000-0000-4000-8000-000000000001",
                            "Asked o-2 00000000-0000-4000-8000-000000000002",
                            "Asked o-3 00000000-0000-4000-8000-000000000004",
                            "TimedOut o-1 00000000-0000-4000-8000-000000000001");
            // what process appended is now in the log: the listing shows positions, not (+)
            assertThat(list.stdoutLines().get(1)).contains(",TimedOut,").contains(",o-1,stuck,timed-out,");
            assertThat(list.stdout()).doesNotContain("(+)");
        }

        @Test
        void a_failing_rule_dead_letters_the_event_for_its_instance_and_dlq_retry_takes_it_once_fixed()
                throws IOException {
            // given
            Files.writeString(
                    dir.resolve("more.ndjson"),
                    event(6, "Paid", "Payment", "pay-o-1", "2024-01-15T10:12:00Z", "{\"order\":\"o-1\",\"bad\":true}")
                            + event(7, "Shipped", "Order", "o-1", "2024-01-15T11:00:00Z", "{}")
                            + event(8, "Shipped", "Order", "o-2", "2024-01-15T11:00:00Z", "{}"));
            assertThat(evs.run("-q", "import", "more.ndjson").exitCode()).isZero();

            // when
            Evs.Result p = evs.run("process", "orders", "--now", NOON);
            Evs.Result letters = evs.run("dlq", "list", "--handler", "orders", "-o", "csv");
            Evs.Result stuck = evs.run("saga", "list", "--stuck", "--now", NOON, "-o", "csv");

            // then
            assertThat(p.exitCode()).as("%s", p).isZero();
            assertThat(p.stdout()).contains("1 dead-lettered, 1 parked");
            assertThat(p.stderr()).contains("hint: see them with 'evs dlq list --handler orders'");
            assertThat(letters.stdoutLines()).hasSize(3);
            assertThat(letters.stdoutLines().get(1)).contains(",Paid,Payment,pay-o-1,parked,1,");
            assertThat(letters.stdoutLines().get(2)).contains(",Shipped,Order,o-1,parked,0,");
            assertThat(stuck.stdoutLines()).hasSize(2);
            assertThat(stuck.stdoutLines().get(1))
                    .startsWith("orders,o-1,stuck,placed,")
                    .contains("bad payment");

            // when: the rule is fixed, the letters are retried in order
            Files.writeString(
                    dir.resolve("eventscope.yaml"),
                    MODEL.replace("if ($event.payload.bad) error(\"bad payment\") else ", ""));
            Evs.Result retry = evs.run("dlq", "retry", "--all");

            // then
            assertThat(retry.exitCode()).as("%s", retry).isZero();
            assertThat(evs.run("saga", "list", "--now", NOON, "-o", "csv").stdoutLines())
                    .allMatch(l -> l.startsWith("saga,") || l.contains(",ended,shipped,"));
        }

        @Test
        void now_applies_to_sagas_only() throws IOException {
            Files.writeString(
                    dir.resolve("eventscope.yaml"),
                    MODEL + "handlers:\n  r:\n    kind: reactor\n    types: [Placed]\n    emit: 'null'\n");

            Evs.Result r = evs.run("process", "r", "--now", NOON);

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr())
                    .isEqualTo("evs: --now applies to sagas, and r is not one\n"
                            + "hint: a projection or handler has no deadlines; leave --now out\n");
        }
    }

    @Nested
    class when_asking_what_if {

        @Test
        void dropping_the_payment_lets_the_deadline_pass() throws IOException {
            Evs.Result r = evs.run("whatif", "--saga", "orders", "o-2", "--drop", PAID_O2, "--now", NOON);

            assertThat(r.exitCode()).as("%s", r).isZero();
            JsonNode o = new ObjectMapper().readTree(r.stdout());
            assertThat(o.get("real").get("step").asText()).isEqualTo("paid");
            assertThat(o.get("hypothetical").get("step").asText()).isEqualTo("timed-out");
            assertThat(o.get("hypothetical").get("emitted").toString()).isEqualTo("[\"Asked\",\"TimedOut\"]");
            assertThat(o.get("patch").toString())
                    .isEqualTo("[{\"op\":\"replace\",\"path\":\"/step\",\"value\":\"timed-out\"}]");
        }

        @Test
        void an_edit_of_an_event_the_saga_does_not_take_is_not_found() {
            Evs.Result r =
                    evs.run("whatif", "--saga", "orders", "o-2", "--drop", "00000000-0000-4000-8000-000000000099");

            assertThat(r.exitCode()).isEqualTo(66);
            assertThat(r.stderr())
                    .startsWith("evs: event 00000000-0000-4000-8000-000000000099 is not one the saga"
                            + " takes inside the cut\n");
        }
    }

    @Nested
    class when_the_model_is_wrong {

        @Test
        void a_bad_sagas_section_fails_at_load_with_file_line_and_column() throws IOException {
            Files.writeString(dir.resolve("broken.yaml"), """
                    sagas:
                      orders:
                        association: {Placed: .aggregateId, Paid: .payload.order}
                        start: [Placed]
                        on:
                          Placed: {set: [pay]}
                        deadlines:
                          pay: {emit: 'null'}
                    """);

            Evs.Result r = evs.run("--model", "broken.yaml", "saga", "list");

            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(r.stderr()).isEqualTo("""
                            evs: the model broken.yaml does not load: 2 problems
                              broken.yaml:8:12: deadline pay of saga orders has no duration: say when it passes with after, such as after: 30m
                              broken.yaml:3:47: the association for Paid never matches: saga orders takes no Paid events (it takes Placed)
                            hint: fix the model file at the lines shown
                            """);
        }

        @Test
        void lint_warns_of_a_saga_that_cannot_end() throws IOException {
            Files.writeString(
                    dir.resolve("eventscope.yaml"),
                    MODEL.replace("end: [Shipped]", "end: [Delivered]")
                            .replace("Shipped: .aggregateId,", "Shipped: .aggregateId, Delivered: .aggregateId,"));

            Evs.Result r = evs.run("lint", "--rule", "saga-never-ends");

            assertThat(r.exitCode()).as("%s", r).isZero();
            assertThat(r.stdout())
                    .contains("saga-never-ends (warning): 1 saga\n  saga orders: no end event (Delivered) is in the"
                            + " store, and no rule emits one (eventscope.yaml:3:5)\n");
        }
    }

    @Nested
    class when_testing_the_samples {

        @Test
        void the_sagas_of_the_orders_and_tasks_samples_pass_their_specs() {
            Evs.Result orders = evs.run(
                    "--model",
                    Evs.baseDir().resolve("samples/orders/eventscope.yaml").toString(),
                    "test",
                    Evs.baseDir()
                            .resolve("samples/orders/specs/fulfilment.yaml")
                            .toString());
            Evs.Result tasks = evs.run(
                    "--model",
                    Evs.baseDir().resolve("samples/tasks/eventscope.yaml").toString(),
                    "test",
                    Evs.baseDir().resolve("samples/tasks/specs/review.yaml").toString());

            assertThat(orders.exitCode()).as("%s", orders).isZero();
            assertThat(orders.stdout()).endsWith("7 passed, 0 failed\n");
            assertThat(tasks.exitCode()).as("%s", tasks).isZero();
            assertThat(tasks.stdout()).endsWith("4 passed, 0 failed\n");
        }

        @Test
        void a_saga_spec_that_does_not_hold_fails_with_the_differences() throws IOException {
            Files.writeString(dir.resolve("spec.yaml"), """
                    saga: orders
                    specs:
                      - name: the payment deadline passes
                        given:
                          - {eventType: Placed, aggregateType: Order, aggregateId: o-1, timestamp: "2024-01-15T10:00:00Z"}
                        now: "2024-01-15T11:00:00Z"
                        then:
                          instances:
                            o-1: {status: running, step: placed}
                          emitted:
                            - {eventType: Asked}
                          deadlines:
                            - {instance: o-1, name: pay, due: "2024-01-15T10:30:00Z"}
                    """);

            Evs.Result r = evs.run("test", "spec.yaml");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stdout()).isEqualTo("""
                            FAIL  the payment deadline passes  (spec.yaml:3:5)
                                    instance o-1: step: expected placed, got timed-out
                                    emitted: expected 1 event, got 2: Asked, TimedOut
                                    deadlines pending: expected 1, got 0: (none)
                            0 passed, 1 failed
                            """);
        }
    }
}
