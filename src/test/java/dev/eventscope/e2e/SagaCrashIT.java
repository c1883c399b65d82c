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
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code process SAGA} killed with SIGKILL at random moments and run again (issue 24). A saga's
 * order does not depend on where a run stops (ADR 0180), so after every kill the events emitted so
 * far are exactly the first ones an uninterrupted run emits, in the same order at the same
 * positions: none emitted twice, none skipped; every deadline whose events were emitted is marked
 * fired in the same transaction (none fired twice); and once run to the end, the log, the instances
 * and the deadlines are those of the uninterrupted run.
 *
 * <p>Moments are random but reproducible: the seed is in every failure message and can be set with
 * {@code -Deventscope.crash.seed=N}.
 */
@Isolated("kills processes at random moments; runs alone so other tests' processes do not crowd it")
class SagaCrashIT {

    private static final int ORDERS = 70;
    /** Kills per run; more with -Deventscope.crash.kills=N. */
    private static final int KILLS = Integer.getInteger("eventscope.crash.kills", 5);

    private static final int MAX_RUNS = Math.max(30, KILLS * 8);

    private static final String NOW = "2024-02-01T00:00:00Z";

    static final String MODEL = """
            sagas:
              orders:
                association: {Placed: .aggregateId, Paid: .payload.order, Shipped: .aggregateId, TimedOut: .payload.order}
                start: [Placed]
                end: [Shipped, TimedOut]
                initial: {step: new}
                on:
                  Placed:
                    state: '$state | {"step": "placed", * : .}'
                    emit: '{"eventType": "Asked", "aggregateType": "Saga", "aggregateId": .aggregateId, "payload": {"order": .aggregateId}}'
                    set: [pay]
                  Paid:
                    state: '$state | {"step": "paid", "amount": $event.payload.amount, * : .}'
                    emit: '[{"eventType": "Pack", "aggregateType": "Saga", "aggregateId": .payload.order}, {"eventType": "Bill", "aggregateType": "Saga", "aggregateId": .payload.order}]'
                    cancel: [pay]
                    set: [ship]
                  TimedOut:
                    state: '$state | {"step": "timed-out", * : .}'
                    emit: '{"eventType": "Cancel", "aggregateType": "Saga", "aggregateId": .payload.order}'
                  Shipped:
                    state: '$state | {"step": "shipped", * : .}'
                deadlines:
                  pay:
                    after: 30m
                    emit: '{"eventType": "TimedOut", "aggregateType": "Saga", "aggregateId": .aggregateId, "payload": {"order": .aggregateId}}'
                  ship:
                    after: 2h
                    emit: '{"eventType": "Late", "aggregateType": "Saga", "aggregateId": .payload.order}'
            """;

    @TempDir
    Path dir;

    long seed;
    String context;
    Random random;
    Evs evs;
    Path db;
    List<String> reference;
    List<String> referenceInstances;
    List<String> referenceDeadlines;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void stores() throws IOException {
        seed = Long.getLong("eventscope.crash.seed", System.nanoTime());
        context = "seed " + seed + " (rerun with -Deventscope.crash.seed=" + seed + ")";
        random = new Random(seed);
        evs = Evs.in(dir);
        db = dir.resolve("events.db");
        writeEvents(dir.resolve("events.ndjson"));
        Files.writeString(dir.resolve("eventscope.yaml"), MODEL);
        Evs.Result imported = evs.run("-q", "import", "events.ndjson");
        assertThat(imported.exitCode()).as("%s", imported).isZero();
        assertThat(dir.resolve("events.db-wal")).doesNotExist();
        Files.copy(db, dir.resolve("imported.db"));

        // the uninterrupted run, on a copy
        Path copy = Files.copy(db, dir.resolve("reference.db"));
        Evs.Result r = evs.run("-q", "--db", copy.toString(), "process", "orders", "--now", NOW);
        assertThat(r.exitCode()).as("%s", r).isZero();
        reference = emitted(copy);
        referenceInstances = instances(copy);
        referenceDeadlines = deadlines(copy);
        assertThat(reference).as("the saga emits plenty").hasSizeGreaterThan(ORDERS * 2);
        assertThat(reference).anyMatch(l -> l.contains(" TimedOut ")).anyMatch(l -> l.contains(" Late "));
    }

    @Test
    void a_killed_process_emits_each_event_once_in_the_order_of_a_run_that_was_not_killed() throws Exception {
        // when: killed at random moments and run again
        int kills = 0;
        for (int runs = 1; kills < KILLS; runs++) {
            assertThat(runs).as("runs needed; %s; %s", context, log).isLessThanOrEqualTo(MAX_RUNS);
            if (killedRun(this::progress, "process", "orders", "--now", NOW, "--batch", "1")) {
                kills++;
            }
            // then: after every run, what was emitted is the first part of what the whole run emits
            assertPrefixOfTheReference();
            if (emitted(db).size() == reference.size()) {
                // done before enough kills: start over from the imported events
                Files.deleteIfExists(dir.resolve("events.db-wal"));
                Files.deleteIfExists(dir.resolve("events.db-shm"));
                resetToImported();
            }
        }

        // and: run to the end, everything is as the uninterrupted run left it
        Evs.Result last = evs.run("-q", "process", "orders", "--now", NOW);
        assertThat(last.exitCode()).as("%s; %s", context, last).isZero();
        assertThat(emitted(db)).as("%s; %s", context, log).isEqualTo(reference);
        assertThat(instances(db)).as("%s", context).isEqualTo(referenceInstances);
        assertThat(deadlines(db)).as("%s", context).isEqualTo(referenceDeadlines);
        System.out.println(context + "\n" + String.join("\n", log));
        System.out.println("process of a saga killed " + kills + " times: 0 events emitted twice, 0 deadlines fired"
                + " twice, 0 lost; " + reference.size() + " events emitted as by one run");
    }

