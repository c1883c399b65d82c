package dev.eventscope.e2e.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.e2e.Evs;
import dev.eventscope.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands on both backends: the orders sample in a SQLite file, copied faithfully
 * into a PostgreSQL schema, answers every reading command with the same output on both; the
 * writing commands do the same on both; and the log copied back into a file is the PostgreSQL
 * log, byte for byte.
 */
class BothBackendsIT {

    static final TestPostgres SERVER = TestPostgres.shared();

    /** The README's reading commands (the tour, tracing, time travel, lint, audit, upcast check). */
    static final List<List<String>> READING = List.of(
            List.of("streams", "--aggregate-type", "Order", "--limit", "5"),
            List.of("streams", "-o", "json"),
            List.of("events", "--type", "PaymentFailed", "-o", "ndjson"),
            List.of("events", "--correlation-id", "req-852ff24c"),
            List.of("events", "--aggregate-id", "order-0007", "-o", "json"),
            List.of("events", "--where", ".payload.amount > 500"),
            List.of("events", "--since", "2024-01-20T00:00:00Z", "--limit", "7", "-o", "csv"),
            List.of("show", "28"),
            List.of("export"),
            List.of("head"),
            List.of("verify"),
            List.of("trace", "req-8186caa3"),
            List.of("trace", "33", "--up"),
            List.of("trace", "2", "--down"),
            List.of("trace", "e5397f62-d39d-4e18-b6c6-2a2147ce4661"),
            List.of("trace", "28", "--follow-causation"),
            List.of("trace", "req-5c2102a9", "-o", "mermaid"),
            List.of("trace", "--summary", "--all", "--limit", "5"),
            List.of("state", "order-0007"),
            List.of("state", "order-0007", "--at", "2024-01-16T00:00:00Z"),
            List.of("state", "order-0007", "--trace-state"),
            List.of("replay", "--aggregate-type", "Order", "--at", "2024-01-20T00:00:00Z", "-o", "ndjson"),
            List.of("diff", "order-0007", "--from", "version:1", "--to", "latest"),
            List.of("bisect", "order-0007", "--when", "$state.status == \"SHIPPED\""),
            List.of("bisect", "--all", "--aggregate-type", "Order", "--when", "$state.total > 500"),
            List.of("whatif", "pay-0013", "--drop", "688c2fb9-497a-4b46-8bac-0b5c64d7341f"),
            List.of("upcast", "check"),
            List.of("upcast", "show", "28"),
            List.of(
                    "test",
                    Evs.baseDir().resolve("samples/orders/specs/order.yaml").toString(),
                    Evs.baseDir().resolve("samples/orders/specs/payment.yaml").toString()),
            List.of("lint"),
            List.of("audit", "order-0007"),
            List.of("dlq", "list"),
            List.of("snapshot", "list"),
            List.of("snapshot", "verify", "--all"),
            List.of("query", "select 1 as one"),
            List.of("bisect", "order-0007", "--when", "$state.status == \"NEVER\""));

    /**
     * Commands that fail, each for another reason: the same exit code and the same message on both
     * (the store's name aside).
     */
    static final List<List<String>> FAILING = List.of(
            List.of("show", "99999"),
            List.of("show", "00000000-0000-0000-0000-000000000000"),
            List.of("events", "--where", ".payload.amount >"),
            List.of("events", "--type", "PaymentFailed", "--since", "yesterday-ish"),
            List.of("verify", "--expect-head", "17:00ff"),
            List.of("state", "no-such-order"),
            List.of("diff", "order-0007", "--from", "version:99", "--to", "latest"),
            List.of("trace", "no-such-correlation"),
            List.of("upcast", "show", "99999"),
            List.of("dlq", "show", "1"),
            List.of("query", "delete from events"),
            List.of("project", "rebuild", "no-such-projection"));

    @TempDir
    Path dir;

    String file;
    String url;

