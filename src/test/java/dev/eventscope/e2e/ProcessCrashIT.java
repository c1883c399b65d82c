package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code process} and {@code dlq retry} killed with SIGKILL at random moments and run again. After
 * every kill, the read model is exactly the fold of the events up to the checkpoint (so no event
 * was applied twice or lost, and no batch half-written), every event up to it is either in the rows
 * or parked, a reactor has appended exactly one event per trigger up to its checkpoint, and a
 * retry has resolved a prefix of each aggregate's dead letters, in order. At the end the rows
 * equal a rebuild from scratch.
 *
 * <p>Moments are random but reproducible: the seed is in every failure message and can be set with
 * {@code -Deventscope.crash.seed=N}.
 */
@Isolated("kills processes at random moments; runs alone so other tests' processes do not crowd it")
class ProcessCrashIT {

    private static final int EVENTS = 2_400;
    private static final int AGGREGATES = 40;
    /** Kills per run; scripts/reliability/11-kill-process-and-retry.sh sets 50. */
    private static final int KILLS = Integer.getInteger("eventscope.crash.kills", 5);

    private static final int MAX_RUNS = Math.max(30, KILLS * 8);

    static final String MODEL = "projections:\n"
            + "  p:\n"
            + "    key: id\n"
            + "    columns: {id: TEXT, n: INTEGER, last: INTEGER, status: TEXT}\n"
            + "    on:\n"
            + "      Opened: {upsert: '{\"id\": .aggregateId, \"n\": .payload.n, \"last\": .position,"
            + " \"status\": \"OPEN\"}'}\n"
            + "      Changed: {upsert: 'if (.payload.bad) error(\"bad event \" + .eventId) else"
            + " {\"id\": .aggregateId, \"n\": .payload.n, \"last\": .position}'}\n"
            + "      Closed: {delete: '{\"id\": .aggregateId}'}\n"
            + "handlers:\n"
            + "  r:\n"
            + "    kind: reactor\n"
            + "    types: [Closed]\n"
            + "    emit: '{\"eventType\": \"Archived\", \"aggregateType\": \"Archive\", \"aggregateId\": .aggregateId}'\n";

    static final String FIXED = MODEL.replace("if (.payload.bad) error(\"bad event \" + .eventId) else ", "");

    /** One generated event. */
    record Ev(long position, String id, String type, String aggregate, long n, boolean bad) {}

    /** A row of rm_p. */
    record Row(long n, long last, String status) {}

    @TempDir
    Path dir;

    long seed;
    String context;
    Random random;
    Evs evs;
    Path db;
    List<Ev> events;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void store() throws IOException {
        seed = Long.getLong("eventscope.crash.seed", System.nanoTime());
        context = "seed " + seed + " (rerun with -Deventscope.crash.seed=" + seed + ")";
        random = new Random(seed);
        evs = Evs.in(dir);
        db = dir.resolve("events.db");
        events = writeEvents(dir.resolve("events.ndjson"));
        Files.writeString(dir.resolve("eventscope.yaml"), MODEL);
        Evs.Result imported = evs.run("-q", "import", "events.ndjson");
        assertThat(imported.exitCode()).as("%s", imported).isZero();
    }

