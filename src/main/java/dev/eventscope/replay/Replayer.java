package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.pipeline.EventTree;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.EventQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Every aggregate's state at a cut ({@code evs replay}): one read of the events in position order
 * through the pipeline, folding each into its aggregate's state. Memory holds one state per
 * aggregate, never the events. Only aggregates with at least one event inside the cut are
 * reported, sorted by aggregate type and id.
 */
public final class Replayer {

    /** What a replay did. */
    public record Summary(
            ResolvedCut cut,
            long aggregates,
            long events,
            Map<String, Long> skippedTypes,
            List<StreamId> outOfOrder,
            long outOfOrderCount) {}

    /** At most this many out-of-order streams are named in the summary. */
    static final int NAMED = 10;

    private final TimeMachine machine;

    public Replayer(TimeMachine machine) {
        this.machine = machine;
    }

    private static final class Entry {
        final Folded start;
        Folded folded;
        boolean excluded;
        boolean outOfOrder;
        boolean stopped;

        Entry(Folded start) {
            this.start = start;
            this.folded = start;
        }
    }

    /**
     * Replays every aggregate of {@code aggregateType} (null: of every type the model has) to
     * {@code cut}, handing each state to {@code sink} once all events are folded.
     */
    public Summary replay(String aggregateType, Cut cut, Consumer<AggregateState> sink) {
        requireManyStreams(cut);
        return replay(aggregateType, ResolvedCut.resolve(cut, machine.store()), Map.of(), sink);
    }

    /** A replay needs a cut that applies to every stream. */
    public static void requireManyStreams(Cut cut) {
        if (cut instanceof Cut.Version) {
            throw new UsageException(
                    "--version cuts one stream; replay covers many", "use --at, --as-of or --position with replay");
        }
    }

    /**
     * {@link #replay(String, Cut, Consumer)} at a resolved cut, folding the streams in
     * {@code starts} from the point given there (snapshots inside the cut) instead of their
     * initial state: their events up to that point are read but not folded again.
     */
    public Summary replay(
            String aggregateType, ResolvedCut resolved, Map<StreamId, Folded> starts, Consumer<AggregateState> sink) {
        return replay(aggregateType, resolved, starts, sink, Progress.NONE);
    }

    /**
     * As {@link #replay(String, ResolvedCut, Map, Consumer)}, telling {@code progress} how far the
     * read has come. Stops with a {@link java.util.concurrent.CancellationException} when the
     * thread is interrupted.
     */
    public Summary replay(
            String aggregateType,
            ResolvedCut resolved,
            Map<StreamId, Folded> starts,
            Consumer<AggregateState> sink,
            Progress progress) {
        requireManyStreams(resolved.cut());
        return fold(aggregateType, resolved, starts, null, sink, progress);
    }

    /**
     * Walks every aggregate of {@code aggregateType} from its first event (never a snapshot),
     * showing each applied event to {@code visitor}: false stops that aggregate's walk. Then hands
     * each aggregate with an event inside the cut to {@code sink} with the point its walk reached.
     */
    Summary walk(
            String aggregateType, ResolvedCut resolved, TimeMachine.Visitor visitor, Consumer<AggregateState> sink) {
        requireManyStreams(resolved.cut());
        return fold(aggregateType, resolved, Map.of(), visitor, sink, Progress.NONE);
    }

    /**
     * The one loop that folds many streams in one read in position order: each stream from its
     * start (a snapshot's point, or its initial state), events not inside the cut skipped, a
     * stream's walk ended when {@code visitor} (null: none) says so.
     */
    private Summary fold(
            String aggregateType,
            ResolvedCut resolved,
            Map<StreamId, Folded> starts,
            TimeMachine.Visitor visitor,
            Consumer<AggregateState> sink,
            Progress progress) {
        Map<String, Folder> folders = new HashMap<>();
        if (aggregateType != null) {
            folders.put(aggregateType, new Folder(machine.model().aggregate(aggregateType)));
        } else {
            for (AggregateModel a : machine.model().aggregates().values()) {
                folders.put(a.type(), new Folder(a));
            }
        }
        Map<StreamId, Entry> entries = new HashMap<>();
        Map<String, Long> skipped = new TreeMap<>();
        long events = 0;
        EventQuery query = EventQuery.ALL.withStream(aggregateType, null).withPositions(null, resolved.upTo());
        progress.begin("replaying", Progress.Unit.EVENTS, resolved.upTo());
        // a plain replay reads no event's links or hash; a walk's visitor may (bisect --all)
        try (Stream<RecordedEvent> stream = visitor == null
                ? machine.source().scanForFold(query)
                : machine.source().scan(query)) {
            Iterator<RecordedEvent> it = stream.iterator();
            while (it.hasNext()) {
                RecordedEvent e = it.next();
                progress.at(e.position());
                Folder folder = folders.get(e.aggregateType());
                if (folder == null) {
                    skipped.merge(e.aggregateType(), 1L, Long::sum);
                    continue;
                }
                Entry entry = entries.get(e.stream());
                if (entry == null) {
                    entry = new Entry(starts.getOrDefault(e.stream(), folder.start()));
                    entries.put(e.stream(), entry);
                }
                if (entry.stopped || e.streamVersion() <= entry.start.version()) {
                    continue;
                }
                if (!resolved.happened(e)) {
                    entry.excluded = true;
                    continue;
                }
                entry.outOfOrder |= entry.excluded;
                JsonNode tree = EventTree.lazy(e);
                Folded before = entry.folded;
                entry.folded = folder.apply(before, e, tree);
                events++;
                if (visitor != null && !visitor.applied(e, tree, before, entry.folded)) {
                    entry.stopped = true;
                }
            }
        } finally {
            progress.end();
        }
        List<StreamId> order = new ArrayList<>(entries.keySet());
        order.sort(null);
        long aggregates = 0;
        long outOfOrderCount = 0;
        List<StreamId> outOfOrder = new ArrayList<>();
        for (StreamId id : order) {
            Entry entry = entries.get(id);
            if (entry.outOfOrder) {
                outOfOrderCount++;
                if (outOfOrder.size() < NAMED) {
                    outOfOrder.add(id);
                }
            }
            // no event inside the cut, neither folded now nor in the snapshot started from
            if (entry.folded.position() == 0) {
                continue;
            }
            aggregates++;
            sink.accept(new AggregateState(
                    id, resolved, entry.start.state(), entry.folded, entry.outOfOrder, List.of(), 0));
        }
        return new Summary(resolved, aggregates, events, skipped, outOfOrder, outOfOrderCount);
    }
}
