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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * An import killed with SIGKILL at random moments, run again after every kill: every event of the
 * file ends up stored exactly once, in file order, and after each kill the store holds what it held
 * before plus a prefix of the file (nothing for an atomic import, whole batches for a batched one),
 * with an intact hash chain.
 *
 * <p>Both ways an import writes are killed: into a new store (one atomic transaction) and into a
 * store much larger than the input (checked first, then written in batches). Kills come a random
 * delay after the start (often during start-up or validation) or, for the batched import, after
 * its first commit (mid-write); the delays are drawn below a bound measured on this machine by an
 * uninterrupted run ({@link KillWindow}). Moments are random but reproducible: the seed is
 * printed in every failure message and can be set with {@code -Deventscope.crash.seed=N}.
 */
@Isolated("kills processes at random moments; runs alone so other tests' processes do not crowd it")
class CrashIT {

    private static final int EVENTS = 30_000;
    /** Events already in the large store: its file is well over 4 times the input's size. */
    private static final int SEED_EVENTS = 150_000;
    /** Kills of each kind of import per run of the suite; more with -Deventscope.append.kills=N. */
    private static final int KILLS = Integer.getInteger("eventscope.append.kills", 3);

    private static final int MAX_RUNS = 40;

    /** The two ways an import writes. */
    private enum Kind {
        /** Into a new store: one atomic transaction. */
        NEW,
        /** Into a store much larger than the input: checked first, then batches. */
        LARGE
    }

    /** What a kill is timed from. */
    private enum Mode {
        START,
        FIRST_COMMIT
    }

    @TempDir
    Path dir;

    @Test
    void an_import_killed_at_random_moments_and_run_again_stores_every_event_exactly_once() throws Exception {
        // given: the input, a large store to copy, and kill windows measured by uninterrupted runs
        long seed = Long.getLong("eventscope.crash.seed", System.nanoTime());
        String context = "seed " + seed + " (rerun with -Deventscope.crash.seed=" + seed + ")";
        Random random = new Random(seed);
        List<String> ids = writeEvents(dir.resolve("events.ndjson"), random, EVENTS, "acct-");
        List<String> seedIds = writeEvents(dir.resolve("seed.ndjson"), random, SEED_EVENTS, "old-");
        Evs evs = Evs.in(dir);
        assertThat(evs.run("--db", "template.db", "-q", "import", "seed.ndjson").exitCode())
                .isZero();
        Map<Kind, List<String>> before = new EnumMap<>(Map.of(Kind.NEW, List.of(), Kind.LARGE, seedIds));
        Map<String, KillWindow> windows = calibrate(evs, context);

        // when: import, kill at a random moment, check, run again; a complete store makes way for a
        // new one of the kind that still needs kills
        Map<Kind, Integer> kills = new EnumMap<>(Map.of(Kind.NEW, 0, Kind.LARGE, 0));
        List<String> log = new ArrayList<>();
        int store = 0;
        Kind kind = null;
        Path db = null;
        int runs = 0;
        while (kills.get(Kind.NEW) < KILLS || kills.get(Kind.LARGE) < KILLS) {
            if (db == null) {
                kind = kills.get(Kind.NEW) <= kills.get(Kind.LARGE) ? Kind.NEW : Kind.LARGE;
                db = newStore(kind, ++store);
            }
            assertThat(++runs)
                    .as("runs needed for %d kills of each kind; %s; %s", KILLS, context, log)
                    .isLessThanOrEqualTo(MAX_RUNS);
            long stored = storedCount(db);
            Mode mode = kind == Kind.LARGE && random.nextInt(3) > 0 ? Mode.FIRST_COMMIT : Mode.START;
            KillWindow window = windows.get(kind + "/" + mode);
            // a store whose kind has had its kills is run to completion, to go on to the other kind
            boolean kill = kills.get(kind) < KILLS;
            long delay = kill ? window.next(random) : TimeUnit.SECONDS.toMillis(120);
            Path stderr = dir.resolve("run-" + runs + ".err");
            Process importer =
                    evs.start(null, stderr, "--db", db.getFileName().toString(), "-q", "import", "events.ndjson");
            Outcome outcome = killAfter(importer, db, stored, mode, delay);
            long after = storedCount(db);
            log.add(String.format(
                    "run %d store %d (%s) %s: %s, %d -> %d events",
                    runs,
                    store,
                    kind,
                    kill ? mode + "+" + delay + "ms of " + window.boundMillis() + "ms" : "to completion",
                    outcome.killed ? "killed" : "exit " + importer.exitValue(),
                    stored,
                    after));

            // then: after every run the store is what it held plus a clean prefix of the file
            if (outcome.killed) {
                kills.merge(kind, 1, Integer::sum);
            } else {
                assertThat(importer.exitValue())
                        .as("%s; %s; stderr: %s", context, log, Files.readString(stderr))
                        .isZero();
                if (kill) {
                    window.finishedAfter(outcome.elapsedMillis);
                }
            }
            assertThat(after).as("%s; %s", context, log).isGreaterThanOrEqualTo(stored);
            assertPrefixOfFile(db, before.get(kind), ids, context + "; " + log);
            if (after == before.get(kind).size() + EVENTS) {
                db = null;
            }
        }

        // and: a final full import completes the last store
        Path last = db != null ? db : newStore(kind, ++store);
        List<String> expected = new ArrayList<>(before.get(kind));
        expected.addAll(ids);
        Evs.Result done = evs.run("--db", last.getFileName().toString(), "import", "events.ndjson");
        assertThat(done.exitCode()).as("%s; %s; %s", context, log, done).isZero();
        assertThat(column(last, "SELECT event_id FROM events ORDER BY position"))
                .as(context)
                .isEqualTo(expected);
        assertThat(new HashSet<>(column(last, "SELECT event_id FROM events"))).hasSize(expected.size());
        Evs.Result verify = evs.run("--db", last.getFileName().toString(), "verify");
        assertThat(verify.exitCode()).as("%s; %s", context, verify).isZero();
        assertThat(verify.stdout()).startsWith("ok: " + expected.size() + " events, hash chain intact");
        // for whoever reads the test output: what was killed when
        System.out.println(context + "\n" + String.join("\n", log));
    }

