package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code snapshot create --all} killed with SIGKILL while it writes, a few times at random moments:
 * every snapshot stored is whole (it matches its checksum and a fold from the first event), and the
 * store stays intact. The seed is printed on failure and can be set with
 * {@code -Deventscope.crash.seed=N}.
 */
@Isolated("kills processes at random moments; runs alone so other tests' processes do not crowd it")
class SnapshotCrashIT {

    private static final int AGGREGATES = 2_000;
    private static final int VERSIONS = 8;
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void snapshot_create_killed_while_writing_leaves_only_whole_snapshots() throws Exception {
        // given: events round-robin over the aggregates, so a cut one round lower moves every one of them
        long seed = Long.getLong("eventscope.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Evs evs = Evs.in(dir);
        Fixtures.write(dir, "eventscope.yaml", SnapshotIT.MODEL);
        StringBuilder events = new StringBuilder();
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        for (int n = 1; n <= AGGREGATES * VERSIONS; n++) {
            events.append(SnapshotIT.event(n, "acct-" + n % AGGREGATES, n, t.plusSeconds(n)));
        }
        Fixtures.write(dir, "events.ndjson", events.toString());
        assertThat(evs.run("-q", "import", "events.ndjson").exitCode()).isZero();
        Path db = dir.resolve("events.db");
        List<String> log = new ArrayList<>();
        int kills = 0;
        int runs = 0;

        // when: create snapshots at a new cut each run (all aggregates, in several transactions),
        // killed once a random number of them has been committed; the kill is decided by progress
        // seen in the store, not by a delay, so a fast machine cannot finish before it lands
        while (kills < KILLS && runs < VERSIONS) {
            runs++;
            long position = (long) AGGREGATES * (VERSIONS - runs + 1);
            long before = count(db);
            long target = before + 1 + random.nextInt(AGGREGATES / 2);
            Process create =
                    evs.start(null, null, "-q", "snapshot", "create", "--all", "--position", Long.toString(position));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            long seen = before;
            while (create.isAlive() && seen < target && Instant.now().isBefore(deadline)) {
                Thread.sleep(1);
                seen = count(db);
            }
            boolean finished = !create.isAlive();
            if (!finished) {
                create.destroyForcibly();
                kills++;
            }
            assertThat(create.waitFor(60, TimeUnit.SECONDS)).isTrue();
            long after = count(db);
            log.add(String.format(
                    "run %d --position %d: %s at %d of target %d, %d -> %d snapshots",
                    runs, position, finished ? "exit " + create.exitValue() : "killed", seen, target, before, after));

            // then: whatever was written is whole
            assertThat(Fixtures.column(db, "PRAGMA integrity_check"))
                    .as("seed %d; %s", seed, log)
                    .containsExactly("ok");
        }

        // and: every stored snapshot matches a fold from the first event, and the store verifies
        Evs.Result verify = evs.run("snapshot", "verify");
        assertThat(verify.exitCode()).as("seed %d; %s; %s", seed, log, verify).isZero();
        assertThat(verify.stdout()).as("seed %d; %s", seed, log).startsWith("ok: " + count(db) + " snapshots match");
        assertThat(evs.run("verify").exitCode()).isZero();
        assertThat(kills).as("seed %d; %s", seed, log).isPositive();
        System.out.println("seed " + seed + "\n" + String.join("\n", log));
    }

    private static long count(Path db) {
        return Long.parseLong(
                Fixtures.column(db, "SELECT count(*) FROM snapshots").get(0));
    }
}
