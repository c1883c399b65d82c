package dev.eventscope.e2e;

import static dev.eventscope.e2e.Fixtures.ID_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsIT {

    @TempDir
    Path dir;

    private Evs evs;

    @BeforeEach
    void fourEvents() {
        evs = Evs.in(dir);
        Fixtures.importOrders(evs);
    }

    /** The positions {@code events ARGS -o ndjson} lists. */
    private List<Long> positions(String... args) {
        String[] all = Stream.concat(Stream.of("events", "-o", "ndjson"), Stream.of(args))
                .toArray(String[]::new);
        Evs.Result r = evs.run(all);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        return r.stdoutLines().stream()
                .map(l -> Json.parseTrusted(l).get("position").asLong())
                .toList();
    }

    @Nested
    class when_listing {

        @Test
        void the_table_shows_one_event_per_line_in_position_order() {
            Evs.Result r = evs.run("events");

            assertThat(r.exitCode()).isZero();
            assertThat(r.stderr()).isEmpty();
            assertThat(r.stdout()).isEqualTo("""
                    POSITION  TIMESTAMP                 STREAM         VER  TYPE              PAYLOAD
                           1  2024-01-15T09:30:00Z      Order/order-1    1  OrderPlaced       {"customerId":"c-1","totalAmount":59.98}
                           2  2024-01-15T10:35:00Z      Payment/pay-1    1  PaymentProcessed  {"orderId":"order-1","amount":59.98}
                           3  2024-01-16T08:00:00.250Z  Order/order-1    2  OrderShipped      {"carrier":"DHL"}
                           4  2024-01-17T09:00:00Z      Order/order-2    1  OrderPlaced       {"customerId":"c-2","totalAmount":10.5}
                    """);
        }

        @Test
        void json_output_is_an_array_with_payloads_nested_as_json() {
            Evs.Result r = evs.run("events", "-o", "json");

            JsonNode array = Json.parseTrusted(r.stdout());
            assertThat(array.size()).isEqualTo(4);
            assertThat(array.get(0).get("payload").isObject()).isTrue();
            assertThat(array.get(0).get("payload").get("totalAmount").decimalValue())
                    .isEqualByComparingTo("59.98");
            assertThat(array.get(2).get("timestamp").asText()).isEqualTo("2024-01-16T08:00:00.250Z");
            assertThat(array.get(1).get("metadata").get("causationId").asText()).isEqualTo(ID_1);
        }

        @Test
        void csv_output_has_a_header_and_quotes_json_cells() {
            Evs.Result r = evs.run("events", "-o", "csv", "--limit", "1");

            List<String> lines = r.stdoutLines();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0))
                    .isEqualTo("position,eventId,eventType,aggregateType,aggregateId,streamVersion,eventVersion,"
                            + "timestamp,recordedAt,correlationId,causationId,userId,payload,metadata");
            assertThat(lines.get(1))
                    .startsWith("1," + ID_1 + ",OrderPlaced,Order,order-1,1,1,2024-01-15T09:30:00Z,")
                    .endsWith(",req-1,,u-1,\"{\"\"customerId\"\":\"\"c-1\"\",\"\"totalAmount\"\":59.98}\","
                            + "\"{\"\"userId\"\":\"\"u-1\"\",\"\"correlationId\"\":\"\"req-1\"\"}\"");
        }

        @Test
        void no_match_prints_only_the_header() {
            Evs.Result r = evs.run("events", "--type", "Nothing");

            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEqualTo("POSITION  TIMESTAMP  STREAM  VER  TYPE  PAYLOAD\n");
        }
    }

    @Nested
    class when_filtering {

        @Test
        void by_event_type_repeated_or_comma_separated() {
            assertThat(positions("--type", "OrderPlaced")).containsExactly(1L, 4L);
            assertThat(positions("--type", "OrderPlaced,OrderShipped", "--type", "Nothing"))
                    .containsExactly(1L, 3L, 4L);
        }

        @Test
        void by_stream_and_by_aggregate_id_alone() {
            assertThat(positions("--aggregate-type", "Order", "--aggregate-id", "order-1"))
                    .containsExactly(1L, 3L);
            assertThat(positions("--aggregate-id", "pay-1")).containsExactly(2L);
            assertThat(positions("--aggregate-type", "Order")).containsExactly(1L, 3L, 4L);
        }

        @Test
        void by_valid_time_with_timestamps_and_dates() {
            assertThat(positions("--since", "2024-01-15T10:00:00+00:00", "--until", "2024-01-16T08:00:00.250Z"))
                    .containsExactly(2L, 3L);
            // a date without --tz is that day in UTC
            assertThat(positions("--since", "2024-01-16")).containsExactly(3L, 4L);
        }

        @Test
        void by_record_time() {
            assertThat(positions("--as-of", "now")).containsExactly(1L, 2L, 3L, 4L);
            assertThat(positions("--as-of", "2020-01-01T00:00:00Z")).isEmpty();
        }

        @Test
        void by_correlation_causation_and_user() {
            assertThat(positions("--correlation-id", "req-1", "--user", "u-2")).containsExactly(3L);
            assertThat(positions("--causation-id", ID_1)).containsExactly(2L);
            assertThat(positions("--user", "u-1")).containsExactly(1L, 4L);
        }

        @Test
        void by_position_with_a_limit_newest_first() {
            assertThat(positions("--from-position", "2", "--to-position", "4", "--reverse", "--limit", "2"))
                    .containsExactly(4L, 3L);
        }

        @Test
        void regression_a_relative_time_too_far_back_is_a_usage_error_not_a_bug() {
            // was: exit 70 with a DateTimeException stack trace
            Evs.Result r = evs.run("events", "--since", "99999999w");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr())
                    .isEqualTo("evs: --since: '99999999w' reaches further back than the store can represent\n"
                            + "hint: e.g. --since 2024-01-15T10:30:00Z or --since 2h\n");
        }
    }

    @Test
    void follow_prints_new_events_as_they_arrive_and_stops_at_the_limit() throws Exception {
        // given: a follower that stops after 5 events; the store has 4
        Path out = dir.resolve("follow.out");
        Process follower = evs.start(
                out, dir.resolve("follow.err"), "events", "--follow", "--poll", "50", "--limit", "5", "-o", "ndjson");
        try {
            waitForLines(out, 4, follower);

            // when
            Evs.Result appended = evs.run(
                    "append", "--type", "OrderCancelled", "--aggregate-type", "Order", "--aggregate-id", "order-2");
            assertThat(appended.exitCode()).as(appended.toString()).isZero();

            // then
            assertThat(follower.waitFor(120, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(follower.exitValue()).isZero();
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(5);
            assertThat(Json.parseTrusted(lines.get(4)).get("eventType").asText())
                    .isEqualTo("OrderCancelled");
            assertThat(Files.readString(dir.resolve("follow.err"))).isEmpty();
        } finally {
            follower.destroyForcibly();
        }
    }

    private static void waitForLines(Path file, int n, Process process) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        List<String> lines = new ArrayList<>();
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (lines.size() >= n) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the follower printed " + lines.size() + " of " + n + " lines");
    }

    @Test
    void regression_follow_with_reverse_is_refused_before_anything_is_printed() {
        // was: the table header went to stdout before the usage error
        Evs.Result r = evs.run("events", "--follow", "--reverse");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("evs: --follow and --reverse cannot be combined\n");
    }

    @Test
    void a_missing_store_is_not_found() {
        Evs.Result r = evs.run("--db", "missing.db", "events");

        assertThat(r.exitCode()).isEqualTo(66);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr())
                .startsWith("evs: no store at missing.db (from --db, relative to ")
                .endsWith(")\nhint: create one with 'evs init' or 'evs import FILE', or pass --db FILE\n");
        assertThat(dir.resolve("missing.db")).doesNotExist();
    }
}
