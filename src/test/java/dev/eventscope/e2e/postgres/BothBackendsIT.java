package dev.eventscope.e2e.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.Evs;
import dev.eventscope.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            List.of("lint"),
            List.of("audit", "order-0007"));

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
    void every_reading_command_prints_the_same_on_sqlite_and_on_a_faithful_postgresql_copy() {
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
        assertThat(differ).isEmpty();
        assertThat(ok(postgres.run("verify", "--expect-head", head)).exitCode()).isZero();
    }

    @Test
    void the_writing_commands_do_the_same_on_both_and_a_copy_back_is_byte_identical() throws Exception {
        List<String> processed = new ArrayList<>();
        List<String> rebuilt = new ArrayList<>();
        List<String> migratedHeads = new ArrayList<>();
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
        }
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
}
