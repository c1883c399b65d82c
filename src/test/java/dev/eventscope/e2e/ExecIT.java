package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code evs exec} and {@code whatif --command} on the orders sample, end to end: what is printed,
 * what is written, and every exit code a command can end with, on both backends.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class ExecIT {

    @TempDir
    static Path dir;

    @Parameter
    Backend backend;

    static Evs evs;
    static String model;
    static Backend.Store orders;

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    static final String PLACE_0081 = "{\"orderId\":\"order-0081\",\"customerId\":\"cust-001\",\"currency\":\"EUR\","
            + "\"items\":[{\"sku\":\"SKU-01\",\"name\":\"Cable\",\"quantity\":2,\"unitPrice\":9.99}]}";

    @BeforeParameterizedClassInvocation
    static void importTheSample(Backend backend) {
        evs = Evs.in(dir);
        model = Evs.baseDir().resolve("samples/orders/eventscope.yaml").toString();
        orders = backend.newStore(dir, "orders.db");
        Evs.Result r = evs.run(
                "--db",
                orders.db(),
                "-q",
                "import",
                Evs.baseDir().resolve("samples/orders/events.ndjson").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    /** A copy of the imported sample, for a test that writes. */
    Backend.Store copy(String name) throws IOException {
        Backend.Store copy = backend.newStore(dir, name);
        if (backend == Backend.SQLITE) {
            Files.copy(orders.file(), copy.file());
        } else {
            Evs.Result r = evs.run("--db", orders.db(), "-q", "copy", "--to", copy.db());
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        return copy;
    }

    static Evs.Result exec(String db, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "--db";
        all[1] = db;
        all[2] = "--model";
        all[3] = model;
        all[4] = "exec";
        System.arraycopy(args, 0, all, 5, args.length);
        return evs.run(all);
    }

    static long events(Backend.Store store) {
        return Long.parseLong(store.column("SELECT count(*) FROM events").get(0));
    }

    @Nested
    class when_executing_at_the_head {

        @Test
        void an_accepted_command_is_appended_with_its_ids_and_a_repeat_of_it_writes_nothing() throws IOException {
            // given
            Backend.Store store = copy("place.db");
            String db = store.db();

            // when
            Evs.Result placed = exec(
                    db, "PlaceOrder", "--payload", PLACE_0081, "--command-id", "cmd-place-0081", "--user", "cust-001");
            Evs.Result again = exec(
                    db, "PlaceOrder", "--payload", PLACE_0081, "--command-id", "cmd-place-0081", "--user", "cust-001");

            // then
            assertThat(placed.exitCode()).as(placed.toString()).isZero();
            assertThat(placed.stdout())
                    .matches("accepted  PlaceOrder cmd-place-0081 by Order/order-0081 at version 0\n"
                            + "  appended OrderPlaced as version 1 at position 419 \\(eventId " + UUID + "\\)\n");
            assertThat(placed.stderr()).isEmpty();
            assertThat(store.column(
                            "SELECT event_type || ' ' || event_version || ' ' || user_id || ' ' || correlation_id || ' '"
                                    + " || causation_id || ' ' || json_extract(payload, '$.totalAmount') FROM events"
                                    + " WHERE position = 419"))
                    .containsExactly("OrderPlaced 2 cust-001 cmd-place-0081 cmd-place-0081 19.98");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.stdout())
                    .matches("already executed  PlaceOrder cmd-place-0081 by Order/order-0081: its events are stored\n"
                            + "  OrderPlaced as version 1 at position 419 \\(eventId " + UUID + "\\)\n");
            assertThat(events(store)).isEqualTo(419);
        }

        @Test
        void a_rejection_exits_1_with_its_reason_and_writes_nothing() {
            // when
            Evs.Result r = exec(
                    orders.db(),
                    "ShipOrder",
                    "--payload",
                    "{\"orderId\":\"order-0010\",\"carrier\":\"DHL\"}",
                    "--command-id",
                    "cmd-ship-0010");

            // then
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.stdout())
                    .isEqualTo("rejected  ShipOrder cmd-ship-0010 by Order/order-0010 at version 2, reading $payment"
                            + " Payment/pay-0010 v0: order-0010 is cancelled\n");
            assertThat(r.stderr()).isEmpty();
            assertThat(events(orders)).isEqualTo(418);
        }

        @Test
        void a_file_of_commands_runs_in_order_until_the_first_rejection() throws IOException {
            // given
            Backend.Store store = copy("batch.db");
            String db = store.db();
            Fixtures.write(
                    dir,
                    "batch.json",
                    "[{\"commandType\":\"PlaceOrder\",\"commandId\":\"c1\",\"payload\":" + PLACE_0081 + "},"
                            + "{\"commandType\":\"ShipOrder\",\"commandId\":\"c2\",\"payload\":{\"orderId\":"
                            + "\"order-0081\",\"carrier\":\"DHL\"}},"
                            + "{\"commandType\":\"CancelOrder\",\"commandId\":\"c3\",\"payload\":{\"orderId\":"
                            + "\"order-0081\",\"reason\":\"x\"}}]");

            // when
            Evs.Result r = exec(db, "--file", "batch.json", "-o", "ndjson");
            Evs.Result typed = exec(db, "ShipOrder", "--file", "batch.json");

            // then: the second is rejected, the third is not run
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.stdoutLines()).hasSize(2);
            JsonNode first = Json.parseTrusted(r.stdoutLines().get(0));
            JsonNode second = Json.parseTrusted(r.stdoutLines().get(1));
            assertThat(first.get("outcome").asText()).isEqualTo("accepted");
            assertThat(first.get("written").asBoolean()).isTrue();
            assertThat(first.get("events").get(0).get("position").asLong()).isEqualTo(419);
            assertThat(second.get("commandType").asText()).isEqualTo("ShipOrder");
            assertThat(second.get("outcome").asText()).isEqualTo("rejected");
            assertThat(second.get("reason").asText()).isEqualTo("order-0081 is not paid");
            assertThat(second.get("version").asLong()).isEqualTo(1);
            assertThat(second.get("reads").get(0).get("aggregateId").asText()).isEqualTo("pay-0081");
            assertThat(r.stderr()).isEqualTo("1 later command was not run: a run stops at the first rejection\n");
            assertThat(events(store)).isEqualTo(419);
            assertThat(typed.exitCode()).isEqualTo(65);
            assertThat(typed.stderr())
                    .startsWith("evs: 2 of 3 commands in batch.json are not valid; nothing was run\n"
                            + "  command 1: commandType PlaceOrder differs from the command type ShipOrder given on the"
                            + " command line\n");
        }
    }

    @Nested
    class when_writing_nothing {

        @Test
        void a_dry_run_prints_the_events_it_would_append() {
            // when
            Evs.Result r = exec(
                    orders.db(),
                    "PlaceOrder",
                    "--payload",
                    PLACE_0081,
                    "--command-id",
                    "cmd-1",
                    "--dry-run",
                    "-o",
                    "json");

            // then
            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode o = Json.parseTrusted(r.stdout());
            assertThat(o.get("outcome").asText()).isEqualTo("accepted");
            assertThat(o.get("written").asBoolean()).isFalse();
            assertThat(o.get("cut").toString()).isEqualTo("{\"position\":418}");
            JsonNode e = o.get("events").get(0);
            assertThat(e.get("streamVersion").asLong()).isEqualTo(1);
            assertThat(e.has("position")).isFalse();
            assertThat(e.get("payload").get("totalAmount").asDouble()).isEqualTo(19.98);
            assertThat(e.get("metadata").toString())
                    .isEqualTo("{\"correlationId\":\"cmd-1\",\"causationId\":\"cmd-1\"}");
            assertThat(events(orders)).isEqualTo(418);
        }

        @Test
        void a_shipment_decided_again_just_before_it_happened_is_accepted_and_before_the_payment_rejected() {
            // given: order-0007 was placed at 22:55:49 on the 15th, paid 6 s later, shipped on the 16th
            String ship = "{\"orderId\":\"order-0007\",\"carrier\":\"DPD\",\"trackingNumber\":\"02017423870399\"}";

            // when
            Evs.Result before = exec(
                    orders.db(), "ShipOrder", "--payload", ship, "--command-id", "s", "--at", "2024-01-16T23:44:40Z");
            Evs.Result unpaid = exec(
                    orders.db(), "ShipOrder", "--payload", ship, "--command-id", "s", "--at", "2024-01-15T22:55:50Z");

            // then
            assertThat(before.exitCode()).as(before.toString()).isZero();
            assertThat(before.stdout())
                    .isEqualTo(
                            "accepted  ShipOrder s by Order/order-0007 at version 1, reading $payment"
                                    + " Payment/pay-0007 v1 (--at 2024-01-16T23:44:40Z --position 418); nothing written\n"
                                    + "  OrderShipped v1 as version 2 {\"carrier\":\"DPD\",\"trackingNumber\":\"02017423870399\"}\n");
            assertThat(unpaid.exitCode()).as(unpaid.toString()).isEqualTo(1);
            assertThat(unpaid.stdout())
                    .isEqualTo("rejected  ShipOrder s by Order/order-0007 at version 1, reading $payment"
                            + " Payment/pay-0007 v0 (--at 2024-01-15T22:55:50Z --position 418): order-0007 is not"
                            + " paid\n");
            assertThat(events(orders)).isEqualTo(418);
        }

        @Test
        void a_command_in_a_what_if_is_decided_against_the_edited_history() {
            // given: what if order-0042 had been shipped right after it was placed?
            Fixtures.write(
                    dir,
                    "ship-0042.json",
                    "{\"commandType\":\"ShipOrder\",\"payload\":{\"orderId\":\"order-0042\",\"carrier\":\"DHL\"}}");

            // when
            Evs.Result r = evs.run(
                    "--db",
                    orders.db(),
                    "--model",
                    model,
                    "whatif",
                    "order-0042",
                    "--command",
                    "ship-0042.json",
                    "--after",
                    "7162a004-d4f7-46a2-a27c-1e0ff37fb13f",
                    "-o",
                    "ndjson");

            // then: it could not have been: the payment came later
            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode edit = Json.parseTrusted(r.stdout()).get("edits").get(0);
            assertThat(edit.get("rejected").asText()).isEqualTo("order-0042 is not paid");
            assertThat(r.stderr())
                    .isEqualTo("note: the command ShipOrder after 7162a004-d4f7-46a2-a27c-1e0ff37fb13f is rejected"
                            + " there (order-0042 is not paid): it adds no events\n");
        }
    }

    @Nested
    class when_deciding_as_issued {

        @Test
        void every_command_is_decided_at_its_own_time_a_rejection_stops_nothing_and_nothing_is_written() {
            // given: two shipments as they were issued, and one issued just after order-0042 was cancelled
            Fixtures.write(
                    dir,
                    "as-issued.json",
                    "[{\"commandType\":\"ShipOrder\",\"commandId\":\"s-7\",\"timestamp\":\"2024-01-16T23:44:40.003Z\","
                            + "\"payload\":{\"orderId\":\"order-0007\",\"carrier\":\"DPD\"}},"
                            + "{\"commandType\":\"ShipOrder\",\"commandId\":\"s-42\",\"timestamp\":\"2024-01-22T15:40:38Z\","
                            + "\"payload\":{\"orderId\":\"order-0042\",\"carrier\":\"DPD\"}},"
                            + "{\"commandType\":\"ShipOrder\",\"commandId\":\"s-1\",\"timestamp\":\"2024-01-16T16:44:53.846Z\","
                            + "\"payload\":{\"orderId\":\"order-0001\",\"carrier\":\"DHL\"}}]");

            // when
            Evs.Result r = exec(orders.db(), "--file", "as-issued.json", "--as-issued", "-o", "ndjson");

            // then
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.stdoutLines()).hasSize(3);
            List<JsonNode> outcomes =
                    r.stdoutLines().stream().map(Json::parseTrusted).toList();
            assertThat(outcomes)
                    .extracting(o -> o.get("outcome").asText())
                    .containsExactly("accepted", "rejected", "accepted");
            assertThat(outcomes).extracting(o -> o.get("version").asLong()).containsExactly(1L, 2L, 1L);
            assertThat(outcomes.get(1).get("reason").asText()).isEqualTo("order-0042 is cancelled");
            assertThat(outcomes)
                    .allSatisfy(o -> assertThat(o.get("written").asBoolean()).isFalse());
            assertThat(r.stderr())
                    .isEqualTo("as issued: 3 commands decided, 2 accepted, 1 rejected, 0 already executed by then\n");
            assertThat(events(orders)).isEqualTo(418);
        }

        @Test
        void a_command_without_its_time_or_a_valid_time_cut_is_refused_before_anything_is_decided() {
            Fixtures.write(
                    dir,
                    "untimed.json",
                    "[{\"commandType\":\"ShipOrder\",\"commandId\":\"t-1\",\"timestamp\":\"2024-01-16T23:44:40Z\","
                            + "\"payload\":{\"orderId\":\"order-0007\",\"carrier\":\"DPD\"}},"
                            + "{\"commandType\":\"ShipOrder\",\"commandId\":\"t-2\","
                            + "\"payload\":{\"orderId\":\"order-0007\",\"carrier\":\"DPD\"}}]");

            Evs.Result untimed = exec(orders.db(), "--file", "untimed.json", "--as-issued");
            Evs.Result withAt = exec(orders.db(), "--file", "untimed.json", "--as-issued", "--at", "2024-01-20");

            assertThat(untimed.exitCode()).as(untimed.toString()).isEqualTo(65);
            assertThat(untimed.stdout()).isEmpty();
            assertThat(untimed.stderr())
                    .isEqualTo("evs: ShipOrder t-2 has no timestamp, so it cannot be decided as it was issued\n"
                            + "hint: give every command its \"timestamp\": the time it was issued\n");
            assertThat(withAt.exitCode()).as(withAt.toString()).isEqualTo(2);
            assertThat(withAt.stderr())
                    .startsWith("evs: --as-issued decides each command at its own time, so it takes no --at\n");
        }
    }

    @Nested
    class when_the_input_is_wrong {

        @Test
        void a_missing_command_type_or_flags_that_contradict_the_file_are_usage_errors() {
            Evs.Result noType = exec(orders.db(), "--payload", "{}");
            Evs.Result both = exec(orders.db(), "--file", "x.json", "--payload", "{}");
            Evs.Result retry = exec(orders.db(), "ShipOrder", "--payload", "{}", "--retry", "-1");

            assertThat(noType.exitCode()).isEqualTo(2);
            assertThat(noType.stderr()).startsWith("evs: a command needs its COMMAND_TYPE (or --file)\n");
            assertThat(both.exitCode()).isEqualTo(2);
            assertThat(both.stderr())
                    .isEqualTo("evs: --file cannot be combined with flags that describe a command\n"
                            + "hint: put everything in the file, or leave --file out\n");
            assertThat(retry.exitCode()).isEqualTo(2);
            assertThat(retry.stderr()).startsWith("evs: --retry must be 0 or more, got -1\n");
        }

        @Test
        void an_unknown_command_type_is_not_found_and_bad_input_is_invalid() {
            Evs.Result unknown = exec(orders.db(), "RefundOrder", "--payload", "{}");
            Evs.Result malformed = exec(orders.db(), "ShipOrder", "--payload", "{\"orderId\":");
            Evs.Result noId = exec(orders.db(), "ShipOrder", "--payload", "{\"carrier\":\"DHL\"}", "--command-id", "x");

            assertThat(unknown.exitCode()).isEqualTo(66);
            assertThat(unknown.stderr())
                    .startsWith("evs: the model " + model + " has no command type 'RefundOrder'\n"
                            + "hint: it has PlaceOrder, AddOrderItem, PayOrder, ShipOrder, CancelOrder\n");
            assertThat(malformed.exitCode()).isEqualTo(65);
            assertThat(malformed.stderr()).startsWith("evs: --payload is not valid JSON: ");
            assertThat(noId.exitCode()).isEqualTo(65);
            assertThat(noId.stderr())
                    .startsWith("evs: ShipOrder x names no aggregate id for its target: rule ShipOrder.aggregateId gave"
                            + " null\n"
                            + "  " + model + ":")
                    .endsWith(":18: .payload.orderId\n"
                            + "hint: give the command what the rule reads (its payload is {\"carrier\":\"DHL\"})\n");
            assertThat(events(orders)).isEqualTo(418);
        }

        @Test
        void a_decider_that_breaks_a_rule_fails_the_model_load_at_its_line_and_column() {
            // given
            Fixtures.write(
                    dir,
                    "bad.yaml",
                    "aggregates:\n"
                            + "  Counter:\n"
                            + "    initial: {value: 0}\n"
                            + "    reducers: {Incremented: '$state | {\"value\": $event.payload.to, * : .}'}\n"
                            + "commands:\n"
                            + "  Increment:\n"
                            + "    aggregateType: Counter\n"
                            + "    aggregateId: .payload.id\n"
                            + "    decide: '{\"eventType\": \"Incremented\"}'\n"
                            + "  Decrement:\n"
                            + "    aggregateType: Counter\n"
                            + "    aggregateId: .payload.id\n"
                            + "    decide: |\n"
                            + "      [{\"eventType\": \"Decremented\", \"payload\": {\"to\": $stat.value - 1}}]\n");

            // when
            Evs.Result r = evs.run("--db", orders.db(), "--model", "bad.yaml", "exec", "Increment", "--payload", "{}");

            // then
            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(r.stderr())
                    .isEqualTo("evs: the model bad.yaml does not load: 2 problems\n"
                            + "  bad.yaml:14:55: unknown variable $stat (this rule can use $command, $state and the"
                            + " variables it declares with let) (rule Decrement.decide)\n"
                            + "  bad.yaml:9:13: rule Increment.decide must return a list of events, or {\"rejected\":"
                            + " REASON}; got an object with keys eventType: {\"eventType\":\"Incremented\"} (a single"
                            + " event goes in a list: [ ... ]) (on a synthetic Increment with an empty payload,"
                            + " against the initial state)\n"
                            + "hint: fix the model file at the lines shown\n");
        }
    }
}
