package dev.eventscope.e2e.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.Evs;
import dev.eventscope.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Faults while writing to PostgreSQL: writers killed with SIGKILL during imports (20 times), the
 * server stopped with {@code pg_ctl stop -m immediate} during an import and started again, and a
 * backend terminated with {@code pg_terminate_backend} during a large append. Each time: a clear
 * message and exit code, nothing partial (the store holds a prefix of the input in file order and
 * verifies), nothing acknowledged lost, and a re-run completes. Kill moments come from a seeded
 * random ({@code -Deventscope.pg.faults.seed=N} repeats a run).
 */
@Isolated("kills processes and stops a server at moments that load from other tests would move")
class PostgresFaultIT {

    static final TestPostgres SERVER = TestPostgres.shared();
    static final int EVENTS = 6_000;
    static final int MORE = 3_000;
    static final int KILLS = Integer.getInteger("eventscope.pg.faults.kills", 20);
    static final long SEED = Long.getLong("eventscope.pg.faults.seed", 20_261_207L);

    @TempDir
    static Path shared;

    static Path input;
    static Path more;
    static Path batch;

    @BeforeAll
    static void writeInput() throws IOException {
        input = shared.resolve("events.ndjson");
        more = shared.resolve("more.ndjson");
        batch = shared.resolve("batch.json");
        Files.writeString(input, lines(EVENTS, new Random(8), ""));
        Files.writeString(more, lines(MORE, new Random(9), ""));
        Files.writeString(batch, "[" + lines(4_000, new Random(10), ",").replaceAll(",\n$", "") + "]");
    }

