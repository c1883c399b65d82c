package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.store.NewSnapshot;
import dev.eventscope.store.Snapshot;
import dev.eventscope.store.SnapshotInfo;
import dev.eventscope.store.SnapshotStore;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How folds use snapshots: which stored snapshot a fold starts from ({@link Fit#USABLE}, newest
 * first), when a fold is kept as a new one, and writing those. The one place these rules live;
 * {@link TimeMachine} applies them, {@code snapshot create} writes through them.
 */
public final class SnapshotStarts {

    /** Snapshots written per transaction: short transactions, few commits. */
    public static final int BATCH = 200;

    /** Where a fold starts: a loaded snapshot (null: the initial state), and why. */
    public record Start(Folded folded, Choice choice) {
        public Folded from(AggregateModel aggregate) {
            return folded != null ? folded : Folded.initial(aggregate.initial());
        }
    }

    private final SnapshotStore reads;
    private final Supplier<SnapshotStore> writes;

    /**
     * @param reads the snapshots of the store the fold reads
     * @param writes the snapshots of the store opened for writing, asked for only to write
     */
    public SnapshotStarts(SnapshotStore reads, Supplier<SnapshotStore> writes) {
        this.reads = reads;
        this.writes = writes;
    }

    public SnapshotStore reads() {
        return reads;
    }

    public SnapshotStore writes() {
        return writes.get();
    }

    /** The newest usable snapshot among {@code infos} (newest first), loaded. */
    public Start start(String fingerprint, ResolvedCut cut, List<SnapshotInfo> infos) {
        Map<Fit, Integer> passed = new EnumMap<>(Fit.class);
        for (SnapshotInfo info : infos) {
            Fit fit = Fit.of(info, fingerprint, cut);
            if (fit == Fit.USABLE) {
                Optional<Snapshot> loaded = reads.load(info.id());
                if (loaded.isEmpty()) {
                    // pruned since it was listed
                    continue;
                }
                // the row as loaded, should it have changed since it was listed
                Folded folded =
                        Fit.of(loaded.get().info(), fingerprint, cut) == Fit.USABLE ? resume(loaded.get()) : null;
                if (folded != null) {
                    return new Start(folded, new Choice(info, infos.size(), passed, null));
                }
                fit = Fit.DAMAGED;
            }
            passed.merge(fit, 1, Integer::sum);
        }
        return new Start(null, new Choice(null, infos.size(), passed, null));
    }

    /** The start of a fold of {@code stream}: its newest usable snapshot. */
    public Start start(StreamId stream, String fingerprint, ResolvedCut cut) {
        return start(fingerprint, cut, reads.list(stream));
    }

    /** The point a snapshot resumes a fold from, or null when its state is damaged. */
    static Folded resume(Snapshot s) {
        if (!s.intact()) {
            return null;
        }
        JsonNode state;
        try {
            state = s.state().node();
        } catch (UncheckedIOException | dev.eventscope.error.StoreIoException e) {
            return null;
        }
        if (!state.isObject()) {
            return null;
        }
        SnapshotInfo i = s.info();
        return Folded.resume(state, i.version(), i.position(), i.validTime());
    }

    /**
     * True when a fold should be kept as a snapshot: the aggregate asks for snapshots, the fold
     * applied more events than {@code snapshotEvery}, and its state is a prefix of the stream (a
     * valid-time cut that skipped an event before one it folded is not).
     */
    static boolean due(AggregateModel aggregate, AggregateState state) {
        return aggregate.snapshotEvery().isPresent()
                && state.folded().applied() > aggregate.snapshotEvery().getAsInt()
                && !state.outOfOrder()
                && state.position() > 0;
    }

    /** The snapshot of a fold's end, under {@code fingerprint}. */
    public static NewSnapshot snapshotOf(AggregateState s, String fingerprint) {
        return new NewSnapshot(
                s.stream(), s.version(), s.position(), s.folded().validTime(), fingerprint, JsonDoc.of(s.state()));
    }

    /**
     * Writes {@code due} in short transactions. What a fold wrote afterwards: the snapshots stored,
     * or the problem that stopped it (the answer stands either way).
     */
    Written write(List<NewSnapshot> due) {
        if (due.isEmpty()) {
            return Written.NOTHING;
        }
        List<SnapshotInfo> saved = new ArrayList<>();
        try {
            SnapshotStore store = writes.get();
            for (int i = 0; i < due.size(); i += BATCH) {
                saved.addAll(store.save(due.subList(i, Math.min(due.size(), i + BATCH))));
            }
            return new Written(saved, null);
        } catch (EventscopeException e) {
            return new Written(saved, e.getMessage());
        }
    }

    /** Snapshot lists (by stream, then newest first) split into one list per stream. */
    public static List<List<SnapshotInfo>> byStream(List<SnapshotInfo> infos) {
        List<List<SnapshotInfo>> groups = new ArrayList<>();
        List<SnapshotInfo> current = null;
        for (SnapshotInfo s : infos) {
            if (current == null || !current.get(0).stream().equals(s.stream())) {
                current = new ArrayList<>();
                groups.add(current);
            }
            current.add(s);
        }
        return groups;
    }

    /**
     * What a fold wrote afterwards: the snapshots stored, or the problem that stopped it (the answer
     * stands either way: snapshots only make later answers faster).
     */
    public record Written(List<SnapshotInfo> snapshots, String problem) {
        public static final Written NOTHING = new Written(List.of(), null);

        public Written {
            snapshots = List.copyOf(snapshots);
        }
    }
}
