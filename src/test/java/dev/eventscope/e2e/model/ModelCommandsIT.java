package dev.eventscope.e2e.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state, replay, diff, bisect, whatif and events --where on the orders sample, end to end. */
class ModelCommandsIT {

    @TempDir
    static Path dir;

    static ModelEvs evs;

    static final String MODEL = ModelEvs.repo("samples/orders/eventscope.yaml").toString();

    /** Two streams with the same id in different types, and one with timestamps out of order. */
    static final String EXTRA = ""
            + "{\"eventId\":\"00000000-0000-4000-8000-000000000001\",\"eventType\":\"OrderPlaced\",\"aggregateType\":\"Order\","
            + "\"aggregateId\":\"dup-1\",\"timestamp\":\"2024-03-01T10:00:00Z\",\"payload\":{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[]}}\n"
            + "{\"eventId\":\"00000000-0000-4000-8000-000000000002\",\"eventType\":\"PaymentFailed\",\"aggregateType\":\"Payment\","
            + "\"aggregateId\":\"dup-1\",\"timestamp\":\"2024-03-01T10:00:00Z\",\"payload\":{\"orderId\":\"dup-1\",\"amount\":1,\"reason\":\"x\"}}\n"
            + "{\"eventId\":\"00000000-0000-4000-8000-000000000003\",\"eventType\":\"PaymentFailed\",\"aggregateType\":\"Payment\","
            + "\"aggregateId\":\"late-1\",\"timestamp\":\"2024-03-05T10:00:00Z\",\"payload\":{\"orderId\":\"o\",\"amount\":1,\"reason\":\"first\"}}\n"
            + "{\"eventId\":\"00000000-0000-4000-8000-000000000004\",\"eventType\":\"PaymentProcessed\",\"aggregateType\":\"Payment\","
            + "\"aggregateId\":\"late-1\",\"timestamp\":\"2024-03-02T10:00:00Z\",\"payload\":{\"orderId\":\"o\",\"amount\":1,\"method\":\"card\"}}\n";

    @BeforeAll
    static void store() throws IOException {
        evs = new ModelEvs(dir);
        Files.writeString(dir.resolve("extra.ndjson"), EXTRA);
        ModelEvs.Result r = evs.run(
                "--db",
                "o.db",
                "import",
                ModelEvs.repo("samples/orders/events.ndjson").toString());
        assertThat(r.code()).as(r.toString()).isZero();
        r = evs.run("--db", "o.db", "import", "extra.ndjson");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    static ModelEvs.Result evs(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--db";
        all[1] = "o.db";
        all[2] = "--model";
        all[3] = MODEL;
        System.arraycopy(args, 0, all, 4, args.length);
        return evs.run(all);
    }

    @Nested
    class when_asking_for_one_state {

        @Test
        void state_prints_the_aggregate_version_position_resolved_cut_and_state() {
            // when
            ModelEvs.Result r = evs("state", "order-0007", "--version", "1", "-o", "ndjson");

            // then
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out())
                    .isEqualTo(
                            "{\"aggregateType\":\"Order\",\"aggregateId\":\"order-0007\",\"version\":1,\"position\":28,"
                                    + "\"cut\":{\"version\":1},\"state\":{\"status\":\"PLACED\",\"customerId\":\"cust-003\","
                                    + "\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-02\",\"name\":\"Wireless Mouse\",\"quantity\":1,"
                                    + "\"unitPrice\":24.90},{\"sku\":\"SKU-01\",\"name\":\"USB-C Charging Cable 2m\",\"quantity\":3,"
                                    + "\"unitPrice\":9.99}],\"total\":54.87,\"placedAt\":\"2024-01-15T22:55:49.397Z\"}}\n");
        }

        @Test
        void the_resolved_cut_names_the_head_so_the_answer_can_be_asked_again() {
            // when
            ModelEvs.Result r = evs("state", "order-0007", "--at", "2024-01-16T00:00:00Z", "-o", "ndjson");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out())
                    .contains(
                            "\"version\":1,\"position\":28,\"cut\":{\"at\":\"2024-01-16T00:00:00Z\",\"position\":422}");
        }

