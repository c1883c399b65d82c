package dev.eventscope.bench;

import dev.eventscope.event.Cut;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.pipeline.EventReader;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.replay.Policy;
import dev.eventscope.replay.SnapshotStarts;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.snapshot.Snapshots;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Measures {@code state} of one long stream with a snapshot near its head against a fold from the
 * first event (never run by the build; run by hand, in-process, so JVM start is excluded):
 *
 * <pre>
 * java -cp target/test-classes:target/eventscope.jar dev.eventscope.bench.SnapshotBench STORE [EVENTS [BEHIND]]
 * </pre>
 *
 * <p>Creates STORE when it does not exist: one Account with EVENTS deposits (default 1,000,000),
 * imported in batches. Then writes a snapshot BEHIND events (default 100) before the head and
 * prints the median time of {@code state} with and without it.
 */
public final class SnapshotBench {

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int behind = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Model model = ModelLoader.parse("bench.yaml", ModelBench.MODEL, Path.of("."), List.of());
        if (!Files.exists(db)) {
            build(db, events);
        }
        try (EventStore store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(db), StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT))) {
            TimeMachine machine = new TimeMachine(
                    store,
                    model,
                    new EventSource(EventReader.of(() -> store), model.transform()),
                    null,
                    new SnapshotStarts(store.snapshots(), store::snapshots));
            Snapshots snapshots =
                    new Snapshots(store, machine, new SnapshotStarts(store.snapshots(), store::snapshots));
            long head = store.currentVersion(StreamId.of("Account", "acct-1"));
            long t0 = System.nanoTime();
            var created = snapshots.create("acct-1", "Account", new Cut.Version(head - behind));
            System.out.printf(
                    Locale.ROOT,
                    "snapshot at version %d of %d: %s in %.0f ms%n",
                    head - behind,
                    head,
                    created.created().isEmpty() ? "found" : "made",
                    (System.nanoTime() - t0) / 1e6);
            Policy readOnly = new Policy(null, false);
            Policy none = new Policy("--no-snapshot", false);
            long[] with = new long[21];
            long[] without = new long[3];
            for (int i = 0; i < with.length; i++) {
                t0 = System.nanoTime();
                var r = machine.state("acct-1", "Account", Cut.LATEST, TimeMachine.Steps.NONE, readOnly);
                with[i] = System.nanoTime() - t0;
                check(
                        r.state().folded().applied() == behind,
                        "applied " + r.state().folded().applied());
            }
            for (int i = 0; i < without.length; i++) {
                t0 = System.nanoTime();
                var r = machine.state("acct-1", "Account", Cut.LATEST, TimeMachine.Steps.NONE, none);
                without[i] = System.nanoTime() - t0;
                check(
                        r.state().folded().applied() == head,
                        "applied " + r.state().folded().applied());
            }
            System.out.printf(
                    Locale.ROOT,
                    "state of acct-1 (%d events): with a snapshot %d behind the head %.1f ms (median of %d; best"
                            + " %.1f ms); from the first event %.0f ms (median of %d)%n",
                    head,
                    behind,
                    median(with) / 1e6,
                    with.length,
                    Arrays.stream(with).min().getAsLong() / 1e6,
                    median(without) / 1e6,
                    without.length);
        }
    }

    private static void build(Path db, int events) {
        long t0 = System.nanoTime();
        try (EventStore store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(db), StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT))) {
            Instant t = Instant.parse("2024-01-01T00:00:00Z");
            StreamId stream = StreamId.of("Account", "acct-1");
            List<NewEvent> batch = new ArrayList<>();
            for (int n = 1; n <= events; n++) {
                batch.add(new NewEvent(
                        new UUID(0x4000L, 0x8000000000000000L | n),
                        "Deposited",
                        stream,
                        1,
                        t.plusSeconds(n),
                        JsonDoc.ofText("{\"amount\":" + (n % 100) + ".25}"),
                        JsonDoc.EMPTY_OBJECT,
                        null));
                if (batch.size() == 20_000 || n == events) {
                    store.importBatch(batch);
                    batch.clear();
                }
            }
        }
        System.out.printf(
                Locale.ROOT, "built %s with %d events in %.0f s%n", db, events, (System.nanoTime() - t0) / 1e9);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