    @BeforeEach
    void stores() {
        file = dir.resolve("orders.db").toString();
        url = SERVER.url(TestPostgres.newSchema());
    }

    Evs evs(String db) {
        return Evs.in(dir)
                .withEnv("EVENTSCOPE_DB", db)
                .withEnv(
                        "EVENTSCOPE_MODEL",
                        Evs.baseDir().resolve("samples/orders/eventscope.yaml").toString())
                .withEnv("NOTIFY_OUTBOX", dir.resolve("outbox.log").toString());
    }

    static Evs.Result ok(Evs.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    String sample() {
        return Evs.baseDir().resolve("samples/orders/events.ndjson").toString();
    }

    @Test
    void every_reading_command_prints_the_same_on_sqlite_and_on_a_faithful_postgresql_copy() throws Exception {
        // given
        Evs sqlite = evs(file);
        Evs postgres = evs(url);
        ok(sqlite.run("import", sample()));

        // when
        Evs.Result copy = ok(sqlite.run("copy", "--to", url));

        // then
        String head = ok(sqlite.run("head")).stdout().strip();
        assertThat(copy.stdout())
                .isEqualTo("copied 418 events (positions 1-418) from " + file + " to " + url + "; head " + head + "\n");
        List<String> differ = new ArrayList<>();
        for (List<String> command : READING) {
            Evs.Result a = sqlite.run(command.toArray(String[]::new));
            Evs.Result b = postgres.run(command.toArray(String[]::new));
            assertThat(a.exitCode()).as(String.join(" ", command) + "\n" + a).isIn(0, 1);
            if (a.exitCode() != b.exitCode() || !a.stdout().equals(b.stdout())) {
                differ.add(String.join(" ", command) + "\n--- sqlite\n" + a + "\n--- postgresql\n" + b);
            }
        }
        for (List<String> command : FAILING) {
            Evs.Result a = sqlite.run(command.toArray(String[]::new));
            Evs.Result b = postgres.run(command.toArray(String[]::new));
            assertThat(a.exitCode()).as(String.join(" ", command) + "\n" + a).isNotIn(0, 70);
            if (a.exitCode() != b.exitCode()
                    || !a.stdout().equals(b.stdout())
                    || !a.stderr().replace(file, "DB").equals(b.stderr().replace(url, "DB"))) {
                differ.add(String.join(" ", command) + "\n--- sqlite\n" + a + "\n--- postgresql\n" + b);
            }
        }
        assertThat(differ).isEmpty();
        assertThat(ok(postgres.run("verify", "--expect-head", head)).exitCode()).isZero();
        // the audit report: the same after its title (the store's name) and the moment it was made
        List<String> report = List.of("audit", "report", "-", "-o", "md", "--aggregate", "order-0007");
        List<String> fromSqlite = ok(sqlite.run(report.toArray(String[]::new))).stdoutLines();
        List<String> fromPostgres =
                ok(postgres.run(report.toArray(String[]::new))).stdoutLines();
        assertThat(fromPostgres.get(0)).startsWith("# Audit report: ").doesNotContain("password");
        assertThat(fromPostgres.subList(3, fromPostgres.size()))
                .isEqualTo(fromSqlite.subList(3, fromSqlite.size()))
                .contains("### Order/order-0007");
        // stats: the same figures; only the moment asked, the rates up to it and the storage differ
        assertThat(stats(ok(postgres.run("stats", "-o", "json")).stdout()))
                .isEqualTo(stats(ok(sqlite.run("stats", "-o", "json")).stdout()));
        assertThat(ok(postgres.run("stats", "-o", "json")).stdout())
                .contains("\"url\" : \"" + url + "\"")
                .doesNotContain("password");
    }

    /** A {@code stats -o json} document without what depends on the moment and on the backend. */
    static JsonNode stats(String json) throws Exception {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(json);
        node.remove(List.of("at", "rates", "storage"));
        assertThat(node.path("totals").path("events").asLong()).isPositive();
        return node;
    }

    @Test
    void the_writing_commands_do_the_same_on_both_and_a_copy_back_is_byte_identical() throws Exception {
        List<String> processed = new ArrayList<>();
        List<String> rebuilt = new ArrayList<>();
        List<String> migratedHeads = new ArrayList<>();
        List<String> sagas = new ArrayList<>();
        for (String db : List.of(file, url)) {
            Evs evs = evs(db);
            ok(evs.run("init"));
            ok(evs.run("import", sample()));
            Evs.Result append = ok(evs.run(
                    "append",
                    "--type",
                    "OrderShipped",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-0007",
                    "--payload",
                    "{\"carrier\":\"DHL\"}",
                    "--expected-version",
                    "2"));
            assertThat(append.stdout()).as(db).contains("419");
            Evs.Result conflict = evs.run(
                    "append",
                    "--type",
                    "OrderShipped",
                    "--aggregate-type",
                    "Order",
                    "--aggregate-id",
                    "order-0007",
                    "--expected-version",
                    "2");
            assertThat(conflict.exitCode()).as(db).isEqualTo(3);
            assertThat(conflict.stderr())
                    .as(db)
                    .startsWith("evs: wrong expected version 2 for Order/order-0007 (current 3)\n");
            processed.add(ok(evs.run("process", "orders")).stdout());
            assertThat(ok(evs.run(
                                    "query",
                                    "select status, count(*) as orders, round(sum(total),2) as total from rm_orders"
                                            + " group by status order by status"))
                            .stdout())
                    .as(db)
                    .contains("SHIPPED");
            Evs.Result compensate = ok(evs.run("process", "compensate"));
            assertThat(compensate.stdout()).as(db).endsWith(", 10 events appended\n");
            ok(evs.run("snapshot", "create", "order-0007"));
            assertThat(ok(evs.run("snapshot", "list", "order-0007")).stdoutLines())
                    .as(db)
                    .hasSize(2);
            ok(evs.run("dlq", "list"));
            rebuilt.add(ok(evs.run("project", "rebuild", "orders")).stdout());
            assertThat(ok(evs.run("snapshot", "verify", "--all")).exitCode()).isZero();
            Path migrated = dir.resolve("migrated-" + rebuilt.size() + ".db");
            Evs.Result migrate = ok(evs.run("upcast", "migrate", "--to", migrated.toString()));
            assertThat(migrate.stdout()).as(db).contains("into " + migrated);
            migratedHeads.add(
                    migrate.stdout().replace(migrated.toString(), "NEW.db").replaceAll("head .*", ""));
            ok(evs.run("verify"));
            // the orders saga (ADR 0183): its instances, deadlines and dead-letter links in the store
            sagas.add(ok(evs.run("process", "fulfilment")).stdout()
                    + ok(evs.run("saga", "list", "fulfilment", "--stuck", "--at", "2024-01-22T12:00:00Z"))
                            .stdout());
        }
        assertThat(sagas.get(0)).contains("fulfilment (saga): ", " stuck ");
        assertThat(sagas.get(1)).isEqualTo(sagas.get(0));
        assertThat(rebuilt.get(1)).isEqualTo(rebuilt.get(0));
        assertThat(migratedHeads.get(1)).isEqualTo(migratedHeads.get(0));
        // both processed the same, and answer the read models the same
        assertThat(processed.get(1)).isEqualTo(processed.get(0));
        String query = "select id, status, total from rm_orders order by id";
        assertThat(ok(evs(url).run("query", query)).stdout())
                .isEqualTo(ok(evs(file).run("query", query)).stdout());

        // a migration of the SQLite store into a PostgreSQL schema is the migration into a file
        String migratedUrl = SERVER.url(TestPostgres.newSchema());
        Path migratedFile = dir.resolve("migrated-file.db");
        ok(evs(file).run("upcast", "migrate", "--to", migratedFile.toString()));
        Evs.Result intoUrl = ok(evs(file).run("upcast", "migrate", "--to", migratedUrl));
        assertThat(intoUrl.stdout()).contains("into " + migratedUrl);
        assertThat(ok(evs(migratedUrl).run("export")).stdout())
                .isEqualTo(ok(evs(migratedFile.toString()).run("export")).stdout());
        ok(evs(migratedUrl).run("verify"));
        Evs.Result again = evs(file).run("upcast", "migrate", "--to", migratedUrl);
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);

        // the PostgreSQL log copied into a new file is the same log
        Path back = dir.resolve("back.db");
        ok(evs(url).run("copy", "--to", back.toString()));
        assertThat(ok(evs(back.toString()).run("export")).stdout())
                .isEqualTo(ok(evs(url).run("export")).stdout());
        assertThat(ok(evs(back.toString()).run("head")).stdout())
                .isEqualTo(ok(evs(url).run("head")).stdout());
        assertThat(Files.size(back)).isPositive();
    }