        @Test
        void a_time_before_the_first_event_gives_the_initial_state() {
            // when
            ModelEvs.Result r = evs("state", "order-0007", "--at", "2024-01-01T00:00:00Z", "-o", "ndjson");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out())
                    .isEqualTo(
                            "{\"aggregateType\":\"Order\",\"aggregateId\":\"order-0007\",\"version\":0,\"position\":null,"
                                    + "\"cut\":{\"at\":\"2024-01-01T00:00:00Z\",\"position\":422},\"state\":{\"status\":\"NEW\","
                                    + "\"customerId\":null,\"currency\":null,\"items\":[],\"total\":0.0}}\n");
        }

        @Test
        void a_version_past_the_end_of_the_stream_exits_66() {
            // when
            ModelEvs.Result r = evs("state", "order-0007", "--version", "9");

            // then
            assertThat(r.code()).isEqualTo(66);
            assertThat(r.out()).isEmpty();
            assertThat(r.err())
                    .isEqualTo("evs: --version 9 is past the end of Order/order-0007, whose last version is 2\n"
                            + "hint: use --version 2 or less\n");
        }

        @Test
        void an_unknown_aggregate_exits_66() {
            // when
            ModelEvs.Result r = evs("state", "order-9999");

            // then
            assertThat(r.code()).isEqualTo(66);
            assertThat(r.err())
                    .isEqualTo("evs: no aggregate with id order-9999 in the store\n"
                            + "hint: list the aggregates with 'evs streams'\n");
        }

        @Test
        void an_id_of_several_aggregate_types_needs_aggregate_type() {
            // when
            ModelEvs.Result r = evs("state", "dup-1");

            // then
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err())
                    .isEqualTo("evs: aggregates of several types have the id dup-1: Order, Payment\n"
                            + "hint: pass --aggregate-type Order or --aggregate-type Payment\n");
        }

        @Test
        void an_aggregate_type_the_model_does_not_have_exits_66() throws IOException {
            // given
            Files.writeString(dir.resolve("payments-only.yaml"), "aggregates:\n  Payment:\n    reducers: {}\n");

            // when
            ModelEvs.Result r = evs.run("--db", "o.db", "--model", "payments-only.yaml", "state", "order-0007");

            // then
            assertThat(r.code()).isEqualTo(66);
            assertThat(r.err())
                    .isEqualTo("evs: the model payments-only.yaml has no aggregate 'Order'\n"
                            + "hint: it has Payment; add Order under 'aggregates:'\n");
        }

        @Test
        void version_and_at_cannot_be_combined() {
            // when
            ModelEvs.Result r = evs("state", "order-0007", "--version", "1", "--at", "2024-01-16T00:00:00Z");

            // then
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).startsWith("evs: --version cuts one stream at a stream version and cannot be combined");
        }

        @Test
        void a_date_and_a_time_without_an_offset_are_read_alike_in_utc_or_in_tz() {
            // when: issue 23, item 8 (a date was read in UTC, a time without an offset refused)
            ModelEvs.Result date = evs("state", "order-0007", "--at", "2024-01-16", "-o", "ndjson");
            ModelEvs.Result time = evs("state", "order-0007", "--at", "2024-01-16T00:00:00", "-o", "ndjson");
            ModelEvs.Result utc = evs("state", "order-0007", "--at", "2024-01-16T00:00:00Z", "-o", "ndjson");
            ModelEvs.Result zoned =
                    evs("--tz", "Asia/Tokyo", "state", "order-0007", "--at", "2024-01-16T09:00:00", "-o", "ndjson");

            // then
            assertThat(time.code()).as(time.err()).isZero();
            assertThat(time.out()).isEqualTo(date.out()).isEqualTo(utc.out()).isEqualTo(zoned.out());
            assertThat(utc.out()).contains("\"version\":1");
        }

        @Test
        void the_rule_is_stated_in_help() {
            // when
            ModelEvs.Result help = evs("state", "--help");

            // then
            assertThat(help.out().replaceAll("\\s+", " "))
                    .contains("In options, a date (its start) or a date and time without an offset is read in this"
                            + " zone, else in UTC, the zone output is printed in; in appended or imported events such a"
                            + " timestamp is refused without it.");
        }

        @Test
        void explain_lists_the_events_applied_on_stderr() {
            // when
            ModelEvs.Result r = evs("state", "order-0007", "--explain", "-o", "ndjson");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("\"version\":2");
            assertThat(r.err())
                    .matches(
                            "(?s)explain: no snapshot used: Order/order-0007 has none; folded from the initial state\n"
                                    + "explain: folded 2 events of Order/order-0007 in [0-9.]+ ms \\(cut: --position 422\\)\n"
                                    + "POSITION  VER  TIMESTAMP                 TYPE          EVENT_ID\n"
                                    + "      28    1  2024-01-15T22:55:49.397Z  OrderPlaced   b6fbcf11-fd44-4641-a55d-1caa484e7861\n"
                                    + "      45    2  2024-01-16T23:44:40.003Z  OrderShipped  13b967b5-3450-4c92-95a9-99961f2cbe88\n");
        }

        @Test
        void trace_state_prints_the_state_after_every_event() {
            // when
            ModelEvs.Result ndjson = evs("state", "order-0007", "--trace-state", "-o", "ndjson");
            ModelEvs.Result table = evs("state", "order-0007", "--trace-state");

            // then
            assertThat(ndjson.code()).isZero();
            assertThat(ndjson.out().lines()).hasSize(2);
            assertThat(ndjson.out().lines().toList().get(1))
                    .startsWith(
                            "{\"aggregateType\":\"Order\",\"aggregateId\":\"order-0007\",\"version\":2,\"position\":45,"
                                    + "\"eventId\":\"13b967b5-3450-4c92-95a9-99961f2cbe88\",\"eventType\":\"OrderShipped\","
                                    + "\"timestamp\":\"2024-01-16T23:44:40.003Z\",\"state\":{\"status\":\"SHIPPED\"");
            assertThat(table.out().lines().toList().get(2))
                    .startsWith(
                            "      45    2  2024-01-16T23:44:40.003Z  OrderShipped  status=\"SHIPPED\", +carrier=\"DPD\","
                                    + " +trackingNumber=\"02017423870399\", +shippedAt=");
        }

        @Test
        void timestamps_out_of_order_fold_exactly_those_at_or_before_the_cut_and_warn() {
            // when: late-1 v1 is on 03-05, v2 on 03-02
            ModelEvs.Result r = evs("state", "late-1", "--at", "2024-03-03T00:00:00Z", "-o", "ndjson");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out())
                    .contains("\"version\":2,")
                    .contains("\"status\":\"PAID\",")
                    .contains("\"attempts\":1");
            assertThat(r.err())
                    .isEqualTo(
                            "warning: Payment/late-1 has events whose timestamps are out of order with their versions;"
                                    + " folded exactly those with timestamp <= 2024-03-03T00:00:00Z, in version order\n");
        }
    }

    @Nested
    class when_replaying_diffing_bisecting_and_editing {

        @Test
        void replay_lists_every_aggregate_of_a_type_with_an_event_inside_the_cut() {
            // when
            ModelEvs.Result r =
                    evs("replay", "--aggregate-type", "Order", "--at", "2024-01-15T12:00:00Z", "-o", "ndjson");

            // then
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out().lines()).hasSize(1);
            assertThat(r.out())
                    .startsWith("{\"aggregateType\":\"Order\",\"aggregateId\":\"order-0001\",\"version\":1,"
                            + "\"position\":1,\"cut\":{\"at\":\"2024-01-15T12:00:00Z\",\"position\":422}");
            assertThat(r.err())
                    .isEqualTo("replayed 1 aggregate (1 events) at --at 2024-01-15T12:00:00Z --position 422\n");
        }

        @Test
        void replay_at_a_position_counts_only_events_up_to_it() {
            // when
            ModelEvs.Result r = evs("replay", "--position", "3", "-o", "csv");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out())
                    .startsWith("aggregateType,aggregateId,version,position,state\r\n" + "Inventory,SKU-08,1,3,")
                    .contains("Order,order-0001,1,1,")
                    .contains("Payment,pay-0001,1,2,");
            assertThat(r.out().lines()).hasSize(4);
        }

        @Test
        void replay_refuses_a_version_cut() {
            // when
            ModelEvs.Result r = evs("replay", "--version", "2");

            // then
            assertThat(r.code()).isEqualTo(2);
        }

        @Test
        void diff_prints_the_json_patch_and_the_events_in_between() {
            // when
            ModelEvs.Result r = evs("diff", "order-0007", "--from", "version:1", "--to", "latest", "-o", "json");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out())
                    .contains(
                            "\"patch\" : [ {\n    \"op\" : \"replace\",\n    \"path\" : \"/status\",\n    \"value\" : \"SHIPPED\"\n  }, {\n    \"op\" : \"add\",\n    \"path\" : \"/carrier\"")
                    .contains("\"events\" : [ {\n    \"eventId\" : \"13b967b5-3450-4c92-95a9-99961f2cbe88\"");
        }

        @Test
        void diff_for_people_shows_one_line_per_change() {
            // when
            ModelEvs.Result r = evs("diff", "order-0007", "--from", "version:1", "-o", "table");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out())
                    .startsWith("diff Order/order-0007  from v1 (--version 1)  to v2 (--position 422)\n"
                            + "  ~ /status: \"PLACED\" -> \"SHIPPED\"\n"
                            + "  + /carrier: \"DPD\"\n");
        }

        @Test
        void bisect_finds_the_first_event_after_which_the_condition_holds() {
            // when
            ModelEvs.Result r = evs("bisect", "order-0007", "--when", "$state.status == \"SHIPPED\"", "-o", "ndjson");

            // then
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("\"found\":true,\"fromStart\":false,\"version\":2,\"position\":45,");
        }

        @Test
        void bisect_with_a_condition_that_is_not_boolean_exits_65_naming_the_option() {
            // when
            ModelEvs.Result r = evs("bisect", "order-0007", "--when", "$state.status");

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.err())
                    .isEqualTo("evs: --when is not a usable condition\n"
                            + "  --when: must return a boolean, got a string \"NEW\" (tried on a synthetic event with an"
                            + " empty payload)\n"
                            + "hint: a condition must give true or false, e.g. --when '$state.status == \"PAID\"'\n");
        }

        @Test
        void whatif_dropping_the_payment_shows_the_real_and_the_hypothetical_state() {
            // when
            ModelEvs.Result r =
                    evs("whatif", "pay-0013", "--drop", "688c2fb9-497a-4b46-8bac-0b5c64d7341f", "-o", "ndjson");

            // then
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out())
                    .contains("\"edits\":[{\"drop\":\"688c2fb9-497a-4b46-8bac-0b5c64d7341f\"}]")
                    .contains("\"hypothetical\":{\"version\":0,\"position\":null,\"state\":{\"status\":\"PENDING\"")
                    .contains("{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"PENDING\"}");
        }

        @Test
        void whatif_replacing_an_event_from_a_file() throws IOException {
            // given
            Files.writeString(
                    dir.resolve("failed.json"),
                    "{\"eventType\":\"PaymentFailed\",\"payload\":{\"orderId\":\"order-0013\",\"amount\":545.70,"
                            + "\"reason\":\"card declined\"}}");

            // when
            ModelEvs.Result r = evs(
                    "whatif",
                    "pay-0013",
                    "--replace",
                    "688c2fb9-497a-4b46-8bac-0b5c64d7341f=failed.json",
                    "-o",
                    "ndjson");

            // then
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("\"hypothetical\":{\"version\":1,\"position\":");
            assertThat(r.out()).contains("{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"FAILED\"}");
        }

        @Test
        void whatif_with_an_event_that_is_not_in_the_stream_exits_66() {
            // when
            ModelEvs.Result r = evs("whatif", "pay-0013", "--drop", "00000000-0000-4000-8000-000000000001");

            // then
            assertThat(r.code()).isEqualTo(66);
            assertThat(r.err())
                    .startsWith("evs: event 00000000-0000-4000-8000-000000000001 is not in Payment/pay-0013"
                            + " inside the cut\n");
        }

        @Test
        void whatif_never_changes_the_store() {
            // when
            ModelEvs.Result before = evs.run("--db", "o.db", "head");
            evs("whatif", "pay-0013", "--drop", "688c2fb9-497a-4b46-8bac-0b5c64d7341f");
            ModelEvs.Result after = evs.run("--db", "o.db", "head");

            // then
            assertThat(after.out()).isEqualTo(before.out());
        }

        @Test
        void events_where_filters_with_a_jslt_condition() {
            // when
            ModelEvs.Result r = evs.run("--db", "o.db", "events", "--where", ".payload.amount > 500", "-o", "csv");

            // then
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out().lines().skip(1)).allMatch(l -> l.contains(",Payment"));
            assertThat(r.out().lines().count()).isGreaterThan(1);
        }

        @Test
        void events_where_that_does_not_compile_names_the_column() {
            // when
            ModelEvs.Result r = evs.run("--db", "o.db", "events", "--where", ".payload.amount >");

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.err())
                    .startsWith(
                            "evs: --where does not compile\n  --where, column 17: Parse error: Encountered \"<EOF>\"\n");
        }
    }
}
