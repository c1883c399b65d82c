package dev.eventscope.e2e.upcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.e2e.Evs;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upcasting commands on the orders sample (32 OrderPlaced v1 without totalAmount, 48 v2) with its
 * model (OrderPlaced v1 -> v2, a schema for v2), end to end. One store for the class: every test
 * only reads it or writes other files.
 */
class UpcastIT {

    @TempDir
    static Path dir;

    static Evs evs;

    @BeforeAll
    static void sampleStore() throws IOException {
        Path sample = Evs.baseDir().resolve("samples/orders");
        Files.copy(sample.resolve("eventscope.yaml"), dir.resolve("eventscope.yaml"));
        Files.createDirectories(dir.resolve("schemas"));
        Files.copy(sample.resolve("schemas/order-placed-v2.json"), dir.resolve("schemas/order-placed-v2.json"));
        evs = Evs.in(dir);
        Evs.Result imported = evs.run("import", sample.resolve("events.ndjson").toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
    }

    /** A copy of the sample model with {@code from} replaced by {@code to}, written as {@code name}. */
    private static String model(String name, String from, String to) throws IOException {
        String text = Files.readString(dir.resolve("eventscope.yaml"));
        assertThat(text).contains(from);
        Files.writeString(dir.resolve(name), text.replace(from, to));
        return name;
    }

    @Nested
    class when_checking {

        @Test
        void every_stored_event_of_the_sample_upcasts_and_validates() {
            // when
            Evs.Result r = evs.run("upcast", "check");

            // then
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdoutLines())
                    .contains(
                            "OrderPlaced       v1: 32, v2: 48       v2      80      32         80       0",
                            "ok: 418 events upcast to their latest version, 80 checked against their schema");
            assertThat(r.stderr()).isEmpty();
        }

        @Test
        void a_broken_upcaster_fails_the_check_with_exit_1_naming_each_event_and_the_upcaster() throws IOException {
            // given: the upcaster forgets the total
            String broken = model("broken.yaml", "else {\"totalAmount\":", "else {\"total\":");

            // when
            Evs.Result r = evs.run("--model", broken, "upcast", "check", "--max-failures", "2");
            Evs.Result json = evs.run("--model", broken, "upcast", "check", "-o", "json");

            // then
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.stdout())
                    .contains("FAIL  position 1 (eventId 1e48bc41-c6b5-4eeb-95f2-dfd15f032f83, OrderPlaced v1) after"
                            + " upcaster OrderPlaced v1->v2: does not match the schema OrderPlaced v2"
                            + " (schemas/order-placed-v2.json): $.payload: required property 'totalAmount' not found")
                    .endsWith("failed: 32 of 418 events do not upcast or validate (the first 2 are listed)\n");
            assertThat(json.exitCode()).isEqualTo(1);
            JsonNode report = Json.parseTrusted(json.stdout());
            assertThat(report.get("ok").booleanValue()).isFalse();
            assertThat(report.get("failed").intValue()).isEqualTo(32);
            assertThat(report.get("failures").get(0).get("upcaster").textValue())
                    .isEqualTo("OrderPlaced v1->v2");
        }