    static String lines(int events, Random random, String separator) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < events; i++) {
            b.append("{\"eventId\":\"")
                    .append(new UUID(random.nextLong(), random.nextLong()))
                    .append("\",\"eventType\":\"Happened\",\"aggregateType\":\"Thing\",\"aggregateId\":\"t-")
                    .append(random.nextInt(500))
                    .append("\",\"timestamp\":\"2024-01-15T10:30:00Z\",\"payload\":{\"n\":")
                    .append(i)
                    .append(",\"items\":[{\"sku\":\"S-1\",\"qty\":2}]},\"metadata\":{\"correlationId\":\"c-")
                    .append(i / 4)
                    .append("\"}}")
                    .append(separator)
                    .append('\n');
        }
        return b.toString();
    }

    static List<String> fileIds(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int at = line.indexOf("\"eventId\":\"");
            if (at >= 0) {
                ids.add(line.substring(at + 11, at + 47));
            }
        }
        return ids;
    }

    static List<String> storedIds(TestPostgres server, String schema, long afterPosition) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = server.admin(TestPostgres.DATABASE);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT event_id FROM " + schema + ".events WHERE position > "
                        + afterPosition + " ORDER BY position")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    static long count(TestPostgres server, String schema) {
        try (Connection c = server.admin(TestPostgres.DATABASE);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + schema + ".events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    static Evs.Result ok(Evs.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    @Test
    void writers_killed_during_imports_leave_a_prefix_of_the_input_that_verifies_and_a_rerun_completes(
            @TempDir Path dir) throws Exception {
        String schema = TestPostgres.newSchema();
        Evs evs = Evs.in(dir).withEnv("EVENTSCOPE_DB", SERVER.url(schema));
        // the store exists before the first kill: a kill during start-up, before the import created
        // it, would leave no store to look into (the kill moments are times, and start-up is slower
        // on a loaded machine)
        ok(evs.run("init"));
        Random random = new Random(SEED);
        int landed = 0;
        List<String> inputIds = fileIds(input);
        List<String> moreIds = fileIds(more);
        for (int round = 0; round < KILLS; round++) {
            // the first half into an empty store (one atomic transaction), the second half into a
            // store larger than the input (batch by batch)
            boolean batched = round >= KILLS / 2;
            if (batched && count(SERVER, schema) < EVENTS) {
                ok(evs.run("import", input.toString()));
            }
            Path file = batched ? more : input;
            long base = batched ? EVENTS : 0;
            long before = Math.max(0, count(SERVER, schema));
            Process p = evs.start(dir.resolve("out"), dir.resolve("err"), "import", file.toString());
            // killed at a random moment, from start-up to well into the writing
            long waitMs = 200 + random.nextInt(2_500);
            boolean finished = p.waitFor(waitMs, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor();
                landed++;
            }
            long after = count(SERVER, schema);
            List<String> stored = storedIds(SERVER, schema, base);
            List<String> expected = batched ? moreIds : inputIds;
            assertThat(stored)
                    .as("round %d (seed %d): a prefix of the input in file order", round, SEED)
                    .isEqualTo(expected.subList(0, stored.size()));
            if (!batched) {
                assertThat(after).as("round %d: all or nothing", round).isIn(0L, (long) EVENTS);
            }
            assertThat(after).isGreaterThanOrEqualTo(before);
            Evs.Result verify = evs.run("verify");
            assertThat(verify.exitCode()).as(verify.toString()).isZero();
            if (!batched && after == EVENTS && round < KILLS / 2 - 1) {
                // the import finished before the kill: start the next round from an empty store
                schema = TestPostgres.newSchema();
                evs = Evs.in(dir).withEnv("EVENTSCOPE_DB", SERVER.url(schema));
                ok(evs.run("init"));
            }
        }
        // then a re-run completes
        ok(evs.run("import", input.toString()));
        ok(evs.run("import", more.toString()));
        assertThat(storedIds(SERVER, schema, 0)).hasSize(EVENTS + MORE);
        assertThat(storedIds(SERVER, schema, EVENTS)).isEqualTo(moreIds);
        ok(evs.run("verify"));
        System.out.printf(
                "PostgreSQL kills: %d rounds (seed %d), %d killed mid-import, every store verified, re-run complete%n",
                KILLS, SEED, landed);
    }

    @Test
    void a_server_stopped_immediately_during_an_import_and_started_again_keeps_nothing_partial(@TempDir Path dir)
            throws Exception {
        try (TestPostgres server = TestPostgres.start("faults")) {
            String schema = TestPostgres.newSchema();
            Evs evs = Evs.in(dir).withEnv("EVENTSCOPE_DB", server.url(schema));
            ok(evs.run("init"));

            // when: the server stops hard while the import writes
            Process p = evs.start(dir.resolve("out"), dir.resolve("err"), "import", input.toString());
            Thread.sleep(1_500);
            server.stopImmediately();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

            // then: a clear message and exit code (unless the import finished first)
            if (p.exitValue() != 0) {
                assertThat(p.exitValue()).as(read(dir.resolve("err"))).isEqualTo(74);
                assertThat(read(dir.resolve("err")))
                        .startsWith("evs: ")
                        .containsAnyOf("was lost while", "cannot connect to PostgreSQL")
                        .contains("\nhint: ");
            }
            server.restart();
            long after = count(server, schema);
            assertThat(after).isIn(0L, (long) EVENTS);
            ok(evs.run("verify"));

            // and a re-run completes
            ok(evs.run("import", input.toString()));
            ok(evs.run("import", more.toString()));
            assertThat(storedIds(server, schema, 0)).hasSize(EVENTS + MORE);
            ok(evs.run("verify"));
            System.out.printf(
                    "PostgreSQL stop -m immediate during an import: exit %d, %d events after restart, re-run complete%n",
                    p.exitValue(), after);
        }
    }

    @Test
    void a_backend_terminated_during_a_large_append_writes_nothing_and_a_rerun_completes(@TempDir Path dir)
            throws Exception {
        for (int attempt = 1; attempt <= 10; attempt++) {
            String schema = TestPostgres.newSchema();
            Evs evs = Evs.in(dir).withEnv("EVENTSCOPE_DB", SERVER.url(schema));
            ok(evs.run("init"));
            Process p = evs.start(dir.resolve("out"), dir.resolve("err"), "append", "--file", batch.toString());
            boolean terminated = false;
            while (p.isAlive() && !terminated) {
                try (Connection c = SERVER.admin(TestPostgres.DATABASE);
                        Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                + " WHERE application_name = 'eventscope' AND state = 'active' AND query LIKE"
                                + " 'INSERT INTO events%'")) {
                    terminated = rs.next() && rs.getBoolean(1);
                }
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            if (!terminated || p.exitValue() == 0) {
                continue; // the append finished before its backend was seen; try again
            }

            // then: one line, exit 74, nothing of the batch
            assertThat(p.exitValue()).as(read(dir.resolve("err"))).isEqualTo(74);
            assertThat(read(dir.resolve("err")))
                    .startsWith("evs: the connection to PostgreSQL at " + SERVER.host() + ":" + SERVER.port()
                            + " was lost while appending");
            assertThat(count(SERVER, schema)).isZero();
            ok(evs.run("verify"));

            // and the same append again (the same eventIds) completes
            ok(evs.run("append", "--file", batch.toString()));
            assertThat(storedIds(SERVER, schema, 0)).isEqualTo(fileIds(batch));
            ok(evs.run("verify"));
            System.out.printf(
                    "PostgreSQL pg_terminate_backend during a 4000-event append: attempt %d, exit 74,"
                            + " nothing written, re-run complete%n",
                    attempt);
            return;
        }
        throw new AssertionError("in 10 attempts the append always finished before its backend could be terminated");
    }
}
