package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * process, query, dlq and project rebuild on the orders sample, end to end: the read model, an
 * exec handler that fails on old-schema events, a reactor whose events show in trace, the fix and
 * retry flow, and stopping with SIGTERM.
 */
class ProcessIT {

    @TempDir
    static Path dir;

    static Evs evs;

    /** The orders sample's model as it is before an upcaster v1 -> v2 exists. */
    static Path sample;

    @BeforeAll
    static void sample() throws IOException {
        evs = Evs.in(dir).withEnv("NOTIFY_OUTBOX", dir.resolve("outbox.log").toString());
        Path orders = Evs.baseDir().resolve("samples/orders");
        Path copy = Files.createDirectories(dir.resolve("sample/handlers"));
        Files.copy(orders.resolve("handlers/notify.sh"), copy.resolve("notify.sh"));
        String model = withoutSections(Files.readString(orders.resolve("eventscope.yaml")), "upcasters", "schemas");
        sample = Files.writeString(dir.resolve("sample/eventscope.yaml"), model);
        Evs.Result imported = evs.run(
                "--db",
                "orders.db",
                "-q",
                "import",
                orders.resolve("events.ndjson").toString());
        assertThat(imported.exitCode()).as("%s", imported).isZero();
    }

    /** The YAML without the named top-level sections (a section runs to the next top-level key). */
    static String withoutSections(String yaml, String... keys) {
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : yaml.split("\n", -1)) {
            boolean topLevel = !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#");
            if (topLevel) {
                skipping = List.of(keys).stream().anyMatch(k -> line.startsWith(k + ":"));
            }
            if (!skipping) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** A copy of the imported sample store, so a test can change it. */
    static String store(String name) throws IOException {
        Files.copy(dir.resolve("orders.db"), dir.resolve(name));
        return name;
    }

    static Evs.Result run(String db, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--db";
        all[1] = db;
        all[2] = "--model";
        all[3] = sample.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return evs.run(all);
    }

    @Nested
    class when_a_projection_is_processed {

        @Test
        void its_rows_are_queried_with_sql_and_a_read_model_behind_the_head_says_how_far() throws IOException {
            // given
            String db = store("projection.db");

            // when
            Evs.Result process = run(db, "process", "orders");
            Evs.Result byStatus = run(db, "query", "select status, count(*) as n from rm_orders group by status");
            Evs.Result one = run(db, "query", "select * from rm_orders where id = 'order-0040'", "-o", "json");
            Evs.Result appended = run(
                    db,
                    "append",
                    "--type",
                    "OrderPlaced",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-0100",
                    "--payload",
                    "{\"customerId\": \"cust-100\", \"totalAmount\": 12.5}");
            Evs.Result stale = run(db, "query", "select count(*) from rm_orders");
            Evs.Result caughtUp = run(db, "query", "--catch-up", "select total from rm_orders where id = 'order-0100'");

            // then
            assertThat(process.exitCode()).as("%s", process).isZero();
            assertThat(process.stdout())
                    .isEqualTo("orders (projection): 160 events from position 0 to 418: 160 handled, 0 dead-lettered,"
                            + " 0 parked\n");
            assertThat(process.stderr()).isEmpty();
            assertThat(byStatus.stdout()).isEqualTo("status   n\nSHIPPED  60\n");
            assertThat(one.stdout())
                    .isEqualTo("[\n{\"id\":\"order-0040\",\"customer\":\"cust-025\",\"status\":\"SHIPPED\","
                            + "\"total\":132.0}\n]\n");
            assertThat(appended.exitCode()).isZero();
            assertThat(stale.stdout()).isEqualTo("count(*)\n60\n");
            assertThat(stale.stderr())
                    .isEqualTo("warning: rm_orders is behind: 1 events for it after its checkpoint (position 418,"
                            + " head 419); run 'evs process orders' or pass --catch-up\n");
            assertThat(caughtUp.exitCode()).as("%s", caughtUp).isZero();
            assertThat(caughtUp.stdout()).isEqualTo("total\n12.5\n");
            assertThat(caughtUp.stderr()).isEmpty();
        }

        @Test
        void anything_but_a_select_is_refused_and_a_missing_read_model_is_not_found() throws IOException {
            // given
            String db = store("refusals.db");

            // when
            Evs.Result delete = run(db, "query", "delete from events");
            Evs.Result missing = run(db, "query", "select * from rm_orders");
            Evs.Result unknown = run(db, "process", "nope");
            Evs.Result handler = run(db, "project", "rebuild", "notify");
            Evs.Result batch = run(db, "process", "orders", "--batch", "0");

            // then
            assertThat(delete.exitCode()).isEqualTo(2);
            assertThat(delete.stderr())
                    .isEqualTo("evs: only a SELECT can be run, not DELETE\nhint: evs query runs one SELECT (or WITH …"
                            + " SELECT) statement; change read models with 'evs process' and 'evs project rebuild'\n");
            assertThat(missing.exitCode()).isEqualTo(66);
            assertThat(missing.stderr())
                    .isEqualTo("evs: no table rm_orders in " + db + "\nhint: run 'evs process orders' to build the read"
                            + " model first\n");
            assertThat(unknown.exitCode()).isEqualTo(66);
            assertThat(unknown.stderr())
                    .startsWith("evs: the model " + sample + " has no projection or handler 'nope'\n"
                            + "hint: it has orders, notify, compensate\n");
            assertThat(handler.exitCode()).isEqualTo(2);
            assertThat(handler.stderr()).startsWith("evs: notify is a handler (exec), not a projection\n");
            assertThat(batch.exitCode()).isEqualTo(2);
            assertThat(batch.stderr()).startsWith("evs: --batch must be from 1 to 100000, got 0\n");
        }
    }

    @Nested
    class when_an_exec_handler_fails_on_old_schema_events {

        @Test
        void they_are_dead_lettered_and_can_be_shown_retried_and_skipped() throws IOException {
            // given
            String db = store("notify.db");

            // when
            Evs.Result process = run(db, "process", "notify");
            Evs.Result list = run(db, "dlq", "list", "--handler", "notify", "--status", "parked", "-o", "ndjson");
            Evs.Result show = run(db, "dlq", "show", "1");
            Evs.Result retry = run(db, "dlq", "retry", "1");
            Evs.Result plan = run(db, "dlq", "retry", "--type", "OrderPlaced", "--dry-run", "-o", "csv");
            Evs.Result skip = run(db, "dlq", "skip", "2", "--reason", "a test order");
            Evs.Result skipAgain = run(db, "dlq", "skip", "2", "--reason", "again");
            Evs.Result none = run(db, "dlq", "show", "999");
            Evs.Result noSelection = run(db, "dlq", "retry");

            // then
            assertThat(process.exitCode()).as("%s", process).isZero();
            assertThat(process.stdout())
                    .isEqualTo("notify (exec): 80 events from position 0 to 418: 48 handled, 32 dead-lettered,"
                            + " 0 parked\n");
            assertThat(process.stderr())
                    .isEqualTo("hint: see them with 'evs dlq list --handler notify'; retry with 'evs dlq retry"
                            + " --handler notify'\n");
            assertThat(Files.readAllLines(dir.resolve("outbox.log"))).hasSize(48);
            List<String> letters = list.stdout().lines().toList();
            assertThat(letters).hasSize(32);
            JsonNode first = Json.parseTrusted(letters.get(0));
            assertThat(first.get("id").asLong()).isEqualTo(1);
            assertThat(first.get("handler").asText()).isEqualTo("notify");
            assertThat(first.get("position").asLong()).isEqualTo(1);
            assertThat(first.get("aggregateId").asText()).isEqualTo("order-0001");
            assertThat(first.get("status").asText()).isEqualTo("parked");
            assertThat(first.get("attempts").asInt()).isEqualTo(2);
            assertThat(first.get("error").asText())
                    .isEqualTo("exit 1: OrderPlaced 1e48bc41-c6b5-4eeb-95f2-dfd15f032f83 has no totalAmount"
                            + " (schema v1?): cannot confirm the order");
            assertThat(show.stdout())
                    .startsWith("dead letter 1 (parked)\n  handler        notify\n  event          "
                            + "1e48bc41-c6b5-4eeb-95f2-dfd15f032f83 at position 1: OrderPlaced of Order/order-0001\n")
                    .contains("\"eventVersion\" : 1,")
                    .endsWith("nothing is parked behind it\n");
            assertThat(retry.exitCode()).isEqualTo(1);
            assertThat(retry.stderr()).isEqualTo("resolved 0 of 1 letters; 1 still parked\n");
            assertThat(plan.exitCode()).isZero();
            assertThat(plan.stdout().lines())
                    .hasSize(33)
                    .startsWith(
                            "order,id,handler,position,eventType,aggregateType,aggregateId,result,attempts,error",
                            "1,1,notify,1,OrderPlaced,Order,order-0001,planned,0,");
            assertThat(skip.exitCode()).isZero();
            assertThat(skip.stdout()).contains("skipped").contains("a test order");
            assertThat(skipAgain.exitCode()).isEqualTo(3);
            assertThat(skipAgain.stderr()).startsWith("evs: dead letter 2 is skipped already (a test order)\n");
            assertThat(none.exitCode()).isEqualTo(66);
            assertThat(noSelection.exitCode()).isEqualTo(2);
        }
    }

    @Nested
    class when_a_reactor_runs {

        @Test
        void the_events_it_appends_are_caused_by_the_trigger_and_show_in_its_trace() throws IOException {
            // given
            String db = store("reactor.db");

            // when
            Evs.Result process = run(db, "process", "compensate");
            Evs.Result again = run(db, "process", "compensate");
            Evs.Result emitted = run(db, "events", "--type", "CustomerNotified", "-o", "ndjson");
            JsonNode firstEmitted =
                    Json.parseTrusted(emitted.stdout().lines().findFirst().orElseThrow());
            Evs.Result trace = run(db, "trace", firstEmitted.get("eventId").asText());

            // then
            assertThat(process.stdout())
                    .isEqualTo("compensate (reactor): 10 events from position 0 to 418: 10 handled, 0 dead-lettered,"
                            + " 0 parked, 10 events appended\n");
            assertThat(again.stdout())
                    .isEqualTo("compensate (reactor): 0 events from position 418 to 428: 0 handled, 0 dead-lettered,"
                            + " 0 parked, 0 events appended\n");
            assertThat(emitted.stdout().lines()).hasSize(10);
            JsonNode metadata = firstEmitted.get("metadata");
            assertThat(firstEmitted.get("aggregateId").asText()).isEqualTo("payment-failed-order-0005");
            assertThat(metadata.get("causationId").asText()).isEqualTo("631d1d3b-0a73-4018-923a-aa307d4df0ad");
            assertThat(metadata.get("correlationId").asText()).isEqualTo("req-8186caa3");
            assertThat(trace.exitCode()).as("%s", trace).isZero();
            assertThat(trace.stdout())
                    .contains("#23 PaymentFailed  Payment/pay-0005")
                    .contains("└─ #419 CustomerNotified  Notification/payment-failed-order-0005");
        }
    }

    @Nested
    class when_the_handler_is_fixed_and_the_dead_letters_retried {

        /** A read model whose OrderPlaced rule needs totalAmount: it fails on v1 events. */
        static final String STRICT = "projections:\n"
                + "  totals:\n"
                + "    key: id\n"
                + "    columns: {id: TEXT, customer: TEXT, status: TEXT, total: REAL}\n"
                + "    on:\n"
                + "      OrderPlaced: {upsert: '{\"id\": .aggregateId, \"customer\": .payload.customerId,"
                + " \"status\": \"PLACED\", \"total\": if (is-number(.payload.totalAmount)) .payload.totalAmount"
                + " else error(\"OrderPlaced v\" + string(.eventVersion) + \" has no totalAmount\")}'}\n"
                + "      OrderShipped: {upsert: '{\"id\": .aggregateId, \"status\": \"SHIPPED\"}'}\n"
                + "      OrderCancelled: {upsert: '{\"id\": .aggregateId, \"status\": \"CANCELLED\"}'}\n";

        /** The upcaster of the orders sample (issue 11): v1 gets totalAmount from its items. */
        static final String UPCASTER = "upcasters:\n"
                + "  - type: OrderPlaced\n"
                + "    from: 1\n"
                + "    to: 2\n"
                + "    transform: |\n"
                + "      let p = .payload\n"
                + "      {\"payload\": if (is-number($p.totalAmount)) $p\n"
                + "                  else {\"totalAmount\": round(sum([for ($p.items) .quantity * .unitPrice]) * 100)"
                + " / 100.0} + $p}\n";

        @Test
        void after_a_fix_of_the_rule_a_retry_resolves_every_letter_and_the_read_model_equals_a_rebuild()
                throws IOException {
            String fixedRule = STRICT.replace(
                    "error(\"OrderPlaced v\" + string(.eventVersion) + \" has no totalAmount\")",
                    "round(sum([for (.payload.items) .quantity * .unitPrice]) * 100) / 100.0");
            fixAndRetry("rule-fix", fixedRule);
        }

        @Test
        void after_an_upcaster_is_added_a_retry_resolves_every_letter_and_the_read_model_equals_a_rebuild()
                throws IOException {
            fixAndRetry("upcaster-fix", STRICT + UPCASTER);
        }

        private void fixAndRetry(String name, String fixedModel) throws IOException {
            // given: v1 OrderPlaced fail; their later events are parked behind them
            String db = store(name + ".db");
            Path model = Files.writeString(dir.resolve(name + ".yaml"), STRICT);
            Evs.Result process = evs.run("--db", db, "--model", model.toString(), "process", "totals");
            assertThat(process.stdout())
                    .isEqualTo("totals (projection): 160 events from position 0 to 418: 96 handled, 32 dead-lettered,"
                            + " 32 parked\n");

            // when: the fix goes into the model, and every letter is retried
            Files.writeString(model, fixedModel);
            Evs.Result retry = evs.run("--db", db, "--model", model.toString(), "dlq", "retry", "--all", "-o", "csv");
            Evs.Result parked = evs.run("--db", db, "dlq", "list", "--status", "parked");
            Evs.Result rows = evs.run("--db", db, "query", "select * from rm_totals order by id", "-o", "csv");
            Evs.Result rebuild = evs.run("--db", db, "--model", model.toString(), "project", "rebuild", "totals");
            Evs.Result rebuilt = evs.run("--db", db, "query", "select * from rm_totals order by id", "-o", "csv");

            // then
            assertThat(retry.exitCode()).as("%s", retry).isZero();
            assertThat(retry.stderr()).isEqualTo("resolved 64 of 64 letters; 0 still parked\n");
            // order-0001's sequence comes first, in order: placed (position 1), shipped later
            assertThat(retry.stdout().lines().skip(1).limit(2)).allMatch(l -> l.contains(",order-0001,resolved,1,"));
            assertThat(parked.stdout().lines()).hasSize(1);
            assertThat(rows.stdout().lines())
                    .hasSize(81)
                    .contains("order-0001,cust-032,SHIPPED,170.88")
                    .noneMatch(l -> l.endsWith(","));
            assertThat(rebuild.exitCode()).as("%s", rebuild).isZero();
            assertThat(rebuilt.stdout()).isEqualTo(rows.stdout());
        }
    }

    @Nested
    class when_a_following_process_is_stopped {

        @Test
        void sigterm_ends_it_after_the_current_transaction_with_exit_130_and_the_store_unlocked() throws Exception {
            // given
            String db = store("follow.db");
            Path err = dir.resolve("follow.err");
            Process p = evs.start(
                    null,
                    err,
                    "--db",
                    db,
                    "--model",
                    sample.toString(),
                    "process",
                    "orders",
                    "--follow",
                    "--poll",
                    "50");
            waitForCheckpoint(db, 418, p);

            // when: a writer appends while it follows, and then it is told to stop
            Evs.Result appended = run(
                    db,
                    "append",
                    "--type",
                    "OrderShipped",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-0001");
            waitForCheckpoint(db, 419, p);
            p.destroy();

            // then
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(appended.exitCode()).isZero();
            assertThat(p.exitValue()).isEqualTo(130);
            assertThat(Files.readString(err))
                    .isEqualTo("stopped at position 419; run 'evs process orders' again to continue\n");
            Evs.Result after = run(
                    db,
                    "append",
                    "--type",
                    "OrderShipped",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-0002");
            assertThat(after.exitCode()).as("%s", after).isZero();
        }

        private void waitForCheckpoint(String db, long position, Process p) throws InterruptedException {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!checkpoint(db).equals(List.of(Long.toString(position)))) {
                assertThat(p.isAlive()).as("the follower ended early").isTrue();
                assertThat(Instant.now())
                        .as("checkpoint %d not reached", position)
                        .isBefore(deadline);
                Thread.sleep(20);
            }
        }

        private List<String> checkpoint(String db) {
            return Fixtures.column(dir.resolve(db), "SELECT position FROM checkpoints WHERE handler = 'orders'");
        }
    }
}
