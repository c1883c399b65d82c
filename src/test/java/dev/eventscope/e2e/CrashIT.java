package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import dev.eventscope.verify.StoreVerifier;
import dev.eventscope.verify.VerifyReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * An import killed with SIGKILL at random moments, run again after every kill: every event of the
 * file ends up stored exactly once, in file order, and the store is a prefix of the file after each
 * kill (whole batches only), with an intact hash chain.
 *
 * <p>Moments are random but reproducible: the seed is printed in every failure message and can be
 * set with {@code -Deventscope.crash.seed=N}. Kills alternate between a random delay after start
 * (often during start-up or validation) and a random delay after the first batch of the run has
 * been committed (mid-write); when a run completes before its kill, the next kills go to a fresh
 * store, so the number of kills does not depend on the speed of the machine.
 */
@Isolated("kills processes at random moments; runs alone so other tests' processes do not crowd it")
class CrashIT {

    private static final int EVENTS = 30_000;
    /** Kills per run of the suite; more with -Deventscope.append.kills=N. */
    private static final int KILLS = Integer.getInteger("eventscope.append.kills", 6);

    private static final int MAX_RUNS = 60;

    @TempDir
    Path dir;

    @Test
    void an_import_killed_at_random_moments_and_run_again_stores_every_event_exactly_once() throws Exception {
        // given
        long seed = Long.getLong("eventscope.crash.seed", System.nanoTime());
        String context = "seed " + seed + " (rerun with -Deventscope.crash.seed=" + seed + ")";
        Random random = new Random(seed);
        Path input = dir.resolve("events.ndjson");
        List<String> ids = writeEvents(input, random);
        Evs evs = Evs.in(dir);
        int store = 1;
        Path db = dir.resolve("store-1.db");
        int kills = 0;
        int runs = 0;
        List<String> log = new ArrayList<>();

        // when: import, kill at a random moment, check, run again
        while (kills < KILLS) {
            assertThat(++runs)
                    .as("runs needed for %d kills; %s; %s", KILLS, context, log)
                    .isLessThanOrEqualTo(MAX_RUNS);
            long before = storedCount(db);
            Path stderr = dir.resolve("run-" + runs + ".err");
            Process importer =
                    evs.start(null, stderr, "--db", db.getFileName().toString(), "-q", "import", "events.ndjson");
            boolean midWrite = random.nextInt(3) > 0;
            long delayMillis = midWrite ? random.nextInt(300) : random.nextInt(1_500);
            boolean killed = killAfter(importer, db, before, midWrite, delayMillis);
            int exit = importer.exitValue();
            long after = storedCount(db);
            log.add(String.format(
                    "run %d store %d %s+%dms: %s, %d -> %d events",
                    runs,
                    store,
                    midWrite ? "first-commit" : "start",
                    delayMillis,
                    killed ? "killed" : "exit " + exit,
                    before,
                    after));

            // then: after every run the store is a clean prefix of the file
            if (!killed) {
                assertThat(exit)
                        .as("%s; %s; stderr: %s", context, log, Files.readString(stderr))
                        .isZero();
            } else {
                kills++;
            }
            assertThat(after).as("%s; %s", context, log).isGreaterThanOrEqualTo(before);
            assertPrefixOfFile(db, ids, context + "; " + log);
            if (after == EVENTS) {
                db = dir.resolve("store-" + (++store) + ".db");
            }
        }

        // and: a final full import completes the last store
        Evs.Result last = evs.run("--db", db.getFileName().toString(), "import", "events.ndjson");
        assertThat(last.exitCode()).as("%s; %s; %s", context, log, last).isZero();
        assertThat(column(db, "SELECT event_id FROM events ORDER BY position"))
                .as(context)
                .hasSize(EVENTS)
                .isEqualTo(ids);
        assertThat(new HashSet<>(column(db, "SELECT event_id FROM events"))).hasSize(EVENTS);
        Evs.Result verify = evs.run("--db", db.getFileName().toString(), "verify");
        assertThat(verify.exitCode()).as("%s; %s", context, verify).isZero();
        assertThat(verify.stdout()).startsWith("ok: " + EVENTS + " events, hash chain intact");
        // for whoever reads the test output: what was killed when
        System.out.println(context + "\n" + String.join("\n", log));
    }

    /**
     * Kills the importer {@code delayMillis} after it started, or after the first batch it commits
     * when {@code afterFirstCommit}. Returns false when it finished on its own first.
     */
    private boolean killAfter(Process importer, Path db, long before, boolean afterFirstCommit, long delayMillis)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        if (afterFirstCommit) {
            while (importer.isAlive() && storedCount(db) <= before) {
                if (Instant.now().isAfter(deadline)) {
                    importer.destroyForcibly();
                    throw new AssertionError("the importer wrote nothing in 120 s");
                }
                Thread.sleep(5);
            }
        }
        boolean finished = importer.waitFor(delayMillis, TimeUnit.MILLISECONDS);
        if (!finished) {
            importer.destroyForcibly();
        }
        assertThat(importer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return !finished;
    }

    /** Positions are 1..n without gaps, the ids are the file's first n, and the chain verifies. */
    private void assertPrefixOfFile(Path db, List<String> ids, String context) {
        if (!Files.exists(db)) {
            return;
        }
        List<String> positions = column(db, "SELECT position FROM events ORDER BY position");
        List<String> stored = column(db, "SELECT event_id FROM events ORDER BY position");
        for (int i = 0; i < positions.size(); i++) {
            assertThat(positions.get(i))
                    .as("position of the %dth event; %s", i + 1, context)
                    .isEqualTo(Integer.toString(i + 1));
        }
        assertThat(stored).as(context).isEqualTo(ids.subList(0, stored.size()));
        if (!stored.isEmpty()) {
            try (SqliteEventStore store = SqliteEventStore.open(new StoreOptions(
                    StoreLocator.file(db), StoreOptions.Access.READ, StoreOptions.DEFAULT_BUSY_TIMEOUT))) {
                VerifyReport report = new StoreVerifier(store).verify(false, null);
                assertThat(report.problems()).as(context).isEmpty();
            }
        }
    }

    /** Stored events, or 0 while the store does not exist or has no schema yet. */
    private static long storedCount(Path db) {
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection c = Fixtures.jdbc(db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
            return rs.getLong(1);
        } catch (SQLException e) {
            // being created right now: no table yet
            return 0;
        }
    }

    private static List<String> column(Path db, String sql) {
        return Files.exists(db) && storedCount(db) > 0 ? Fixtures.column(db, sql) : List.of();
    }

    /** Writes {@link #EVENTS} events with ids from {@code random}; returns the ids in file order. */
    private static List<String> writeEvents(Path file, Random random) throws IOException {
        List<String> ids = new ArrayList<>(EVENTS);
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < EVENTS; i++) {
                String id = new UUID(
                                (random.nextLong() & ~0xF000L) | 0x4000L,
                                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                        .toString();
                ids.add(id);
                t = t.plusMillis(1 + random.nextInt(60_000));
                out.write("{\"eventId\":\"" + id + "\",\"eventType\":\"Deposited\",\"aggregateType\":\"Account\","
                        + "\"aggregateId\":\"acct-" + random.nextInt(100) + "\",\"timestamp\":\"" + t + "\","
                        + "\"payload\":{\"amount\":" + random.nextInt(10_000) + ".25,\"n\":" + i + "},"
                        + "\"metadata\":{\"correlationId\":\"run-" + (i / 100) + "\"}}\n");
            }
        }
        return ids;
    }
}
