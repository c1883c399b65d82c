package dev.eventscope.snapshot;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Fingerprints;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.replay.SnapshotStarts;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.NewSnapshot;
import dev.eventscope.store.ReadEvents;
import dev.eventscope.store.SnapshotInfo;
import dev.eventscope.store.SnapshotStore;
import dev.eventscope.store.StreamQuery;
import dev.eventscope.store.StreamSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Managing snapshots: making them ({@code snapshot create}) and, through {@link SnapshotCatalog},
 * listing, pruning and verifying them. Folds that start from snapshots and write them as they go
 * are the {@link TimeMachine}'s ({@code state}, {@code replay}); the rules of which snapshot fits a
 * fold are {@link SnapshotStarts}'.
 *
 * <p>Not thread-safe. Writing may re-open the store for writing (see the Workspace): nothing is
 * read through this instance after it has written.
 */
public final class Snapshots {

    /**
     * What {@code snapshot create} did: the snapshots written, how many streams already had one at
     * the point reached, and how many had no event inside the cut.
     */
    public record CreateResult(ResolvedCut cut, List<SnapshotInfo> created, long upToDate, long empty) {
        public CreateResult {
            created = List.copyOf(created);
        }
    }

    private final ReadEvents events;
    private final TimeMachine machine;
    private final SnapshotStarts snapshots;

    /**
     * @param machine the folds, with {@code snapshots}; null when no model is configured (then only
     *     listing and pruning by count work)
     * @param snapshots the store's snapshots
     */
    public Snapshots(ReadEvents events, TimeMachine machine, SnapshotStarts snapshots) {
        this.events = events;
        this.machine = machine;
        this.snapshots = snapshots;
    }

    /** The catalog: list, prune, verify. */
    public SnapshotCatalog catalog() {
        return new SnapshotCatalog(this);
    }

    /**
     * Snapshots of the aggregate {@code aggregateId} (of {@code aggregateType} when given), or of
     * every aggregate of {@code aggregateType} (when no id is given), or of every aggregate the
     * model has rules for (neither given), at {@code cut}. Each is folded from the newest usable
     * snapshot; streams are written in batches of short transactions as they are folded.
     *
     * @throws UsageException for a valid-time cut ({@code --at}): a snapshot holds a prefix of its
     *     stream, which a selection by timestamp need not be; or a {@code --version} without an id
     */
    public CreateResult create(String aggregateId, String aggregateType, Cut cut) {
        if (cut instanceof Cut.At) {
            throw new UsageException(
                    "a snapshot holds every event of its stream up to a point; --at selects events by timestamp",
                    "cut with --version, --position or --as-of");
        }
        if (cut instanceof Cut.Version && aggregateId == null) {
            throw new UsageException("--version cuts one stream; give the aggregate ID", "or cut with --position");
        }
        TimeMachine m = machine();
        List<StreamId> streams =
                aggregateId != null ? List.of(m.resolve(aggregateId, aggregateType)) : streams(m, aggregateType);
        ResolvedCut resolved = m.resolve(cut);
        List<NewSnapshot> pending = new ArrayList<>();
        List<SnapshotInfo> created = new ArrayList<>();
        long upToDate = 0;
        long empty = 0;
        for (StreamId stream : streams) {
            String fingerprint = m.fingerprints().of(stream.aggregateType());
            AggregateModel aggregate = m.model().aggregate(stream.aggregateType());
            SnapshotStarts.Start start = snapshots.start(stream, fingerprint, resolved);
            AggregateState state = m.stateFrom(stream, resolved, start.from(aggregate), false);
            if (state.position() == 0) {
                empty++;
            } else if (start.folded() != null && state.folded().applied() == 0) {
                upToDate++;
            } else {
                pending.add(SnapshotStarts.snapshotOf(state, fingerprint));
                if (pending.size() >= SnapshotStarts.BATCH) {
                    created.addAll(writes().save(pending));
                    pending.clear();
                }
            }
        }
        created.addAll(writes().save(pending));
        return new CreateResult(resolved, created, upToDate, empty);
    }

    /** The streams of {@code type}, or (null) of every aggregate type the model has rules for. */
    private List<StreamId> streams(TimeMachine m, String type) {
        List<StreamId> streams = new ArrayList<>();
        List<AggregateModel> aggregates = type != null
                ? List.of(m.model().aggregate(type))
                : List.copyOf(m.model().aggregates().values());
        for (AggregateModel a : aggregates) {
            try (Stream<StreamSummary> s = events.streams(new StreamQuery(a.type(), null, null))) {
                s.forEach(summary -> streams.add(summary.stream()));
            }
        }
        return streams;
    }

    boolean hasModel() {
        return machine != null;
    }

    ReadEvents events() {
        return events;
    }

    SnapshotStore reads() {
        return snapshots.reads();
    }

    SnapshotStore writes() {
        return snapshots.writes();
    }

    TimeMachine machine() {
        if (machine == null) {
            throw new NotFoundException(
                    "no model: this command needs the reducers of eventscope.yaml",
                    "pass --model FILE, set EVENTSCOPE_MODEL, or create eventscope.yaml in this directory");
        }
        return machine;
    }

    Fingerprints fingerprints() {
        return machine().fingerprints();
    }
}
