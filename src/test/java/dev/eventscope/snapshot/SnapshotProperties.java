package dev.eventscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Fingerprints;
import dev.eventscope.replay.MemoryStore;
import dev.eventscope.replay.Policy;
import dev.eventscope.replay.Replayer;
import dev.eventscope.replay.SnapshotStarts;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.NewSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The promise of snapshots: an answer is the same with or without them, for any history (with
 * timestamps out of order with versions), any snapshots (at any point, stale, damaged) and any cut.
 */
class SnapshotProperties {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /** snapshotEvery: 1 makes nearly every fold write a snapshot, so later folds start from them. */
    static final Model MODEL = ModelLoader.parse(
            "test.yaml",
            "aggregates:\n"
                    + "  Acc:\n"
                    + "    initial: {total: 0, log: []}\n"
                    + "    snapshotEvery: 1\n"
                    + "    reducers:\n"
                    + "      Add: '$state | {\"total\": .total + $event.payload.n, \"log\": .log + [$event.payload.n], * : .}'\n"
                    + "      Half: '$state | {\"total\": .total / 2, * : .}'\n"
                    + "      Reset: '$state | {\"total\": 0, * : .}'\n",
            Path.of("."),
            List.of());

    static final String FINGERPRINT = new Fingerprints(MODEL).of("Acc");

    /** One generated event: which aggregate, which type (0 Reset, 1 Half, else Add), amount, minute. */
    record Gen(int aggregate, int kind, int n, int minute) {}