    private void resetToImported() throws IOException {
        Files.copy(dir.resolve("imported.db"), db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The emitted events are a prefix of the reference's, and each deadline whose events are there is fired. */
    private void assertPrefixOfTheReference() {
        List<String> now = emitted(db);
        assertThat(now.size()).as("%s; %s", context, log).isLessThanOrEqualTo(reference.size());
        assertThat(now).as("emitted so far; %s; %s", context, log).isEqualTo(reference.subList(0, now.size()));
        long timedOut = now.stream().filter(l -> l.contains(" TimedOut ")).count();
        long late = now.stream().filter(l -> l.contains(" Late ")).count();
        assertThat(Fixtures.column(
                        db,
                        "SELECT name || ' ' || count(*) FROM saga_deadlines WHERE status = 'fired' GROUP BY name"
                                + " ORDER BY name"))
                .as("fired deadlines with their events; %s; %s", context, log)
                .isEqualTo(firedLines(late, timedOut));
    }

    private static List<String> firedLines(long late, long timedOut) {
        List<String> out = new ArrayList<>();
        if (timedOut > 0) {
            out.add("pay " + timedOut);
        }
        if (late > 0) {
            out.add("ship " + late);
        }
        return out;
    }

    private long progress() {
        List<String> c = Fixtures.column(db, "SELECT position FROM checkpoints WHERE handler = 'orders'");
        return (c.isEmpty() ? 0 : Long.parseLong(c.get(0))) + emitted(db).size();
    }

    /** The events the saga emitted: position, type, stream and id, in position order. */
    private static List<String> emitted(Path store) {
        return Fixtures.column(
                store,
                "SELECT position || ' ' || event_type || ' ' || aggregate_id || ' ' || event_id || ' '"
                        + " || coalesce(causation_id, '') FROM events WHERE aggregate_type = 'Saga' ORDER BY position");
    }

    private static List<String> instances(Path store) {
        return Fixtures.column(
                store,
                "SELECT instance_id || ' ' || status || ' ' || events || ' ' || state || ' ' || last_position"
                        + " FROM saga_instances ORDER BY instance_id");
    }

    private static List<String> deadlines(Path store) {
        return Fixtures.column(
                store,
                "SELECT instance_id || ' ' || name || ' ' || due_at || ' ' || status || ' ' || set_by"
                        + " FROM saga_deadlines ORDER BY instance_id, name");
    }

    /**
     * Runs {@code args} and kills the process at a random moment: within 1.5 s of its start, or (two
     * times in three) within 300 ms of its first progress; false when it finished first.
     */
    private boolean killedRun(LongSupplier progress, String... args) throws InterruptedException {
        long before = progress.getAsLong();
        Process p = evs.start(null, dir.resolve("run.err"), args);
        boolean afterProgress = random.nextInt(3) > 0;
        long delay = afterProgress ? random.nextInt(300) : random.nextInt(1_500);
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
            assertThat(p.exitValue()).as("%s; %s", context, log).isZero();
        }
        return !finished;
    }

    /**
     * Orders placed a minute apart; most paid within 10 minutes, some late (the deadline passes
     * before the payment is taken), some never (it passes when process runs); most paid ones shipped
     * within two hours, the others late.
     */
    private void writeEvents(Path file) throws IOException {
        Instant t0 = Instant.parse("2024-01-15T08:00:00Z");
        List<String> lines = new ArrayList<>();
        List<Object[]> timed = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String order = String.format("o-%03d", i);
            Instant placed = t0.plusSeconds(60L * i);
            timed.add(new Object[] {placed, "Placed", "Order", order, "{}"});
            int kind = random.nextInt(10);
            if (kind < 8) {
                Instant paid = placed.plusSeconds(kind < 6 ? 60 + random.nextInt(540) : 2_400 + random.nextInt(600));
                timed.add(new Object[] {
                    paid, "Paid", "Payment", "pay-" + order, "{\"order\":\"" + order + "\",\"amount\":" + i + "}"
                });
                if (random.nextInt(4) > 0) {
                    Instant shipped = paid.plusSeconds(random.nextInt(3) == 0 ? 9_000 : 3_600);
                    timed.add(new Object[] {shipped, "Shipped", "Order", order, "{}"});
                }
            }
        }
        timed.sort((a, b) -> ((Instant) a[0]).compareTo((Instant) b[0]));
        for (Object[] e : timed) {
            String id = new UUID(
                            (random.nextLong() & ~0xF000L) | 0x4000L,
                            (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                    .toString();
            lines.add("{\"eventId\":\"" + id + "\",\"eventType\":\"" + e[1] + "\",\"aggregateType\":\"" + e[2]
                    + "\",\"aggregateId\":\"" + e[3] + "\",\"timestamp\":\"" + e[0] + "\",\"payload\":" + e[4]
                    + ",\"metadata\":{\"correlationId\":\"req-" + e[3] + "\"}}");
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
    }
}