    @Test
    void a_killed_process_leaves_rows_that_are_the_fold_up_to_its_checkpoint_and_resumes() throws Exception {
        // when: the projection is killed at random moments and run again, then the reactor
        int kills = 0;
        for (int runs = 1; kills < KILLS; runs++) {
            assertThat(runs).as("runs needed; %s; %s", context, log).isLessThanOrEqualTo(MAX_RUNS);
            if (killedRun(() -> checkpoint("p"), "process", "p", "--batch", "10")) {
                kills++;
            }
            // then: after every run, the rows are the fold of the events up to the checkpoint
            assertFoldAtCheckpoint();
            if (checkpoint("p") == EVENTS) {
                Fixtures.sql(db, "DROP TABLE rm_p", "DELETE FROM checkpoints", "DELETE FROM dead_letters");
            }
        }
        // the reactor goes through 2,400 events in about a second once started: kills come soon
        // after its first progress, and only while it has triggers left to react to
        long lastTrigger = events.stream()
                .filter(e -> e.type().equals("Closed"))
                .mapToLong(Ev::position)
                .max()
                .orElseThrow();
        int reactorKills = 0;
        for (int runs = 1; reactorKills < 3 && checkpoint("r") < lastTrigger; runs++) {
            assertThat(runs).as("reactor runs; %s; %s", context, log).isLessThanOrEqualTo(MAX_RUNS);
            if (killedRun(() -> checkpoint("r"), 500, 40, "process", "r", "--batch", "1")) {
                reactorKills++;
            }
            assertOneReactionPerTriggerUpToCheckpoint();
        }
        assertThat(reactorKills)
                .as("reactor killed while it had work; %s; %s", context, log)
                .isPositive();

        // and: run to the end, the rows equal a rebuild and every trigger has its one reaction
        assertThat(evs.run("-q", "process", "p").exitCode()).isZero();
        assertThat(evs.run("-q", "process", "r").exitCode()).isZero();
        assertFoldAtCheckpoint();
        assertOneReactionPerTriggerUpToCheckpoint();
        assertRowsEqualARebuild();
        System.out.println(context + "\n" + String.join("\n", log));
        System.out.println("process killed " + kills + " times (projection) and 3 times (reactor): 0 applied twice,"
                + " 0 lost, 0 half-written batches");
    }

