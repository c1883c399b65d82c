package dev.eventscope.e2e.upcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.Evs;
import dev.eventscope.e2e.KillWindow;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import dev.eventscope.verify.StoreVerifier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code upcast migrate} killed with SIGKILL at random moments: after every kill the target is
 * either absent or a complete store that verifies (never half-written), and the next run removes
 * what the killed one left and completes. Kill moments are drawn below bounds measured by an
 * uninterrupted migration on this machine ({@link KillWindow}). The seed is printed on failure and
 * can be set with {@code -Deventscope.crash.seed=N}.
 */
@Isolated("kills processes at random moments; runs alone so other tests' processes do not crowd it")
class MigrateCrashIT {

    private static final int EVENTS = 10_000;
    private static final int KILLS = 5;
    private static final int MAX_RUNS = 25;

    private static final String MODEL = "upcasters:\n  - {type: Deposited, from: 1, to: 2, transform:"
            + " '{\"payload\": {\"amount\": .payload.amt, \"n\": .payload.n}}'}\n";

    @TempDir
    Path dir;

    @Test
    void a_migration_killed_at_random_moments_never_leaves_a_half_written_store_and_the_next_run_completes()
            throws Exception {
        // given
        long seed = Long.getLong("eventscope.crash.seed", System.nanoTime());
        String context = "seed " + seed + " (rerun with -Deventscope.crash.seed=" + seed + ")";
        Random random = new Random(seed);
        writeEvents(dir.resolve("events.ndjson"), random);
        Files.writeString(dir.resolve("eventscope.yaml"), MODEL);
        Evs evs = Evs.in(dir);
        assertThat(evs.run("-q", "import", "events.ndjson").exitCode()).isZero();
        Path target = dir.resolve("new.db");
        Calibration calibration = calibrate(evs, target, context);
        KillWindow fromStart = KillWindow.calibrated(calibration.total);
        KillWindow fromTemp = KillWindow.calibrated(calibration.afterTemp);
        List<String> log = new ArrayList<>();
        int kills = 0;
        int runs = 0;

        // when: migrate, kill at a random moment, look at what is there
        while (kills < KILLS) {
            assertThat(++runs).as("runs needed; %s; %s", context, log).isLessThanOrEqualTo(MAX_RUNS);
            // a third of the kills at a random moment after start (often before the copy begins), the
            // others a random moment after the temporary file appeared (copying, verifying, renaming);
            // the moments are drawn below bounds measured on this machine (KillWindow)
            boolean afterTemp = random.nextInt(3) > 0;
            KillWindow window = afterTemp ? fromTemp : fromStart;
            long delay = window.next(random);
            Path stderr = dir.resolve("run-" + runs + ".err");
            Process p = evs.start(null, stderr, "-q", "upcast", "migrate", "--to", "new.db");
            long reference = System.nanoTime();
            if (afterTemp) {
                waitForTemp(p);
                reference = System.nanoTime();
            }
            boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                kills++;
            } else {
                assertThat(p.exitValue())
                        .as("%s; %s; %s", context, log, Files.readString(stderr))
                        .isZero();
                window.finishedAfter(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - reference));
            }
            log.add("run " + runs + (afterTemp ? " temp+" : " start+") + delay + "ms of " + window.boundMillis()
                    + "ms: "
                    + (finished ? "exit 0" : "killed") + ", files " + files());

            // then: the target is absent, or complete and valid
            if (Files.exists(target)) {
                assertComplete(target, context + "; " + log);
                deleteStore(target);
            }
        }

        // and: a run after the last kill cleans up and completes
        Evs.Result last = evs.run("upcast", "migrate", "--to", "new.db");
        assertThat(last.exitCode()).as("%s; %s; %s", context, log, last).isZero();
        assertThat(files()).as(context).containsExactlyInAnyOrder("new.db");
        assertComplete(target, context);
        System.out.println(context + "\n" + String.join("\n", log));
    }

    private record Calibration(long total, long afterTemp) {}

    /**
     * Times one uninterrupted migration, from the start and from the temporary file's appearance,
     * then removes the store it made.
     */
    private Calibration calibrate(Evs evs, Path target, String context) throws Exception {
        Path stderr = dir.resolve("calibrate.err");
        long start = System.nanoTime();
        Process p = evs.start(null, stderr, "-q", "upcast", "migrate", "--to", "new.db");
        waitForTemp(p);
        long temp = System.nanoTime();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long end = System.nanoTime();
        assertThat(p.exitValue())
                .as("%s; calibration: %s", context, Files.readString(stderr))
                .isZero();
        assertComplete(target, context);
        deleteStore(target);
        return new Calibration(TimeUnit.NANOSECONDS.toMillis(end - start), TimeUnit.NANOSECONDS.toMillis(end - temp));
    }

    /** Waits until the migration's temporary file exists, or the process ended. */
    private void waitForTemp(Process p) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (p.isAlive() && !Files.exists(dir.resolve("new.db" + ".migrating"))) {
            assertThat(Instant.now())
                    .as("the migration started no copy in 120 s")
                    .isBefore(deadline);
            Thread.sleep(5);
        }
    }

    private static void assertComplete(Path target, String context) {
        try (SqliteEventStore store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(target), StoreOptions.Access.READ, StoreOptions.DEFAULT_BUSY_TIMEOUT))) {
            assertThat(store.head().events()).as(context).isEqualTo(EVENTS);
            assertThat(new StoreVerifier(store).verify(false, null).problems())
                    .as(context)
                    .isEmpty();
        }
    }

    private static void deleteStore(Path target) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(target.resolveSibling(target.getFileName() + suffix));
        }
    }

    /** The files a migration into new.db made (or left), beside the source and the run logs. */
    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("new.db"))
                    .sorted()
                    .toList();
        }
    }

    private static void writeEvents(Path file, Random random) throws IOException {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < EVENTS; i++) {
                t = t.plusMillis(1 + random.nextInt(60_000));
                out.write("{\"eventType\":\"Deposited\",\"aggregateType\":\"Account\",\"aggregateId\":\"acct-"
                        + random.nextInt(200) + "\",\"timestamp\":\"" + t + "\",\"payload\":{\"amt\":"
                        + random.nextInt(10_000) + ".25,\"n\":" + i + "}}\n");
            }
        }
    }
}
