package dev.eventscope.replay;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.model.Model;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.store.ReadEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Temporal questions about aggregates: the state of one at a cut (with the events applied and the
 * state after each, on request), and finding an aggregate by its id. {@link Replayer},
 * {@link Differ}, {@link Bisector} and {@link WhatIf} build on it.
 *
 * <p>Every event is read through the pipeline ({@link EventSource}), so the model's transform
 * (upcasters) applies. Not thread-safe.
 */
public final class TimeMachine {

    private final ReadEvents store;
    private final Model model;
    private final EventSource source;
    private final StateCache cache;

    public TimeMachine(ReadEvents store, Model model, EventSource source) {
        this(store, model, source, null);
    }

    /**
     * @param cache states already folded in this session (null: none); reused while the store's
     *     head is unchanged
     */
    public TimeMachine(ReadEvents store, Model model, EventSource source, StateCache cache) {
        this.store = store;
        this.model = model;
        this.source = source;
        this.cache = cache;
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

    /**
     * The stream of the aggregate with id {@code aggregateId} (of {@code aggregateType} when given).
     *
     * @throws NotFoundException when there is no such aggregate
     * @throws UsageException when several aggregate types have that id and no type was given
     */
    public StreamId resolve(String aggregateId, String aggregateType) {
        if (aggregateType != null) {
            StreamId stream = new StreamId(aggregateType, aggregateId);
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

    /**
     * The state of the aggregate {@code aggregateId} at {@code cut}; from the session's cache when
     * the same question was answered at the same store head.
     *
     * @param keepSteps keep each applied event with the state after it (for --explain, --trace-state)
     */
    public AggregateState state(String aggregateId, String aggregateType, Cut cut, boolean keepSteps) {
        if (cache == null) {
            return fold(aggregateId, aggregateType, cut, keepSteps);
        }
        return cache.get(
                new StateCache.Key(aggregateId, aggregateType, cut, keepSteps),
                store.head(),
                () -> fold(aggregateId, aggregateType, cut, keepSteps));
    }

    private AggregateState fold(String aggregateId, String aggregateType, Cut cut, boolean keepSteps) {
        StreamId stream = resolve(aggregateId, aggregateType);
        Folder folder = new Folder(model.aggregate(stream.aggregateType()));
        return state(source, stream, folder, ResolvedCut.resolve(cut, store), folder.start(), keepSteps);
    }

    /**
     * The state of {@code stream} at {@code cut}, folded from {@code start} instead of the initial
     * state: the entry point for snapshots ({@code start} is a snapshot's state, version and
     * position; only later events are read).
     */
    public AggregateState stateFrom(StreamId stream, Cut cut, Folded start, boolean keepSteps) {
        return stateFrom(stream, ResolvedCut.resolve(cut, store), start, keepSteps);
    }

    /**
     * {@link #stateFrom(StreamId, Cut, Folded, boolean)} at a cut already resolved (the one a
     * snapshot was chosen for). {@code start} must lie inside the cut and, for a valid-time cut,
     * hold only events at or before its time.
     */
    public AggregateState stateFrom(StreamId stream, ResolvedCut cut, Folded start, boolean keepSteps) {
        Folder folder = new Folder(model.aggregate(stream.aggregateType()));
        return state(source, stream, folder, cut, start, keepSteps);
    }

    /**
     * Folds {@code stream} from its initial state up to {@code cut}, handing the point reached
     * after each applied event to {@code visit}, which returns false to stop there. Holds one
     * state at a time, however long the stream (for checking snapshots against a fresh fold).
     *
     * @return the point the fold ended at
     */
    public Folded walk(StreamId stream, ResolvedCut cut, Predicate<Folded> visit) {
        Folder folder = new Folder(model.aggregate(stream.aggregateType()));
        return StreamFolder.fold(
                        source, stream, folder, cut, folder.start(), (e, tree, before, after) -> visit.test(after))
                .folded();
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
}
