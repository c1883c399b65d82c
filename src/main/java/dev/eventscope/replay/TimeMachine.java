package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.model.Model;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.NewSnapshot;
import dev.eventscope.store.ReadEvents;
import dev.eventscope.store.SnapshotInfo;
import dev.eventscope.store.StoreHead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one entry point of folding: the state of one aggregate at a cut ({@code state}, and the
 * states {@code diff}, {@code bisect}, {@code whatif}, {@code audit} and {@code snapshot} need),
 * every aggregate's state at a cut ({@code replay}), and walks that see every event. A change to
 * how events fold, or to when snapshots are used, is made here (and in {@link Folder},
 * {@link StreamFolder} and {@link Replayer}, which it drives) and nowhere else.
 *
 * <p><b>When snapshots are used</b> (one rule, {@link #effective}): a fold starts from the newest
 * usable snapshot ({@link SnapshotStarts}) unless its policy turns reading off ({@code
 * --no-snapshot}) or it must see the stream from its first event: a timeline ({@link
 * Steps#TIMELINE}: {@code --trace-state}, {@code diff}) and every walk ({@code bisect}, {@code
 * snapshot verify}). A state folded past {@code snapshotEvery} is kept as a snapshot afterwards when
 * the policy allows writing. The answer is the same either way.
 *
 * <p>Every event is read through the pipeline ({@link EventSource}), so the model's transform
 * (upcasters) applies. Answers of {@link #state} are kept in the session's {@link StateCache} while
 * the store's head stays where it was. Not thread-safe.
 */
public final class TimeMachine {

    /** Which applied events a state keeps, with the state after each. */
    public enum Steps {
        /** None: only the end state. */
        NONE,
        /** Those applied by this fold (after the snapshot it started from): {@code --explain}. */
        APPLIED,
        /** Every event from the first: a timeline ({@code --trace-state}, {@code diff}). */
        TIMELINE
    }

    /** A state at a cut, with the snapshot it started from (or why none) and what it wrote. */
    public record StateResult(AggregateState state, Choice choice, SnapshotStarts.Written written) {}

    /** A replay, with how many aggregates started from a snapshot and what it wrote. */
    public record ReplayResult(Replayer.Summary summary, long fromSnapshots, SnapshotStarts.Written written) {}

    /** What a walk of one stream reached, and whether the visitor stopped it. */
    public record Walk(Folded folded, boolean stopped) {}

    /** Sees each applied event of a walk; returns false to stop that stream's walk there. */
    @FunctionalInterface
    public interface Visitor {
        boolean applied(RecordedEvent event, JsonNode tree, Folded before, Folded after);
    }

    private final ReadEvents store;
    private final Model model;
    private final EventSource source;
    private final StateCache cache;
    private final SnapshotStarts snapshots;
    private Fingerprints fingerprints;

    /** Folds without snapshots and without a cache. */
    public TimeMachine(ReadEvents store, Model model, EventSource source) {
        this(store, model, source, null, null);
    }

    /** Folds with a cache of the session's states (null: none), without snapshots. */
    public TimeMachine(ReadEvents store, Model model, EventSource source, StateCache cache) {
        this(store, model, source, cache, null);
    }

    /**
     * @param cache states already folded in this session (null: none); reused while the store's
     *     head is unchanged
     * @param snapshots the store's snapshots (null: folds never use or write one)
     */
    public TimeMachine(ReadEvents store, Model model, EventSource source, StateCache cache, SnapshotStarts snapshots) {
        this.store = store;
        this.model = model;
        this.source = source;
        this.cache = cache;
        this.snapshots = snapshots;
    }

    public ReadEvents store() {
        return store;
    }

    public Model model() {
        return model;
    }

    public EventSource source() {
        return source;
    }

    /** The snapshots folds start from, or null. */
    public SnapshotStarts snapshots() {
        return snapshots;
    }

    /** The fingerprints of the model's aggregates, that snapshots are made under. */
    public Fingerprints fingerprints() {
        if (fingerprints == null) {
            fingerprints = new Fingerprints(model);
        }
        return fingerprints;
    }

    /**
     * The stream of the aggregate with id {@code aggregateId} (of {@code aggregateType} when given).
     *
     * @throws NotFoundException when there is no such aggregate
     * @throws UsageException when several aggregate types have that id and no type was given
     */
    public StreamId resolve(String aggregateId, String aggregateType) {
        return resolve(store, aggregateId, aggregateType);
    }

    /** {@link #resolve(String, String)} in {@code store}, for readers that fold nothing. */
    public static StreamId resolve(ReadEvents store, String aggregateId, String aggregateType) {
        if (aggregateType != null) {
            StreamId stream;
            try {
                stream = new StreamId(aggregateType, aggregateId);
            } catch (IllegalArgumentException e) {
                // a name no stream can have (a control character, empty): bad input, not a bug
                throw new UsageException(
                        "no aggregate can be named so: " + e.getMessage(),
                        "aggregate types and ids are names without control characters; list them with 'evs"
                                + " streams'");
            }
            if (store.currentVersion(stream) == 0) {
                throw new NotFoundException(
                        "no aggregate " + stream + " in the store",
                        "list the aggregates with 'evs streams --aggregate-type " + aggregateType + "'");
            }
            return stream;
        }
        List<String> types = store.aggregateTypesOf(aggregateId);
        if (types.isEmpty()) {
            throw new NotFoundException(
                    "no aggregate with id " + aggregateId + " in the store", "list the aggregates with 'evs streams'");
        }
        if (types.size() > 1) {
            List<String> options = new ArrayList<>();
            for (String t : types) {
                options.add("--aggregate-type " + t);
            }
            throw new UsageException(
                    "aggregates of several types have the id " + aggregateId + ": " + String.join(", ", types),
                    "pass " + String.join(" or ", options));
        }
        return new StreamId(types.get(0), aggregateId);
    }

    /** {@code cut} resolved against the store: the highest position it admits. */
    public ResolvedCut resolve(Cut cut) {
        return ResolvedCut.resolve(cut, store);
    }

    // ---------------------------------------------------------------- one aggregate

    /**
     * The state of the aggregate {@code aggregateId} at {@code cut}, keeping the {@code steps} asked
     * for, started from a snapshot when {@link #effective the rule} allows, and kept as a new
     * snapshot afterwards when the policy and the aggregate's {@code snapshotEvery} say so.
     */
    public StateResult state(String aggregateId, String aggregateType, Cut cut, Steps steps, Policy policy) {
        Policy effective = effective(policy, steps);
        if (cache == null || steps == Steps.APPLIED) {
            // an explanation describes a fold that happens now, never a remembered one
            return fold(aggregateId, aggregateType, cut, steps, effective);
        }
        StoreHead head = store.head();
        StateResult[] fresh = {null};
        StateResult answer = cache.get(
                new StateCache.Key(aggregateId, aggregateType, cut, steps, effective.read()),
                head,
                () -> fresh[0] = fold(aggregateId, aggregateType, cut, steps, effective));
        // a remembered answer wrote nothing now
        return answer == fresh[0]
                ? answer
                : new StateResult(answer.state(), answer.choice(), SnapshotStarts.Written.NOTHING);
    }

    /**
     * The state of the aggregate {@code aggregateId} at {@code cut} folded from its first event,
     * with every step when {@code keepSteps} (a timeline).
     */
    public AggregateState state(String aggregateId, String aggregateType, Cut cut, boolean keepSteps) {
        return state(aggregateId, aggregateType, cut, keepSteps ? Steps.TIMELINE : Steps.NONE, Policy.NONE)
                .state();
    }

    /**
     * The rule of when folds use snapshots: as the policy says, except that a timeline starts at
     * the first event ({@code --no-snapshot} keeps its own name in explanations).
     */
    static Policy effective(Policy policy, Steps steps) {
        return steps == Steps.TIMELINE && policy.read() ? new Policy("--trace-state", false) : policy;
    }

    private StateResult fold(String aggregateId, String aggregateType, Cut cut, Steps steps, Policy policy) {
        StreamId stream = resolve(aggregateId, aggregateType);
        AggregateModel aggregate = model.aggregate(stream.aggregateType());
        ResolvedCut resolved = resolve(cut);
        boolean read = policy.read() && snapshots != null;
        String fingerprint = read ? fingerprints().of(stream.aggregateType()) : null;
        SnapshotStarts.Start start = read
                ? snapshots.start(stream, fingerprint, resolved)
                : new SnapshotStarts.Start(null, Choice.disabled(policy.readOffBy()));
        AggregateState state = stateFrom(stream, resolved, start.from(aggregate), steps != Steps.NONE);
        SnapshotStarts.Written written = SnapshotStarts.Written.NOTHING;
        if (read && policy.write() && SnapshotStarts.due(aggregate, state)) {
            written = snapshots.write(List.of(SnapshotStarts.snapshotOf(state, fingerprint)));
        }
        return new StateResult(state, start.choice(), written);
    }

    /**
     * The state of {@code stream} at {@code cut}, folded from {@code start} instead of the initial
     * state ({@code start} is a snapshot's state, version and position; only later events are
     * read). {@code start} must lie inside the cut and, for a valid-time cut, hold only events at or
     * before its time.
     */
    public AggregateState stateFrom(StreamId stream, ResolvedCut cut, Folded start, boolean keepSteps) {
        Folder folder = new Folder(model.aggregate(stream.aggregateType()));
        return state(source, stream, folder, cut, start, keepSteps);
    }

    /** {@link #stateFrom(StreamId, ResolvedCut, Folded, boolean)} at a cut not yet resolved. */
    public AggregateState stateFrom(StreamId stream, Cut cut, Folded start, boolean keepSteps) {
        return stateFrom(stream, resolve(cut), start, keepSteps);
    }

    /**
     * Folds {@code stream} from its first event up to {@code cut}, showing every applied event to
     * {@code visitor}, which returns false to stop there. Holds one state at a time, however long
     * the stream; never starts from a snapshot (a walk sees every event).
     */
    public Walk walk(StreamId stream, ResolvedCut cut, Visitor visitor) {
        return walk(stream, cut, 0, visitor);
    }

    /**
     * {@link #walk(StreamId, ResolvedCut, Visitor)} reading at most {@code maxEvents} events of the
     * stream (0: all), for a caller that stops within them: a page of a long stream's history.
     */
    public Walk walk(StreamId stream, ResolvedCut cut, long maxEvents, Visitor visitor) {
        Folder folder = new Folder(model.aggregate(stream.aggregateType()));
        StreamFolder.Outcome outcome =
                StreamFolder.fold(source, stream, folder, cut, folder.start(), maxEvents, visitor::applied);
        return new Walk(outcome.folded(), outcome.stopped());
    }

    /** {@link #walk(StreamId, ResolvedCut, Visitor)} that only sees the point after each event. */
    public Folded walk(StreamId stream, ResolvedCut cut, Predicate<Folded> visit) {
        return walk(stream, cut, (e, tree, before, after) -> visit.test(after)).folded();
    }

    /**
     * The state of {@code stream} read from {@code from} (any source: specs and what-if timelines
     * read events held in memory), folded with {@code aggregate}'s rules from its initial state.
     */
    public static AggregateState stateOf(EventSource from, StreamId stream, AggregateModel aggregate, ResolvedCut cut) {
        Folder folder = new Folder(aggregate);
        return state(from, stream, folder, cut, folder.start(), false);
    }

    /** The state of {@code stream} read from {@code from}, folded from {@code start} up to {@code cut}. */
    static AggregateState state(
            EventSource from, StreamId stream, Folder folder, ResolvedCut cut, Folded start, boolean keepSteps) {
        long began = System.nanoTime();
        List<AggregateState.Step> steps = new ArrayList<>();
        StreamFolder.Listener listener = keepSteps
                ? (e, tree, before, after) -> steps.add(new AggregateState.Step(e, after.state()))
                : StreamFolder.NONE;
        StreamFolder.Outcome outcome = StreamFolder.fold(from, stream, folder, cut, start, listener);
        return new AggregateState(
                stream, cut, start.state(), outcome.folded(), outcome.outOfOrder(), steps, System.nanoTime() - began);
    }

    // ---------------------------------------------------------------- every aggregate

    /**
     * Every aggregate's state (of {@code aggregateType}, null: of every type the model has) at
     * {@code cut}, handed to {@code sink} sorted by type and id; each started from its newest usable
     * snapshot when the policy allows, and kept as a new one as {@link #state} does.
     */
    public ReplayResult replay(
            String aggregateType, Cut cut, Policy policy, Consumer<AggregateState> sink, Progress progress) {
        Replayer.requireManyStreams(cut);
        List<String> types = aggregateType != null
                ? List.of(model.aggregate(aggregateType).type())
                : List.copyOf(model.aggregates().keySet());
        ResolvedCut resolved = resolve(cut);
        boolean read = policy.read() && snapshots != null;
        Map<StreamId, Folded> starts = new HashMap<>();
        if (read) {
            for (String type : types) {
                String fingerprint = fingerprints().of(type);
                for (List<SnapshotInfo> ofStream :
                        SnapshotStarts.byStream(snapshots.reads().list(type))) {
                    StreamId stream = ofStream.get(0).stream();
                    SnapshotStarts.Start start = snapshots.start(fingerprint, resolved, ofStream);
                    if (start.folded() != null) {
                        starts.put(stream, start.folded());
                    }
                }
            }
        }
        List<NewSnapshot> due = new ArrayList<>();
        boolean write = read && policy.write();
        Replayer.Summary summary = new Replayer(this)
                .replay(
                        aggregateType,
                        resolved,
                        starts,
                        s -> {
                            sink.accept(s);
                            String type = s.stream().aggregateType();
                            if (write && SnapshotStarts.due(model.aggregate(type), s)) {
                                due.add(SnapshotStarts.snapshotOf(
                                        s, fingerprints().of(type)));
                            }
                        },
                        progress);
        return new ReplayResult(summary, starts.size(), write ? snapshots.write(due) : SnapshotStarts.Written.NOTHING);
    }

    /**
     * Walks every aggregate of {@code aggregateType} from its first event up to {@code cut} in one
     * read in position order, showing each applied event to {@code visitor} (false stops that
     * aggregate's walk), then hands each aggregate with an event inside the cut to {@code sink},
     * sorted by id, with the point its walk reached.
     */
    public Replayer.Summary walkAll(
            String aggregateType, ResolvedCut cut, Visitor visitor, Consumer<AggregateState> sink) {
        return new Replayer(this).walk(aggregateType, cut, visitor, sink);
    }
}
