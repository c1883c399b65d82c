package dev.eventscope.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.model.Model;
import dev.eventscope.pipeline.EventReader;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.ReadProgress;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Folded;
import dev.eventscope.replay.Replayer;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.NewSnapshot;
import dev.eventscope.store.ReadEvents;
import dev.eventscope.store.Snapshot;
import dev.eventscope.store.SnapshotInfo;
import dev.eventscope.store.SnapshotStore;
import dev.eventscope.store.StreamQuery;
import dev.eventscope.store.StreamSummary;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Folds that start from snapshots ({@code state}, {@code replay}) and making snapshots
 * ({@code snapshot create}); {@link SnapshotCatalog} lists, prunes and verifies them.
 *
 * <p>A fold starts from the newest snapshot of its stream that {@link Fit#USABLE fits} the cut
 * (made under the current model's fingerprint, inside the cut), else from the initial state, and
 * folds the events after it exactly as a fold from the start would: the answer is the same with
 * or without snapshots. When a fold applied more events than the aggregate's
 * {@code snapshotEvery} and its state is a prefix of the stream, a snapshot of it is written
 * afterwards, in a transaction of its own, after every read has ended.
 *
 * <p>Not thread-safe. Writing may re-open the store for writing (see the Workspace): nothing is
 * read through this instance after a {@code state} or {@code replay} has written.
 */
public final class Snapshots {

    /** Snapshots written per transaction: short transactions, few commits. */
    static final int BATCH = 200;

    /** A state at a cut, with the snapshot it started from (or why none) and what it wrote. */
    public record StateResult(AggregateState state, Choice choice, Written written) {}

    /** A replay, with how many aggregates started from a snapshot and what it wrote. */
    public record ReplayResult(Replayer.Summary summary, long fromSnapshots, Written written) {}

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
    private final Model model;
    private final SnapshotStore reads;
    private final Supplier<SnapshotStore> writes;
    private TimeMachine machine;
    private Fingerprints fingerprints;

    /**
     * @param model the model, or null when none is configured (then only listing works)
     * @param reads the snapshots of the store {@code events} reads
     * @param writes the snapshots of the store opened for writing, asked for only to write
     */
    public Snapshots(ReadEvents events, Model model, SnapshotStore reads, Supplier<SnapshotStore> writes) {
        this.events = events;
        this.model = model;
        this.reads = reads;
        this.writes = writes;
    }

    /** The catalog: list, prune, verify. */
    public SnapshotCatalog catalog() {
        return new SnapshotCatalog(this);
    }

    // ---------------------------------------------------------------- folds that use snapshots

    /**
     * The state of the aggregate {@code aggregateId} at {@code cut}, started from a snapshot when
     * {@code policy} allows.
     *
     * @param keepSteps keep each applied event and the state after it (only those after the snapshot)
     */
    public StateResult state(String aggregateId, String aggregateType, Cut cut, boolean keepSteps, Policy policy) {
        TimeMachine m = machine();
        StreamId stream = m.resolve(aggregateId, aggregateType);
        AggregateModel aggregate = m.model().aggregate(stream.aggregateType());
        ResolvedCut resolved = ResolvedCut.resolve(cut, events);
        String fingerprint = fingerprints().of(stream.aggregateType());
        Start start = policy.read()
                ? start(stream, fingerprint, resolved, reads.list(stream))
                : new Start(null, Choice.disabled(policy.readOffBy()));
        AggregateState state = m.stateFrom(stream, resolved, start.from(aggregate), keepSteps);
        Written written = Written.NOTHING;
        if (policy.read() && policy.write() && due(aggregate, state)) {
            written = write(List.of(snapshotOf(state, fingerprint)));
        }
        return new StateResult(state, start.choice(), written);
    }

    /**
     * Every aggregate's state (of {@code aggregateType}, null: of every type the model has) at
     * {@code cut}, each started from its newest usable snapshot when {@code policy} allows.
     */
    public ReplayResult replay(String aggregateType, Cut cut, Policy policy, Consumer<AggregateState> sink) {
        return replay(aggregateType, cut, policy, sink, ReadProgress.NONE);
    }

    /** As {@link #replay(String, Cut, Policy, Consumer)}, telling {@code progress} how far the read has come. */
    public ReplayResult replay(
            String aggregateType, Cut cut, Policy policy, Consumer<AggregateState> sink, ReadProgress progress) {
        Replayer.requireManyStreams(cut);
        TimeMachine m = machine();
        List<String> types = aggregateType != null
                ? List.of(m.model().aggregate(aggregateType).type())
                : List.copyOf(m.model().aggregates().keySet());
        ResolvedCut resolved = ResolvedCut.resolve(cut, events);
        Map<StreamId, Folded> starts = new HashMap<>();
        if (policy.read()) {
            for (String type : types) {
                String fingerprint = fingerprints().of(type);
                for (List<SnapshotInfo> ofStream : byStream(reads.list(type))) {
                    StreamId stream = ofStream.get(0).stream();
                    Start start = start(stream, fingerprint, resolved, ofStream);
                    if (start.folded() != null) {
                        starts.put(stream, start.folded());
                    }
                }
            }
        }
        List<NewSnapshot> due = new ArrayList<>();
        boolean write = policy.read() && policy.write();
        Replayer.Summary summary = new Replayer(m)
                .replay(
                        aggregateType,
                        resolved,
                        starts,
                        s -> {
                            sink.accept(s);
                            String type = s.stream().aggregateType();
                            if (write && due(m.model().aggregate(type), s)) {
                                due.add(snapshotOf(s, fingerprints().of(type)));
                            }
                        },
                        progress);
        return new ReplayResult(summary, starts.size(), write(due));
    }

    // ---------------------------------------------------------------- making snapshots

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
        ResolvedCut resolved = ResolvedCut.resolve(cut, events);
        List<NewSnapshot> pending = new ArrayList<>();
        List<SnapshotInfo> created = new ArrayList<>();
        long upToDate = 0;
        long empty = 0;
        for (StreamId stream : streams) {
            String fingerprint = fingerprints().of(stream.aggregateType());
            AggregateModel aggregate = m.model().aggregate(stream.aggregateType());
            Start start = start(stream, fingerprint, resolved, reads.list(stream));
            AggregateState state = m.stateFrom(stream, resolved, start.from(aggregate), false);
            if (state.position() == 0) {
                empty++;
            } else if (start.folded() != null && state.folded().applied() == 0) {
                upToDate++;
            } else {
                pending.add(snapshotOf(state, fingerprint));
                if (pending.size() >= BATCH) {
                    created.addAll(writes.get().save(pending));
                    pending.clear();
                }
            }
        }
        created.addAll(writes.get().save(pending));
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

    // ---------------------------------------------------------------- shared

    /** Where a fold starts: a loaded snapshot (null: the initial state), and why. */
    record Start(Folded folded, Choice choice) {
        Folded from(AggregateModel aggregate) {
            return folded != null ? folded : Folded.initial(aggregate.initial());
        }
    }

    /** The newest usable snapshot among {@code infos} (newest first), loaded. */
    Start start(StreamId stream, String fingerprint, ResolvedCut cut, List<SnapshotInfo> infos) {
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
    private static boolean due(AggregateModel aggregate, AggregateState state) {
        return aggregate.snapshotEvery().isPresent()
                && state.folded().applied() > aggregate.snapshotEvery().getAsInt()
                && !state.outOfOrder()
                && state.position() > 0;
    }

    private static NewSnapshot snapshotOf(AggregateState s, String fingerprint) {
        return new NewSnapshot(
                s.stream(), s.version(), s.position(), s.folded().validTime(), fingerprint, JsonDoc.of(s.state()));
    }

    private Written write(List<NewSnapshot> due) {
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
    static List<List<SnapshotInfo>> byStream(List<SnapshotInfo> infos) {
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

    boolean hasModel() {
        return model != null;
    }

    ReadEvents events() {
        return events;
    }

    SnapshotStore reads() {
        return reads;
    }

    SnapshotStore writes() {
        return writes.get();
    }

    TimeMachine machine() {
        if (model == null) {
            throw new NotFoundException(
                    "no model: this command needs the reducers of eventscope.yaml",
                    "pass --model FILE, set EVENTSCOPE_MODEL, or create eventscope.yaml in this directory");
        }
        if (machine == null) {
            machine = new TimeMachine(events, model, new EventSource(EventReader.of(() -> events), model.transform()));
        }
        return machine;
    }

    Fingerprints fingerprints() {
        machine();
        if (fingerprints == null) {
            fingerprints = new Fingerprints(model);
        }
        return fingerprints;
    }
}
