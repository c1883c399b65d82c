package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code saga list --stuck} on the orders and tasks samples agrees, instance by instance, with a
 * query written by hand over the events table; and after {@code process}, what the store keeps of
 * each instance is what {@code saga list} works out from the events (issue 24).
 */
class SagaSamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR = 3_600_000_000L;

    static List<String> stuck(Evs evs, String saga, String at) throws Exception {
        Evs.Result r = evs.run("saga", "list", saga, "--stuck", "--at", at, "-o", "json");
        assertThat(r.exitCode()).as("%s", r).isZero();
        List<String> ids = new ArrayList<>();
        for (JsonNode n : JSON.readTree(r.stdout())) {
            assertThat(n.get("status").asText()).isEqualTo("stuck");
            ids.add(n.get("instance").asText());
        }
        return ids;
    }

    static long micros(String at) {
        Instant i = Instant.parse(at);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    @Nested
    class the_orders_sample {

        @TempDir
        Path dir;

        Evs evs;
        Path db;

        void store() throws Exception {
            evs = Evs.in(dir);
            db = dir.resolve("events.db");
            Files.copy(Evs.baseDir().resolve("samples/orders/eventscope.yaml"), dir.resolve("eventscope.yaml"));
            Files.createDirectories(dir.resolve("schemas"));
            Files.copy(
                    Evs.baseDir().resolve("samples/orders/schemas/order-placed-v2.json"),
                    dir.resolve("schemas/order-placed-v2.json"));
            Evs.Result r = evs.run(
                    "-q",
                    "import",
                    Evs.baseDir().resolve("samples/orders/events.ndjson").toString());
            assertThat(r.exitCode()).as("%s", r).isZero();
        }

        /**
         * Orders placed by {@code at}, not shipped or cancelled by then, that wait with no deadline
         * pending for an hour or more: after a failed payment (for the cancellation), or after their
         * shipment became overdue (36 hours after the last reserved line).
         */
        List<String> byHand(String at) {
            long t = micros(at);
            return Fixtures.column(
                    db,
                    "WITH placed AS (SELECT aggregate_id AS o FROM events WHERE event_type = 'OrderPlaced'"
                            + "   AND occurred_at <= " + t + "),"
                            + " ended AS (SELECT aggregate_id AS o FROM events"
                            + "   WHERE event_type IN ('OrderShipped', 'OrderCancelled') AND occurred_at <= " + t + "),"
                            + " failed AS (SELECT json_extract(payload, '$.orderId') AS o, max(occurred_at) AS at"
                            + "   FROM events WHERE event_type = 'PaymentFailed' AND occurred_at <= " + t
                            + " GROUP BY 1),"
                            + " reserved AS (SELECT json_extract(payload, '$.orderId') AS o, max(occurred_at) AS at"
                            + "   FROM events WHERE event_type = 'StockReserved' AND occurred_at <= " + t
                            + " GROUP BY 1)"
                            + " SELECT o FROM placed WHERE o NOT IN (SELECT o FROM ended)"
                            + " AND (o IN (SELECT o FROM failed WHERE " + t + " - at >= " + HOUR + ")"
                            + "   OR o IN (SELECT o FROM reserved WHERE " + t + " - (at + 36 * " + HOUR + ") >= " + HOUR
                            + "))"
                            + " ORDER BY o");
        }

        @Test
        void saga_list_stuck_agrees_with_the_query_by_hand_at_noon_every_day_before_and_after_process()
                throws Exception {
            store();
            List<String> days = List.of(
                    "2024-01-17T12:00:00Z",
                    "2024-01-19T12:00:00Z",
                    "2024-01-21T12:00:00Z",
                    "2024-01-22T12:00:00Z",
                    "2024-01-25T12:00:00Z",
                    "2024-01-27T12:00:00Z",
                    "2024-01-30T12:00:00Z");
            int stuck = 0;
            for (String at : days) {
                List<String> expected = byHand(at);
                assertThat(stuck(evs, "fulfilment", at)).as("stuck at %s", at).isEqualTo(expected);
                stuck += expected.size();
            }
            assertThat(stuck).as("instances stuck over the days").isGreaterThanOrEqualTo(5);

            // when: process appends what the saga emits; the answers stay the same
            Evs.Result p = evs.run("process", "fulfilment");
            assertThat(p.exitCode()).as("%s", p).isZero();
            for (String at : List.of("2024-01-22T12:00:00Z", "2024-01-25T12:00:00Z")) {
                assertThat(stuck(evs, "fulfilment", at))
                        .as("stuck at %s after process", at)
                        .isEqualTo(byHand(at));
            }
            assertStoredInstancesAreTheFold(evs, db, "fulfilment");
        }
    }

    @Nested
    class the_tasks_sample {

        @TempDir
        Path dir;

        Evs evs;
        Path db;

        void store() throws Exception {
            evs = Evs.in(dir);
            db = dir.resolve("events.db");
            Files.copy(Evs.baseDir().resolve("samples/tasks/eventscope.yaml"), dir.resolve("eventscope.yaml"));
            Evs.Result r = evs.run(
                    "-q",
                    "import",
                    Evs.baseDir().resolve("samples/tasks/events.ndjson").toString());
            assertThat(r.exitCode()).as("%s", r).isZero();
        }

        /** Review rounds requested two days or more before {@code at} and not decided by then. */
        List<String> byHand(String at) {
            long t = micros(at);
            String key = "aggregate_id || '#' || json_extract(payload, '$.round') || '@' || correlation_id";
            return new ArrayList<>(new TreeSet<>(Fixtures.column(
                    db,
                    "WITH requested AS (SELECT " + key + " AS k, min(occurred_at) AS at FROM events"
                            + "   WHERE event_type = 'ReviewRequested' AND occurred_at <= " + t + " GROUP BY 1),"
                            + " decided AS (SELECT " + key + " AS k FROM events"
                            + "   WHERE event_type IN ('ReviewApproved', 'ChangesRequested') AND occurred_at <= " + t
                            + ")"
                            + " SELECT k FROM requested WHERE k NOT IN (SELECT k FROM decided)"
                            + " AND at + 48 * " + HOUR + " <= " + t)));
        }

        @Test
        void saga_list_stuck_agrees_with_the_query_by_hand_before_and_after_process() throws Exception {
            store();
            int stuck = 0;
            for (String at : List.of("2024-02-15T12:00:00Z", "2024-04-15T12:00:00Z", "2024-07-05T18:00:00Z")) {
                List<String> expected = byHand(at);
                assertThat(stuck(evs, "review", at)).as("stuck at %s", at).isEqualTo(expected);
                stuck += expected.size();
            }
            assertThat(stuck).as("reviews stuck at those times").isGreaterThanOrEqualTo(10);

            // when: process appends the reminders
            Evs.Result p = evs.run("process", "review", "--now", "2024-07-05T18:00:00Z");
            assertThat(p.exitCode()).as("%s", p).isZero();
            assertThat(stuck(evs, "review", "2024-07-05T18:00:00Z")).isEqualTo(byHand("2024-07-05T18:00:00Z"));
            assertStoredInstancesAreTheFold(evs, db, "review", "--now", "2024-07-05T18:00:00Z");
        }
    }

    /** Each instance the store keeps has the state, status and event count {@code saga list} works out. */
    static void assertStoredInstancesAreTheFold(Evs evs, Path db, String saga, String... cut) throws Exception {
        List<String> args = new ArrayList<>(List.of("saga", "list", saga, "-o", "ndjson"));
        args.addAll(List.of(cut));
        Evs.Result r = evs.run(args.toArray(new String[0]));
        assertThat(r.exitCode()).as("%s", r).isZero();
        Map<String, String> folded = new TreeMap<>();
        for (String line : r.stdoutLines()) {
            JsonNode n = JSON.readTree(line);
            folded.put(
                    n.get("instance").asText(),
                    (n.get("status").asText().equals("ended") ? "ended" : "running") + " "
                            + n.get("events").asLong() + " " + JSON.writeValueAsString(n.get("state")));
        }
        Map<String, String> stored = new TreeMap<>();
        for (String row : Fixtures.column(
                db,
                "SELECT instance_id || char(9) || status || ' ' || events || ' ' || state FROM saga_instances"
                        + " WHERE saga = '" + saga + "'")) {
            String[] f = row.split("\t", 2);
            stored.put(f[0], f[1]);
        }
        assertThat(stored).hasSize(folded.size()).isNotEmpty();
        for (Map.Entry<String, String> e : folded.entrySet()) {
            String[] s = stored.get(e.getKey()).split(" ", 3);
            String[] f = e.getValue().split(" ", 3);
            assertThat(s[0] + " " + s[1]).as(e.getKey()).isEqualTo(f[0] + " " + f[1]);
            assertThat(JSON.readTree(s[2])).as(e.getKey()).isEqualTo(JSON.readTree(f[2]));
        }
    }
}