        @Test
        void a_model_with_a_gap_does_not_load() throws IOException {
            // given
            String gap =
                    model("gap.yaml", "    2: schemas/order-placed-v2.json", "    3: schemas/order-placed-v2.json");

            // when
            Evs.Result r = evs.run("--model", gap, "upcast", "check");

            // then
            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(r.stderr())
                    .contains("gap.yaml:")
                    .contains("OrderPlaced has versions v1, v2, v3 but no upcaster from v2 to v3");
        }
    }

    @Nested
    class when_reading {

        @Test
        void upcast_show_gives_the_stored_event_each_step_and_the_difference() {
            // when
            Evs.Result r = evs.run("upcast", "show", "1");

            // then
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout())
                    .startsWith("as stored (position 1, OrderPlaced v1):\n")
                    .contains("step 1: upcaster OrderPlaced v1->v2 (eventscope.yaml:")
                    .contains("final: OrderPlaced v2\n"
                            + "schema: matches OrderPlaced v2 (schemas/order-placed-v2.json)\n"
                            + "diff stored -> final:\n"
                            + "  ~ /eventVersion: 1 -> 2\n"
                            + "  + /payload/totalAmount: 170.88\n");
        }

        @Test
        void every_reader_sees_the_upcast_event_and_raw_shows_it_as_stored() {
            // when
            Evs.Result state = evs.run("state", "order-0001", "-o", "json");
            Evs.Result events = evs.run("events", "--limit", "1", "-o", "ndjson");
            Evs.Result raw = evs.run("events", "--limit", "1", "-o", "ndjson", "--raw");
            Evs.Result show = evs.run("show", "1", "-o", "ndjson");
            Evs.Result exported = evs.run("export", "--limit", "1");
            Evs.Result upcast = evs.run("export", "--limit", "1", "--upcast");

            // then
            assertThat(Json.parseTrusted(state.stdout()).at("/state/total").decimalValue())
                    .isEqualByComparingTo("170.88");
            assertThat(Json.parseTrusted(events.stdout())
                            .at("/payload/totalAmount")
                            .decimalValue())
                    .isEqualByComparingTo("170.88");
            assertThat(Json.parseTrusted(show.stdout()).at("/eventVersion").intValue())
                    .isEqualTo(2);
            assertThat(Json.parseTrusted(raw.stdout()).at("/payload").has("totalAmount"))
                    .isFalse();
            assertThat(Json.parseTrusted(exported.stdout()).at("/eventVersion").intValue())
                    .isEqualTo(1);
            assertThat(upcast.stdout()).isEqualTo(events.stdout());
        }
    }

    @Nested
    class when_writing_new_events {

        @Test
        void an_event_that_breaks_its_schema_is_refused_with_every_violation_unless_validation_is_off() {
            // given
            String[] args = {
                "--db",
                "append.db",
                "append",
                "--type",
                "OrderPlaced",
                "--aggregate-type",
                "Order",
                "--aggregate-id",
                "o-1",
                "--event-version",
                "2",
                "--payload",
                "{\"customerId\":\"c\",\"currency\":\"eur\",\"items\":[]}"
            };

            // when
            Evs.Result refused = evs.run(args);
            Evs.Result forced = evs.run(append(args, "--no-validate"));

            // then
            assertThat(refused.exitCode()).isEqualTo(65);
            assertThat(refused.stdout()).isEmpty();
            assertThat(refused.stderr())
                    .isEqualTo("evs: the event does not match the schema OrderPlaced v2 (schemas/order-placed-v2.json);"
                            + " nothing was written\n"
                            + "  $.payload.currency: does not match the regex pattern ^[A-Z]{3}$\n"
                            + "  $.payload: required property 'totalAmount' not found\n"
                            + "hint: fix the payload, or pass --no-validate to append it anyway\n");
            assertThat(forced.exitCode()).as(forced.toString()).isZero();
        }

        @Test
        void an_import_with_lines_that_break_their_schema_writes_nothing_and_names_each_line() throws IOException {
            // given
            Files.writeString(
                    dir.resolve("new.ndjson"),
                    "{\"eventType\":\"OrderPlaced\",\"eventVersion\":2,\"aggregateType\":\"Order\",\"aggregateId\":\"n-1\","
                            + "\"payload\":{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[],\"totalAmount\":0}}\n"
                            + "{\"eventType\":\"OrderPlaced\",\"eventVersion\":2,\"aggregateType\":\"Order\",\"aggregateId\":\"n-2\","
                            + "\"payload\":{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[],\"totalAmount\":-1}}\n");

            // when
            Evs.Result r = evs.run("--db", "import.db", "import", "new.ndjson");

            // then
            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(r.stderr())
                    .startsWith("evs: new.ndjson: 1 of 2 lines are invalid; nothing was imported\n"
                            + "  line 2: does not match the schema OrderPlaced v2: $.payload.totalAmount: must have a"
                            + " minimum value of 0\n");
            assertThat(Files.exists(dir.resolve("import.db"))).isFalse();
        }

        private static String[] append(String[] args, String more) {
            String[] out = java.util.Arrays.copyOf(args, args.length + 1);
            out[args.length] = more;
            return out;
        }
    }

    @Nested
    class when_migrating {

        @Test
        void a_dry_run_writes_nothing_and_a_migration_writes_a_verified_store_once() {
            // when
            Evs.Result dry = evs.run("upcast", "migrate", "--to", "dry.db", "--dry-run");
            Evs.Result done = evs.run("upcast", "migrate", "--to", "migrated.db");
            Evs.Result again = evs.run("upcast", "migrate", "--to", "migrated.db");
            Evs.Result verify = evs.run("--db", "migrated.db", "verify");
            Evs.Result check = evs.run("--db", "migrated.db", "upcast", "check", "-o", "json");
            Evs.Result raw = evs.run("--db", "migrated.db", "events", "--raw", "--limit", "1", "-o", "ndjson");

            // then
            assertThat(dry.exitCode()).as(dry.toString()).isZero();
            assertThat(dry.stdout())
                    .isEqualTo(
                            "dry run: would write 418 events into " + dir.resolve("dry.db") + " from 418 (32 upcast:"
                                    + " OrderPlaced 32, 0 split, 0 dropped, 0 with a new stream version); nothing was written\n");
            assertThat(Files.exists(dir.resolve("dry.db"))).isFalse();
            assertThat(done.exitCode()).as(done.toString()).isZero();
            assertThat(done.stdout()).startsWith("migrated 418 events into " + dir.resolve("migrated.db"));
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.stderr())
                    .isEqualTo(
                            "evs: " + dir.resolve("migrated.db") + " exists already; a migration writes a new store\n"
                                    + "hint: pass another file name, or --force to replace it\n");
            assertThat(verify.exitCode()).as(verify.toString()).isZero();
            assertThat(Json.parseTrusted(check.stdout()).at("/types/2/upcast").intValue())
                    .isZero();
            assertThat(Json.parseTrusted(raw.stdout()).at("/eventVersion").intValue())
                    .isEqualTo(2);
        }
    }
}