    /**
     * One uninterrupted import of each kind, timed from the start and (batched) from the first
     * commit; also shows that the large store's import really commits in batches.
     */
    private Map<String, KillWindow> calibrate(Evs evs, String context) throws Exception {
        Map<String, KillWindow> windows = new HashMap<>();
        for (Kind kind : Kind.values()) {
            Path db = newStore(kind, 0);
            long stored = storedCount(db);
            long start = System.nanoTime();
            Process importer = evs.start(
                    null,
                    dir.resolve("calibrate.err"),
                    "--db",
                    db.getFileName().toString(),
                    "-q",
                    "import",
                    "events.ndjson");
            long firstCommit = -1;
            boolean partialSeen = false;
            while (importer.isAlive()) {
                long count = storedCount(db);
                if (count > stored && firstCommit < 0) {
                    firstCommit = System.nanoTime();
                }
                partialSeen |= count > stored && count < stored + EVENTS;
                Thread.sleep(2);
            }
            long end = System.nanoTime();
            assertThat(importer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(importer.exitValue())
                    .as("%s; calibration of %s: %s", context, kind, Files.readString(dir.resolve("calibrate.err")))
                    .isZero();
            assertThat(storedCount(db)).isEqualTo(stored + EVENTS);
            windows.put(kind + "/" + Mode.START, KillWindow.calibrated(millis(end - start)));
            if (kind == Kind.LARGE) {
                assertThat(partialSeen)
                        .as(
                                "the import into a store %d times the input's events commits in batches; %s",
                                SEED_EVENTS / EVENTS, context)
                        .isTrue();
                windows.put(kind + "/" + Mode.FIRST_COMMIT, KillWindow.calibrated(millis(end - firstCommit)));
            }
        }
        return windows;
    }

    /** A store for the next runs: absent (NEW), or a copy of the large template (LARGE). */
    private Path newStore(Kind kind, int n) throws IOException {
        Path db = dir.resolve("store-" + n + "-" + kind.name().toLowerCase(Locale.ROOT) + ".db");
        if (kind == Kind.LARGE) {
            Files.copy(dir.resolve("template.db"), db);
        }
        return db;
    }

    private record Outcome(boolean killed, long elapsedMillis) {}

    /**
     * Kills the importer {@code delayMillis} after it started, or after the first batch it commits
     * ({@link Mode#FIRST_COMMIT}). When it finished on its own first, says how long after the
     * moment the delay counts from.
     */
    private static Outcome killAfter(Process importer, Path db, long stored, Mode mode, long delayMillis)
            throws InterruptedException {
        long reference = System.nanoTime();
        long deadline = reference + Duration.ofSeconds(120).toNanos();
        if (mode == Mode.FIRST_COMMIT) {
            while (importer.isAlive() && storedCount(db) <= stored) {
                if (System.nanoTime() > deadline) {
                    importer.destroyForcibly();
                    throw new AssertionError("the importer wrote nothing in 120 s");
                }
                Thread.sleep(2);
            }
            reference = System.nanoTime();
        }
        boolean finished = importer.waitFor(delayMillis, TimeUnit.MILLISECONDS);
        long elapsed = millis(System.nanoTime() - reference);
        if (!finished) {
            importer.destroyForcibly();
        }
        assertThat(importer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(!finished, elapsed);
    }

    /**
     * Positions are 1..n without gaps, the ids are those the store held before the runs followed by
     * the file's first ones, and the chain verifies.
     */
    private static void assertPrefixOfFile(Path db, List<String> before, List<String> ids, String context) {
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
        assertThat(stored.size()).as(context).isGreaterThanOrEqualTo(before.size());
        assertThat(stored.subList(0, before.size())).as(context).isEqualTo(before);
        assertThat(stored.subList(before.size(), stored.size()))
                .as(context)
                .isEqualTo(ids.subList(0, stored.size() - before.size()));
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
                ResultSet rs = st.executeQuery("SELECT max(position) FROM events")) {
            return rs.getLong(1);
        } catch (SQLException e) {
            // being created right now: no table yet
            return 0;
        }
    }

    private static List<String> column(Path db, String sql) {
        return Files.exists(db) && storedCount(db) > 0 ? Fixtures.column(db, sql) : List.of();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Writes {@code n} events with ids from {@code random}; returns the ids in file order. */
    private static List<String> writeEvents(Path file, Random random, int n, String streamPrefix) throws IOException {
        List<String> ids = new ArrayList<>(n);
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                String id = new UUID(
                                (random.nextLong() & ~0xF000L) | 0x4000L,
                                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                        .toString();
                ids.add(id);
                t = t.plusMillis(1 + random.nextInt(60_000));
                out.write("{\"eventId\":\"" + id + "\",\"eventType\":\"Deposited\",\"aggregateType\":\"Account\","
                        + "\"aggregateId\":\"" + streamPrefix + random.nextInt(100) + "\",\"timestamp\":\"" + t
                        + "\",\"payload\":{\"amount\":" + random.nextInt(10_000) + ".25,\"n\":" + i + "},"
                        + "\"metadata\":{\"correlationId\":\"run-" + (i / 100) + "\"}}\n");
            }
        }
        return ids;
    }
}