    /** The orders sample in SQLite and its faithful copy in PostgreSQL: the same log in both. */
    void theSameLogInBoth() {
        ok(evs(file).run("import", sample()));
        ok(evs(file).run("copy", "--to", url));
    }

    /**
     * What differs between two runs of the same command on the same log and is not an answer: the
     * moments they ran at (the sample's own times are from 2024), how long they took, and heads past the sample's 418
     * events, which cover the record times of events appended in each run.
     */
    static String normal(String text) {
        String times = text.replaceAll("20(?!24)\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z", "TIME")
                .replaceAll("\\b\\d+(\\.\\d+)? m?s\\b", "DURATION");
        return Pattern.compile("\\b(\\d+):([0-9a-f]{64})\\b")
                .matcher(times)
                .replaceAll(m -> Long.parseLong(m.group(1)) > 418 ? m.group(1) + ":HASH" : m.group());
    }

    /** A command's exit code and output, for comparing transcripts. */
    static String transcript(List<String> command, Evs.Result r, String db) {
        return "$ evs " + String.join(" ", command) + "\n" + normal(r.stdout())
                + normal(r.stderr().replace(db, "DB")) + "exit " + r.exitCode() + "\n";
    }

    @Test
    void dead_letters_snapshots_and_migrations_do_the_same_on_both() throws Exception {
        // given: the sample beside a model without its upcaster, so the exec handler fails on v1 orders
        theSameLogInBoth();
        Path orders = dir.resolve("orders");
        Path sampleDir = Evs.baseDir().resolve("samples/orders");
        try (Stream<Path> files = Files.walk(sampleDir)) {
            for (Path f : files.toList()) {
                Path to = orders.resolve(sampleDir.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        String model = Files.readString(sampleDir.resolve("eventscope.yaml"));
        Files.writeString(orders.resolve("no-upcast.yaml"), model.replaceAll("(?ms)^upcasters:.*?\\n\\n", ""));
        List<List<String>> commands = List.of(
                List.of("--model", orders.resolve("no-upcast.yaml").toString(), "process", "notify"),
                List.of("dlq", "list"),
                List.of("dlq", "list", "--handler", "notify", "-o", "json"),
                List.of("dlq", "show", "1"),
                List.of("dlq", "skip", "2", "--reason", "confirmed by phone"),
                List.of("dlq", "skip", "2", "--reason", "again"),
                List.of("dlq", "retry", "--all"),
                List.of("dlq", "list"),
                List.of("snapshot", "create", "order-0007", "--position", "40"),
                List.of("snapshot", "create", "--aggregate-type", "Order"),
                List.of("snapshot", "create", "--all", "--aggregate-type", "Order"),
                List.of("snapshot", "prune", "--keep", "1", "--dry-run"),
                List.of("snapshot", "prune", "--keep", "1"),
                List.of("snapshot", "verify", "--all"),
                List.of("state", "order-0007", "--explain"),
                List.of("upcast", "migrate", "--to", "MIGRATED_URL", "--dry-run"),
                List.of("upcast", "migrate", "--to", "MIGRATED_URL"),
                List.of("upcast", "migrate", "--to", "MIGRATED_URL"),
                List.of("upcast", "migrate", "--to", "MIGRATED_FILE"),
                List.of("upcast", "migrate", "--to", "MIGRATED_FILE"));
        // what each must exit with (a skipped letter is resolved: skipping it again is refused; a
        // migration never writes into a store that exists)
        List<Integer> exits = List.of(0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 2, 0, 2);
        List<String> transcripts = new ArrayList<>();
        List<String> migrated = new ArrayList<>();
        for (String db : List.of(file, url)) {
            Evs evs = Evs.in(dir)
                    .withEnv("EVENTSCOPE_DB", db)
                    .withEnv(
                            "EVENTSCOPE_MODEL",
                            orders.resolve("eventscope.yaml").toString())
                    .withEnv(
                            "NOTIFY_OUTBOX",
                            dir.resolve("outbox-" + transcripts.size() + ".log").toString());
            // each migrates into a new schema and into a new file
            String name = db.equals(file) ? "sqlite" : "postgresql";
            String intoUrl = SERVER.url(TestPostgres.newSchema());
            String intoFile = dir.resolve("migrated-from-" + name + ".db").toString();
            StringBuilder t = new StringBuilder();
            for (int i = 0; i < commands.size(); i++) {
                List<String> args = commands.get(i).stream()
                        .map(a -> a.equals("MIGRATED_URL") ? intoUrl : a.equals("MIGRATED_FILE") ? intoFile : a)
                        .toList();
                Evs.Result r = evs.run(args.toArray(String[]::new));
                assertThat(r.exitCode()).as(args + "\n" + r).isEqualTo(exits.get(i));
                t.append(transcript(commands.get(i), r, db)
                        .replace(intoUrl, "MIGRATED_URL")
                        .replace(intoFile, "MIGRATED_FILE"));
            }
            transcripts.add(t.toString());
            for (String into : List.of(intoUrl, intoFile)) {
                migrated.add(ok(evs(into).run("export")).stdout());
                ok(evs(into).run("verify"));
            }
        }
        assertThat(transcripts.get(1)).isEqualTo(transcripts.get(0));
        assertThat(transcripts.get(0))
                .contains("32 dead-lettered")
                .contains("is skipped already")
                .contains("pruned 1 snapshot; 80 kept")
                .contains("migrated 418 events into MIGRATED_URL")
                .contains("migrated 418 events into MIGRATED_FILE");
        // the four migrations (SQLite and PostgreSQL, each into a schema and a file) hold the same log
        assertThat(migrated).hasSize(4).allMatch(m -> m.equals(migrated.get(0)));
        assertThat(migrated.get(0)).contains("\"totalAmount\"");
    }

    @Test
    void the_shell_runs_the_same_lines_with_the_same_answers_and_exit_code_on_both() {
        // given
        theSameLogInBoth();
        String script = String.join(
                "\n",
                "head",
                "streams --limit 3",
                "state order-0007",
                "append --type OrderShipped --aggregate-type Order --aggregate-id order-0007"
                        + " --event-id 6c3f3d52-6a43-4c1e-9a51-2d1f0b7c5e01 --payload '{\"carrier\":\"DHL\"}'"
                        + " --expected-version 2",
                "state order-0007",
                "events --aggregate-id order-0007 --fields position,eventId,eventType,streamVersion -o csv",
                "verify",
                "append --type OrderShipped --aggregate-type Order --aggregate-id order-0007 --expected-version 2",
                "head");
        List<String> transcripts = new ArrayList<>();
        for (String db : List.of(file, url)) {
            // when
            Evs.Result r = evs(db).runWithInput(script + "\n", "shell");
            transcripts.add(transcript(List.of("shell"), r, db));
        }

        // then: the conflicting append ends the script with exit 3 on both
        assertThat(transcripts.get(1)).isEqualTo(transcripts.get(0));
        assertThat(transcripts.get(0))
                .contains("6c3f3d52-6a43-4c1e-9a51-2d1f0b7c5e01")
                .contains("wrong expected version 2")
                .endsWith("exit 3\n");
    }

    @Test
    void events_follow_and_process_follow_see_other_processes_appends_the_same_on_both() throws Exception {
        // given
        theSameLogInBoth();
        List<String> printed = new ArrayList<>();
        List<String> modelled = new ArrayList<>();
        List<Integer> exits = new ArrayList<>();
        for (String db : List.of(file, url)) {
            Evs evs = evs(db);
            String name = db.equals(file) ? "sqlite" : "postgresql";
            Path out = dir.resolve(name + "-follow.out");
            Path processed = dir.resolve(name + "-process.out");
            ok(evs.run("process", "orders"));
            Process follower = evs.start(
                    out,
                    dir.resolve(name + "-follow.err"),
                    "events",
                    "--follow",
                    "--from-position",
                    "418",
                    "--fields",
                    "position,eventId,eventType,aggregateId,streamVersion",
                    "-o",
                    "csv");
            Process processor =
                    evs.start(processed, dir.resolve(name + "-process.err"), "process", "orders", "--follow", "-q");
            try {
                awaitLines(out, 2, follower);

                // when: other processes append
                for (int i = 1; i <= 3; i++) {
                    ok(evs.run(
                            "append",
                            "--type",
                            "OrderCancelled",
                            "--aggregate-type",
                            "Order",
                            "--aggregate-id",
                            "order-000" + i,
                            "--event-id",
                            "6c3f3d52-6a43-4c1e-9a51-2d1f0b7c5e1" + i,
                            "--payload",
                            "{\"reason\":\"test\"}"));
                }

                // then: the follower printed each once, in order; the processor deleted their rows
                printed.add(String.join("\n", awaitLines(out, 5, follower)));
                String query =
                        "select count(*) as left from rm_orders where id in ('order-0001','order-0002','order-0003')";
                String seen = "";
                for (int i = 0; i < 3_000 && !seen.equals("left\n0\n"); i++) {
                    assertThat(processor.isAlive())
                            .as(Files.readString(dir.resolve(name + "-process.err")))
                            .isTrue();
                    seen = ok(evs.run("query", query)).stdout();
                    Thread.sleep(20);
                }
                modelled.add(ok(evs.run("query", "select id, status, total from rm_orders order by id"))
                        .stdout());
                assertThat(seen).as(name).isEqualTo("left\n0\n");
            } finally {
                follower.destroy();
                processor.destroy();
                assertThat(follower.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(processor.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            exits.add(follower.exitValue());
            exits.add(processor.exitValue());
        }
        assertThat(printed.get(1)).isEqualTo(printed.get(0));
        assertThat(printed.get(0).lines())
                .hasSize(5)
                .last()
                .asString()
                .startsWith("421,6c3f3d52-6a43-4c1e-9a51-2d1f0b7c5e13,");
        assertThat(modelled.get(1)).isEqualTo(modelled.get(0));
        assertThat(exits.subList(2, 4)).isEqualTo(exits.subList(0, 2));
    }

    /** Waits for {@code n} lines from a running process, failing when it ends first or takes a minute. */
    static List<String> awaitLines(Path file, int n, Process p) throws Exception {
        for (int i = 0; i < 3_000; i++) {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (lines.size() >= n) {
                return lines;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the follower ended (exit " + p.exitValue() + ") after " + lines);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + n + " lines in " + file + ": " + Files.readAllLines(file));
    }
}