    @Provide
    Arbitrary<List<Gen>> histories() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(-5, 20),
                        Arbitraries.integers().between(0, 60))
                .as(Gen::new)
                .list()
                .ofMaxSize(40);
    }

    @Provide
    Arbitrary<Cut> cuts() {
        Arbitrary<Instant> minutes = Arbitraries.integers().between(-1, 61).map(m -> T0.plusSeconds(60L * m));
        Arbitrary<Cut> positions = Arbitraries.integers().between(0, 42).map(p -> new Cut.UpToPosition(p));
        Arbitrary<Cut> asOfs = Arbitraries.integers().between(0, 42).map(s -> new Cut.AsOf(Instant.ofEpochSecond(s)));
        Arbitrary<Cut> records = Arbitraries.oneOf(Arbitraries.just(Cut.LATEST), positions, asOfs);
        return Arbitraries.oneOf(
                Arbitraries.just(Cut.LATEST),
                positions,
                asOfs,
                Combinators.combine(minutes, records).as(Cut.At::new),
                Arbitraries.integers().between(0, 14).map(v -> new Cut.Version(v)));
    }

    @Provide
    Arbitrary<List<Cut>> cutSequences() {
        return cuts().list().ofMinSize(1).ofMaxSize(8);
    }

    static MemoryStore store(List<Gen> history) {
        MemoryStore store = new MemoryStore();
        for (Gen g : history) {
            String type = g.kind() == 0 ? "Reset" : g.kind() == 1 ? "Half" : "Add";
            store.add("Acc", "a" + g.aggregate(), type, T0.plusSeconds(60L * g.minute()), "{\"n\":" + g.n() + "}");
        }
        return store;
    }

    /**
     * Snapshots at the given points (each picks an aggregate and a version of it), folded without
     * snapshots; every third point also gets a stale one with a wrong state, and every fifth a
     * correct one whose state was changed afterwards.
     */
    static MemorySnapshots snapshotsAt(MemoryStore store, List<Integer> points) {
        TimeMachine machine = new TimeMachine(store, MODEL, store.source());
        MemorySnapshots snapshots = new MemorySnapshots();
        int i = 0;
        for (int p : points) {
            i++;
            StreamId stream = new StreamId("Acc", "a" + p % 4);
            long current = store.currentVersion(stream);
            if (current == 0) {
                continue;
            }
            long version = 1 + (p / 4) % current;
            AggregateState s = machine.state(stream.aggregateId(), "Acc", new Cut.Version(version), false);
            var saved = snapshots.put(new NewSnapshot(
                    stream, s.version(), s.position(), s.folded().validTime(), FINGERPRINT, JsonDoc.of(s.state())));
            if (i % 3 == 0) {
                snapshots.put(new NewSnapshot(
                        stream,
                        current,
                        store.events.size(),
                        T0,
                        "another-model",
                        JsonDoc.ofText("{\"total\":123456,\"log\":[]}")));
            }
            if (i % 5 == 0) {
                snapshots.tamper(saved.id(), "{\"total\":-999,\"log\":[]}");
            }
        }
        return snapshots;
    }

    /** The answer as the user sees it: the JSON of state command output, or the error. */
    static String answer(java.util.function.Supplier<AggregateState> fold) {
        try {
            AggregateState s = fold.get();
            return Json.write(s.json()) + " outOfOrder=" + s.outOfOrder();
        } catch (NotFoundException e) {
            return "not found: " + e.getMessage();
        }
    }

    @Property(tries = 200)
    void state_from_snapshots_equals_state_folded_from_the_first_event(
            @ForAll("histories") List<Gen> history,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1000) Integer> points,
            @ForAll("cuts") Cut cut) {
        // given
        MemoryStore store = store(history);
        TimeMachine machine = new TimeMachine(store, MODEL, store.source());
        TimeMachine snapshots = new TimeMachine(
                store, MODEL, store.source(), null, new SnapshotStarts(snapshotsAt(store, points), () -> {
                    throw new AssertionError("nothing is written with --no-snapshot-write");
                }));

        for (int a = 0; a < 4; a++) {
            String id = "a" + a;
            if (store.currentVersion(new StreamId("Acc", id)) == 0) {
                continue;
            }
            // when
            String with = answer(() -> snapshots
                    .state(id, "Acc", cut, TimeMachine.Steps.NONE, new Policy(null, false))
                    .state());
            String without = answer(() -> machine.state(id, "Acc", cut, false));

            // then
            assertThat(with).as("aggregate %s at %s", id, cut.describe()).isEqualTo(without);
        }
    }

    @Property(tries = 100)
    void replay_from_snapshots_equals_replay_from_the_first_event(
            @ForAll("histories") List<Gen> history,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1000) Integer> points,
            @ForAll("cuts") Cut cut) {
        if (cut instanceof Cut.Version) {
            return;
        }
        // given
        MemoryStore store = store(history);
        TimeMachine machine = new TimeMachine(store, MODEL, store.source());
        TimeMachine snapshots = new TimeMachine(
                store, MODEL, store.source(), null, new SnapshotStarts(snapshotsAt(store, points), () -> {
                    throw new AssertionError("nothing is written with --no-snapshot-write");
                }));

        // when
        Map<String, String> with = new TreeMap<>();
        snapshots.replay(
                null,
                cut,
                new Policy(null, false),
                s -> with.put(s.stream().toString(), Json.write(s.json())),
                Progress.NONE);
        Map<String, String> without = new TreeMap<>();
        new Replayer(machine).replay(null, cut, s -> without.put(s.stream().toString(), Json.write(s.json())));

        // then
        assertThat(with).isEqualTo(without);
    }

    @Property(tries = 80)
    void folds_that_write_snapshots_keep_answering_as_folds_without_them(
            @ForAll("histories") List<Gen> history, @ForAll("cutSequences") List<Cut> cuts) {
        // given
        MemoryStore store = store(history);
        TimeMachine machine = new TimeMachine(store, MODEL, store.source());
        MemorySnapshots stored = new MemorySnapshots();
        TimeMachine folds =
                new TimeMachine(store, MODEL, store.source(), null, new SnapshotStarts(stored, () -> stored));
        Snapshots snapshots = new Snapshots(store, folds, new SnapshotStarts(stored, () -> stored));

        for (Cut cut : cuts) {
            for (int a = 0; a < 4; a++) {
                String id = "a" + a;
                if (store.currentVersion(new StreamId("Acc", id)) == 0) {
                    continue;
                }
                // when: each fold may start from what earlier folds wrote, and write more
                String with = answer(() -> folds.state(id, "Acc", cut, TimeMachine.Steps.NONE, Policy.DEFAULT)
                        .state());
                String without = answer(() -> machine.state(id, "Acc", cut, false));

                // then
                assertThat(with).as("aggregate %s at %s", id, cut.describe()).isEqualTo(without);
            }
            if (!(cut instanceof Cut.Version)) {
                Map<String, String> with = new TreeMap<>();
                folds.replay(
                        null,
                        cut,
                        Policy.DEFAULT,
                        s -> with.put(s.stream().toString(), Json.write(s.json())),
                        Progress.NONE);
                Map<String, String> without = new TreeMap<>();
                new Replayer(machine)
                        .replay(null, cut, s -> without.put(s.stream().toString(), Json.write(s.json())));
                assertThat(with).as("replay at %s", cut.describe()).isEqualTo(without);
            }
        }

        // and: every snapshot written matches a fold from the first event
        assertThat(snapshots.catalog().verify(null, null).problems()).isEmpty();
    }
}
