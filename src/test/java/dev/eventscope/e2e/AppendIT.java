package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendIT {

    private static final String ID = "550e8400-e29b-41d4-a716-446655440000";

    @TempDir
    Path dir;

    private Evs evs;

    @BeforeEach
    void runner() {
        evs = Evs.in(dir);
    }

    private Path db() {
        return dir.resolve("events.db");
    }

    private List<String> stored(String column) {
        return Fixtures.column(db(), "SELECT " + column + " FROM events ORDER BY position");
    }

    /** Appends {@code n} events to Order/order-17 with one import. */
    private void orderWithEvents(int n) {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            lines.append("{\"eventType\":\"OrderUpdated\",\"aggregateType\":\"Order\",\"aggregateId\":\"order-17\","
                            + "\"timestamp\":\"2024-01-15T10:00:0")
                    .append(i)
                    .append("Z\"}\n");
        }
        Fixtures.write(dir, "order-17.ndjson", lines.toString());
        assertThat(evs.run("-q", "import", "order-17.ndjson").exitCode()).isZero();
    }

    @Nested
    class when_the_event_comes_from_flags {

        @Test
        void every_flag_lands_in_the_stored_event() {
            // when
            Evs.Result r = evs.run(
                    "append",
                    "--type",
                    "OrderPlaced",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-17",
                    "--payload",
                    "{\"customerId\": \"cust-1\", \"totalAmount\": 59.98}",
                    "--event-id",
                    ID.toUpperCase(),
                    "--event-version",
                    "2",
                    "--timestamp",
                    "2024-01-15T10:30:00.123456+02:00",
                    "--correlation-id",
                    "req-1",
                    "--causation-id",
                    "cmd-1",
                    "--user",
                    "u-1",
                    "--expected-version",
                    "no-stream");

            // then
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout())
                    .isEqualTo("appended OrderPlaced to Order/order-17 version 1 at position 1 (eventId " + ID
                            + ", 2024-01-15T08:30:00.123456Z)\n");
            assertThat(r.stderr()).isEmpty();
            assertThat(Fixtures.column(
                            db(),
                            "SELECT event_id || ' ' || event_type || ' ' || aggregate_type || '/' || aggregate_id"
                                    + " || ' v' || stream_version || ' ev' || event_version || ' ' || occurred_at"
                                    + " || ' ' || payload || ' ' || metadata || ' ' || correlation_id || ' '"
                                    + " || causation_id || ' ' || user_id FROM events"))
                    .containsExactly(ID + " OrderPlaced Order/order-17 v1 ev2 1705307400123456"
                            + " {\"customerId\":\"cust-1\",\"totalAmount\":59.98}"
                            + " {\"correlationId\":\"req-1\",\"causationId\":\"cmd-1\",\"userId\":\"u-1\"}"
                            + " req-1 cmd-1 u-1");
        }

        @Test
        void regression_a_payload_from_an_at_file_is_read_as_json_and_other_at_values_stay_as_they_are() {
            // was: picocli expanded @FILE as an argument file, so this failed with "Unmatched arguments"
            Fixtures.write(dir, "payload.json", "{\n  \"carrier\": \"DHL\",\n  \"parcels\": [1, 2]\n}\n");

            Evs.Result r = evs.run(
                    "append",
                    "--type",
                    "OrderShipped",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "@home",
                    "--payload",
                    "@payload.json",
                    "--user",
                    "@alice");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(stored("payload")).containsExactly("{\"carrier\":\"DHL\",\"parcels\":[1,2]}");
            assertThat(stored("aggregate_id || ' ' || user_id")).containsExactly("@home @alice");
        }

        @Test
        void a_payload_can_come_from_standard_input() {
            Evs.Result r = evs.runWithInput(
                    "{\"status\":\"late\"}\n",
                    "append",
                    "--type",
                    "OrderDelayed",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-17",
                    "--payload",
                    "-");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(stored("payload")).containsExactly("{\"status\":\"late\"}");
        }

        @Test
        void json_output_lists_what_was_stored() {
            Evs.Result r = evs.run(
                    "append",
                    "--type",
                    "A",
                    "--aggregate-type",
                    "T",
                    "--aggregate-id",
                    "1",
                    "--event-id",
                    ID,
                    "-o",
                    "ndjson");

            assertThat(r.stdout())
                    .isEqualTo("{\"eventId\":\"" + ID + "\",\"aggregateType\":\"T\",\"aggregateId\":\"1\","
                            + "\"streamVersion\":1,\"position\":1,\"alreadyStored\":false}\n");
        }
    }

    @Nested
    class when_the_expected_version_is_given {

        @Test
        void a_wrong_expected_version_exits_3_with_the_current_version_and_a_hint() {
            // given
            orderWithEvents(5);

            // when
            Evs.Result r = evs.run(
                    "append",
                    "--type",
                    "OrderShipped",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-17",
                    "--expected-version",
                    "4");

            // then
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr())
                    .isEqualTo("evs: wrong expected version 4 for Order/order-17 (current 5)\n"
                            + "hint: re-read the stream or pass --expected-version 5\n");
            assertThat(stored("count(*)")).containsExactly("5");
        }

        @Test
        void the_current_version_appends_and_the_named_forms_check_existence() {
            // given
            orderWithEvents(2);

            // when
            Evs.Result exact = evs.run(
                    "append",
                    "--type",
                    "X",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-17",
                    "--expected-version",
                    "2");
            Evs.Result noStream = evs.run(
                    "append",
                    "--type",
                    "X",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-17",
                    "--expected-version",
                    "no-stream");
            Evs.Result exists = evs.run(
                    "append",
                    "--type",
                    "X",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-18",
                    "--expected-version",
                    "exists");

            // then
            assertThat(exact.exitCode()).as(exact.toString()).isZero();
            assertThat(exact.stdout()).startsWith("appended X to Order/order-17 version 3 at position 3 ");
            assertThat(noStream.exitCode()).isEqualTo(3);
            assertThat(noStream.stderr())
                    .isEqualTo("evs: wrong expected version no-stream for Order/order-17 (current 3)\n"
                            + "hint: the stream exists; re-read it or pass --expected-version 3\n");
            assertThat(exists.exitCode()).isEqualTo(3);
            assertThat(exists.stderr())
                    .isEqualTo("evs: wrong expected version exists for Order/order-18 (current 0: no events)\n"
                            + "hint: create the stream first, or pass --expected-version no-stream\n");
        }

        @Test
        void an_expected_version_that_is_not_one_is_a_usage_error_and_nothing_is_created() {
            Evs.Result r = evs.run(
                    "append",
                    "--type",
                    "X",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-17",
                    "--expected-version",
                    "soon");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr())
                    .isEqualTo("evs: --expected-version: expected version 'soon' is not any, no-stream, exists or a"
                            + " number 0 or more\n");
            assertThat(db()).doesNotExist();
        }
    }

    @Nested
    class when_the_event_id_is_stored_already {

        private final String[] placed = {
            "append",
            "--type",
            "OrderPlaced",
            "--aggregate-type",
            "Order",
            "--aggregate-id",
            "order-17",
            "--event-id",
            ID,
            "--timestamp",
            "2024-01-15T10:30:00Z",
            "--payload",
            "{\"a\":1}"
        };

        @Test
        void the_identical_event_again_succeeds_without_writing() {
            // given
            assertThat(evs.run(placed).exitCode()).isZero();

            // when
            Evs.Result again = evs.run(placed);

            // then
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.stdout())
                    .isEqualTo("already stored: OrderPlaced to Order/order-17 version 1 at position 1 (eventId " + ID
                            + ", 2024-01-15T10:30:00Z)\n");
            assertThat(stored("count(*)")).containsExactly("1");
        }

        @Test
        void the_same_id_with_other_content_exits_3_naming_what_differs() {
            // given
            assertThat(evs.run(placed).exitCode()).isZero();

            // when
            Evs.Result r = evs.run(
                    "append",
                    "--type",
                    "OrderPlaced",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-17",
                    "--event-id",
                    ID,
                    "--timestamp",
                    "2024-01-15T10:30:00Z",
                    "--payload",
                    "{\"a\":2}");

            // then
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr())
                    .isEqualTo(
                            "evs: eventId " + ID + " is already stored at position 1 with different content"
                                    + " (it differs in payload)\nhint: give the new event its own eventId, or leave eventId out\n");
            assertThat(stored("payload")).containsExactly("{\"a\":1}");
        }
    }

    @Nested
    class when_the_events_come_from_a_file {

        @Test
        void an_array_is_appended_atomically_in_order() {
            // given
            Fixtures.write(
                    dir,
                    "batch.json",
                    "[{\"eventType\":\"A\",\"aggregateType\":\"Order\",\"aggregateId\":\"o-1\"},\n"
                            + " {\"eventType\":\"B\",\"aggregateType\":\"Order\",\"aggregateId\":\"o-2\"},\n"
                            + " {\"eventType\":\"C\",\"aggregateType\":\"Order\",\"aggregateId\":\"o-1\"}]");

            // when
            Evs.Result r = evs.run("append", "--file", "batch.json");

            // then
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdoutLines())
                    .hasSize(3)
                    .satisfiesExactly(
                            l -> assertThat(l).startsWith("appended A to Order/o-1 version 1 at position 1 "),
                            l -> assertThat(l).startsWith("appended B to Order/o-2 version 1 at position 2 "),
                            l -> assertThat(l).startsWith("appended C to Order/o-1 version 2 at position 3 "));
        }

        @Test
        void one_invalid_event_in_the_array_writes_nothing_and_exits_65() {
            // given
            Fixtures.write(
                    dir,
                    "batch.json",
                    "[{\"eventType\":\"A\",\"aggregateType\":\"Order\",\"aggregateId\":\"o-1\"},"
                            + "{\"aggregateType\":\"Order\",\"aggregateId\":\"o-2\"},"
                            + "{\"eventType\":\"C\",\"aggregateType\":\"Order\",\"aggregateId\":\"o-1\","
                            + "\"timestamp\":\"2024-02-30T00:00:00Z\"}]");
            assertThat(evs.run("init").exitCode()).isZero();

            // when
            Evs.Result r = evs.run("append", "--file", "batch.json");

            // then
            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(r.stderr())
                    .isEqualTo("evs: batch.json holds 2 invalid events; nothing was written\n"
                            + "  event 2: eventType is missing\n"
                            + "  event 3: '2024-02-30T00:00:00Z' is not a real date and time\n");
            assertThat(stored("count(*)")).containsExactly("0");
        }

        @Test
        void file_and_event_flags_cannot_be_combined() {
            Evs.Result r = evs.run("append", "--file", "batch.json", "--type", "A");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr())
                    .isEqualTo("evs: --file cannot be combined with flags that describe an event\n"
                            + "hint: put everything in the file, or leave --file out\n");
        }
    }

    @Nested
    class when_the_input_is_invalid {

        @Test
        void a_timestamp_without_an_offset_exits_65_unless_tz_says_how_to_read_it() {
            // when
            Evs.Result rejected = evs.run(
                    "append",
                    "--type",
                    "A",
                    "--aggregate-type",
                    "T",
                    "--aggregate-id",
                    "1",
                    "--timestamp",
                    "2024-01-15T10:30:00");
            Evs.Result withZone = evs.run(
                    "--tz",
                    "Europe/Amsterdam",
                    "append",
                    "--type",
                    "A",
                    "--aggregate-type",
                    "T",
                    "--aggregate-id",
                    "1",
                    "--timestamp",
                    "2024-01-15T10:30:00");

            // then
            assertThat(rejected.exitCode()).isEqualTo(65);
            assertThat(rejected.stderr())
                    .isEqualTo("evs: invalid event: '2024-01-15T10:30:00' has no offset: add Z or an offset such as"
                            + " +01:00, or pass --tz ZONE\nhint: see 'evs append --help'\n");
            assertThat(withZone.exitCode()).as(withZone.toString()).isZero();
            assertThat(withZone.stdout()).endsWith(", 2024-01-15T09:30:00Z)\n");
        }

        @Test
        void an_impossible_date_exits_65_and_creates_nothing() {
            Evs.Result r = evs.run(
                    "append",
                    "--type",
                    "A",
                    "--aggregate-type",
                    "T",
                    "--aggregate-id",
                    "1",
                    "--timestamp",
                    "2023-02-29T10:00:00Z");

            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(r.stderr())
                    .isEqualTo("evs: invalid event: '2023-02-29T10:00:00Z' is not a real date and time\n"
                            + "hint: see 'evs append --help'\n");
            assertThat(db()).doesNotExist();
        }

        @Test
        void regression_huge_payload_and_batch_files_are_refused_without_running_out_of_memory()
                throws java.io.IOException {
            // was: read whole and parsed into a tree: OutOfMemoryError with -Xmx256m (then exit 1)
            Path hostile = dir.resolve("hostile.json");
            try (var out = java.nio.file.Files.newOutputStream(hostile)) {
                out.write('[');
                byte[] block = "[],".repeat(1 << 16).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                for (int i = 0; i < 100; i++) {
                    out.write(block);
                }
                out.write("[]]".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }

            Evs.Result payload = evs.run(
                    "append",
                    "--type",
                    "A",
                    "--aggregate-type",
                    "T",
                    "--aggregate-id",
                    "1",
                    "--payload",
                    "@hostile.json");
            Evs.Result batch = evs.run("append", "--file", "hostile.json");

            assertThat(payload.exitCode()).as(payload.toString()).isEqualTo(65);
            assertThat(payload.stderr())
                    .isEqualTo("evs: --payload hostile.json is longer than the limit of 2228224 bytes\n"
                            + "hint: the limit is twice --max-payload plus 128 KiB; pass a larger --max-payload for"
                            + " bigger documents\n");
            assertThat(batch.exitCode()).as(batch.toString()).isEqualTo(65);
            assertThat(batch.stderr())
                    .isEqualTo("evs: --file hostile.json is longer than the limit of 16777216 bytes\n"
                            + "hint: one append is meant for a few events; import large batches with 'evs import"
                            + " FILE'\n");
            assertThat(db()).doesNotExist();
        }

        @Test
        void a_payload_that_is_not_json_exits_65() {
            Evs.Result r = evs.run(
                    "append", "--type", "A", "--aggregate-type", "T", "--aggregate-id", "1", "--payload", "{oops}");

            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(r.stderr())
                    .startsWith("evs: --payload is not valid JSON: Unexpected character ('o' (code 111))")
                    .endsWith("\nhint: pass a JSON object\n");
            assertThat(db()).doesNotExist();
        }
    }
}
