package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.model.Conditions;
import dev.eventscope.model.JsltRule;
import dev.eventscope.model.RuleFailure;
import dev.eventscope.pipeline.EventTree;
import dev.eventscope.store.EventQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The first event after which a condition on the state holds ({@code evs bisect}).
 *
 * <p>The condition is evaluated on the state after every event in version order (conditions need
 * not be monotonic, so every event is tried rather than halving the range), and once on the
 * initial state, where {@code .} and {@code $event} are null.
 */
public final class Bisector {

    /**
     * @param found whether the condition holds at some point inside the cut
     * @param fromStart it already holds on the initial state (then {@code event} is null)
     * @param event the first event after which it holds (null when not found or from the start)
     * @param before the state before that event
     * @param after the state after it
     * @param examined how many events were folded
     */
    public record Result(
            StreamId stream,
            ResolvedCut cut,
            String condition,
            boolean found,
            boolean fromStart,
            RecordedEvent event,
            Folded before,
            Folded after,
            long examined) {}

    private final TimeMachine machine;

    public Bisector(TimeMachine machine) {
        this.machine = machine;
    }

    /** The first event of one aggregate after which {@code condition} holds. */
    public Result bisect(String aggregateId, String aggregateType, String condition, Cut cut) {
        StreamId stream = machine.resolve(aggregateId, aggregateType);
        AggregateModel model = machine.model().aggregate(stream.aggregateType());
        JsltRule when = Conditions.onState(condition, "--when", model);
        Folder folder = new Folder(model);
        ResolvedCut resolved = ResolvedCut.resolve(cut, machine.store());
        Folded start = folder.start();
        if (test(when, NullNode.instance, start.state(), null)) {
            return new Result(stream, resolved, condition, true, true, null, start, start, 0);
        }
        Result[] hit = {null};
        StreamFolder.Outcome outcome =
                StreamFolder.fold(machine.source(), stream, folder, resolved, start, (e, tree, before, after) -> {
                    if (test(when, tree, after.state(), e)) {
                        hit[0] =
                                new Result(stream, resolved, condition, true, false, e, before, after, after.applied());
                        return false;
                    }
                    return true;
                });
        if (hit[0] != null) {
            return hit[0];
        }
        Folded end = outcome.folded();
        return new Result(stream, resolved, condition, false, false, null, end, end, end.applied());
    }

    /**
     * For every aggregate of {@code aggregateType}, the first event after which {@code condition}
     * holds; results for aggregates with at least one event inside the cut, sorted by id. One read
     * in position order; memory holds one state per aggregate still being searched.
     */
    public long bisectAll(String aggregateType, String condition, Cut cut, Consumer<Result> sink) {
        if (aggregateType == null) {
            throw new UsageException(
                    "--all needs --aggregate-type",
                    "e.g. evs bisect --all --aggregate-type Order" + " --when '$state.status == \"SHIPPED\"'");
        }
        if (cut instanceof Cut.Version) {
            throw new UsageException("--version cuts one stream; --all covers many", "use --at, --as-of or --position");
        }
        AggregateModel model = machine.model().aggregate(aggregateType);
        JsltRule when = Conditions.onState(condition, "--when", model);
        Folder folder = new Folder(model);
        ResolvedCut resolved = ResolvedCut.resolve(cut, machine.store());
        boolean fromStart = test(when, NullNode.instance, folder.start().state(), null);
        Map<StreamId, Folded> searching = new HashMap<>();
        Map<StreamId, Result> results = new HashMap<>();
        EventQuery query = EventQuery.ALL.withStream(aggregateType, null).withPositions(null, resolved.upTo());
        try (Stream<RecordedEvent> events = machine.source().read(query)) {
            Iterator<RecordedEvent> it = events.iterator();
            while (it.hasNext()) {
                RecordedEvent e = it.next();
                if (results.containsKey(e.stream()) || !resolved.happened(e)) {
                    continue;
                }
                if (fromStart) {
                    Folded s = folder.start();
                    results.put(e.stream(), new Result(e.stream(), resolved, condition, true, true, null, s, s, 0));
                    continue;
                }
                Folded before = searching.getOrDefault(e.stream(), folder.start());
                JsonNode tree = EventTree.lazy(e);
                Folded after = folder.apply(before, e, tree);
                if (test(when, tree, after.state(), e)) {
                    searching.remove(e.stream());
                    results.put(
                            e.stream(),
                            new Result(
                                    e.stream(), resolved, condition, true, false, e, before, after, after.applied()));
                } else {
                    searching.put(e.stream(), after);
                }
            }
        }
        for (Map.Entry<StreamId, Folded> s : searching.entrySet()) {
            Folded f = s.getValue();
            results.put(s.getKey(), new Result(s.getKey(), resolved, condition, false, false, null, f, f, f.applied()));
        }
        List<StreamId> order = new ArrayList<>(results.keySet());
        order.sort(null);
        for (StreamId id : order) {
            sink.accept(results.get(id));
        }
        return order.size();
    }

    private static boolean test(JsltRule when, JsonNode event, JsonNode state, RecordedEvent e) {
        try {
            return when.test(event, state);
        } catch (RuleFailure f) {
            if (e == null) {
                throw new InvalidInputException(
                        "--when failed on the initial state", List.of(f.location() + ": " + f.getMessage()), null);
            }
            throw Folder.failed(f, e);
        }
    }
}