    @Test
    void a_killed_retry_resolves_a_prefix_of_each_aggregate_in_order_and_completes_when_run_again() throws Exception {
        // given: every failure dead-lettered, then the rule fixed
        assertThat(evs.run("-q", "process", "p").exitCode()).isZero();
        assertFoldAtCheckpoint();
        Files.writeString(dir.resolve("eventscope.yaml"), FIXED);
        assertThat(dir.resolve("events.db-wal")).doesNotExist();
        Path parkedCopy = Files.copy(db, dir.resolve("parked.db"));

        // when: the retry is killed at random moments and run again (from the parked letters
        // again once all are resolved, until it has been killed often enough)
        int kills = 0;
        int rounds = 1;
        for (int runs = 1; kills < KILLS; runs++) {
            assertThat(runs).as("runs needed; %s; %s", context, log).isLessThanOrEqualTo(MAX_RUNS);
            if (killedRun(this::resolved, "dlq", "retry", "--all")) {
                kills++;
            }
            assertResolvedPrefixes();
            if (parked().isEmpty()) {
                assertRowsEqualARebuild();
                if (kills >= KILLS) {
                    break;
                }
                Files.deleteIfExists(dir.resolve("events.db-wal"));
                Files.deleteIfExists(dir.resolve("events.db-shm"));
                Files.copy(parkedCopy, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                rounds++;
            }
        }

        // then: run again until done, every letter is resolved and the rows equal a rebuild
        Evs.Result last = evs.run("-q", "dlq", "retry", "--all");
        assertThat(last.exitCode()).as("%s; %s", context, last).isZero();
        assertThat(parked()).isEmpty();
        assertResolvedPrefixes();
        assertRowsEqualARebuild();
        System.out.println(context + "\n" + String.join("\n", log));
        System.out.println(
                "dlq retry killed " + kills + " times over " + rounds + " rounds of parked letters: 0 applied"
                        + " twice, 0 lost, every aggregate's letters resolved in order");
    }

    // ------------------------------------------------------------------ runs and kills

    /**
     * Runs evs with {@code args} and kills it with SIGKILL after a random delay, from its start or
     * from its first progress (as {@code progress} tells); false when it finished first.
     */
    private boolean killedRun(LongSupplier progress, String... args) throws InterruptedException {
        return killedRun(progress, 1_500, 400, args);
    }

    /**
     * Runs {@code args} and kills the process at a random moment: within {@code afterStart} ms of
     * its start, or (two times in three) within {@code afterProgress} ms of its first progress.
     */
    private boolean killedRun(LongSupplier progress, int afterStart, int afterFirstProgress, String... args)
            throws InterruptedException {
        long before = progress.getAsLong();
        Process p = evs.start(null, dir.resolve("run.err"), args);
        boolean afterProgress = random.nextInt(3) > 0;
        long delay = afterProgress ? random.nextInt(afterFirstProgress) : random.nextInt(afterStart);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (afterProgress && p.isAlive() && progress.getAsLong() == before) {
            assertThat(Instant.now()).as("no progress in 60 s; %s", context).isBefore(deadline);
            Thread.sleep(5);
        }
        boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        log.add(String.join(" ", args) + (afterProgress ? " progress+" : " start+") + delay + "ms: "
                + (finished ? "exit " + p.exitValue() : "killed") + ", " + before + " -> " + progress.getAsLong());
        if (finished) {
            assertThat(p.exitValue()).as("%s; %s", context, log).isIn(0, 1);
        }
        return !finished;
    }

    // ------------------------------------------------------------------ what must hold

    /** The rows and the parked letters are exactly what folding the events up to the checkpoint gives. */
    private void assertFoldAtCheckpoint() {
        long checkpoint = checkpoint("p");
        Map<String, Row> rows = new TreeMap<>();
        Set<String> blocked = new HashSet<>();
        List<String> letters = new ArrayList<>();
        for (Ev e : events) {
            if (e.position() > checkpoint) {
                break;
            }
            if (blocked.contains(e.aggregate()) || e.bad()) {
                letters.add(Long.toString(e.position()));
                blocked.add(e.aggregate());
                continue;
            }
            apply(rows, e);
        }
        assertThat(rows())
                .as("rows at checkpoint %d; %s; %s", checkpoint, context, log)
                .isEqualTo(render(rows));
        assertThat(Fixtures.column(db, "SELECT position FROM dead_letters WHERE handler = 'p' ORDER BY position"))
                .as("dead letters at checkpoint %d; %s; %s", checkpoint, context, log)
                .isEqualTo(letters);
    }

    /** Each Closed event up to the reactor's checkpoint caused exactly one Archived event; none after. */
    private void assertOneReactionPerTriggerUpToCheckpoint() {
        long checkpoint = checkpoint("r");
        List<String> expected = new ArrayList<>();
        for (Ev e : events) {
            if (e.type().equals("Closed") && e.position() <= checkpoint) {
                expected.add(e.id() + "|1");
            }
        }
        expected.sort(null);
        assertThat(Fixtures.column(
                        db,
                        "SELECT causation_id || '|' || count(*) FROM events WHERE event_type = 'Archived'"
                                + " GROUP BY causation_id ORDER BY causation_id"))
                .as("reactions at checkpoint %d; %s; %s", checkpoint, context, log)
                .isEqualTo(expected);
    }

    /**
     * Per aggregate, the resolved letters are the first ones (in position order), and its row is
     * the fold of its events up to the last resolved one (or up to its first letter).
     */
    private void assertResolvedPrefixes() {
        Map<String, List<String[]>> byAggregate = new LinkedHashMap<>();
        for (String line : Fixtures.column(
                db,
                "SELECT aggregate_id || '|' || position || '|' || status FROM dead_letters WHERE handler = 'p'"
                        + " ORDER BY position")) {
            String[] f = line.split("\\|");
            byAggregate.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
        }
        Map<String, Long> foldUpTo = new HashMap<>();
        for (Map.Entry<String, List<String[]>> a : byAggregate.entrySet()) {
            boolean parkedSeen = false;
            long upTo = Long.parseLong(a.getValue().get(0)[1]) - 1;
            for (String[] l : a.getValue()) {
                if (l[2].equals("parked")) {
                    parkedSeen = true;
                } else {
                    assertThat(parkedSeen)
                            .as("%s resolved after a parked one; %s; %s", a.getKey(), context, log)
                            .isFalse();
                    assertThat(l[2]).isEqualTo("resolved");
                    upTo = Long.parseLong(l[1]);
                }
            }
            foldUpTo.put(a.getKey(), upTo);
        }
        Map<String, Row> rows = new TreeMap<>();
        for (Ev e : events) {
            if (e.position() <= foldUpTo.getOrDefault(e.aggregate(), Long.MAX_VALUE)) {
                apply(rows, e);
            }
        }
        assertThat(rows())
                .as("rows after a partial retry; %s; %s", context, log)
                .isEqualTo(render(rows));
    }

    private void assertRowsEqualARebuild() {
        List<String> before = rows();
        Evs.Result rebuilt = evs.run("-q", "project", "rebuild", "p");
        assertThat(rebuilt.exitCode()).as("%s", rebuilt).isZero();
        assertThat(rows()).as("%s", context).isEqualTo(before);
    }

    private static void apply(Map<String, Row> rows, Ev e) {
        switch (e.type()) {
            case "Opened":
                rows.put(e.aggregate(), new Row(e.n(), e.position(), "OPEN"));
                break;
            case "Changed":
                Row old = rows.get(e.aggregate());
                rows.put(e.aggregate(), new Row(e.n(), e.position(), old == null ? null : old.status()));
                break;
            default:
                rows.remove(e.aggregate());
        }
    }

    private static List<String> render(Map<String, Row> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach((id, r) -> out.add(id + "|" + r.n() + "|" + r.last() + "|" + r.status()));
        return out;
    }

    private List<String> rows() {
        if (Fixtures.column(db, "SELECT name FROM sqlite_master WHERE name = 'rm_p'")
                .isEmpty()) {
            return List.of();
        }
        return Fixtures.column(
                db, "SELECT id || '|' || n || '|' || last || '|' || coalesce(status, 'null') FROM rm_p ORDER BY id");
    }

    private long checkpoint(String handler) {
        List<String> c = Fixtures.column(db, "SELECT position FROM checkpoints WHERE handler = '" + handler + "'");
        return c.isEmpty() ? 0 : Long.parseLong(c.get(0));
    }

    private long resolved() {
        return Long.parseLong(Fixtures.column(db, "SELECT count(*) FROM dead_letters WHERE status = 'resolved'")
                .get(0));
    }

    private List<String> parked() {
        return Fixtures.column(db, "SELECT id FROM dead_letters WHERE status = 'parked'");
    }

    /** Opened, then Changed (1 in 80 bad), sometimes Closed and later opened again, over 40 aggregates. */
    private List<Ev> writeEvents(Path file) throws IOException {
        List<Ev> out = new ArrayList<>(EVENTS);
        Set<String> open = new HashSet<>();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= EVENTS; i++) {
                String aggregate = String.format("a-%02d", random.nextInt(AGGREGATES));
                String type;
                boolean bad = false;
                if (!open.contains(aggregate)) {
                    type = "Opened";
                    open.add(aggregate);
                } else if (random.nextInt(40) == 0) {
                    type = "Closed";
                    open.remove(aggregate);
                } else {
                    type = "Changed";
                    bad = random.nextInt(80) == 0;
                }
                String id = new UUID(
                                (random.nextLong() & ~0xF000L) | 0x4000L,
                                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                        .toString();
                out.add(new Ev(i, id, type, aggregate, i, bad));
                w.write("{\"eventId\":\"" + id + "\",\"eventType\":\"" + type + "\",\"aggregateType\":\"A\","
                        + "\"aggregateId\":\"" + aggregate + "\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                        + "\"payload\":{\"n\":" + i + (bad ? ",\"bad\":true" : "") + "}}\n");
            }
        }
        return out;
    }
}
