package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.model.Conditions;
import dev.eventscope.model.JsltRule;
import dev.eventscope.model.RuleFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
            long examined) {

        /**
         * The public JSON shape ({@code bisect -o json}); {@code withStates} adds the states before
         * and after the event (one aggregate's answer, not {@code --all}'s lines).
         */
        public ObjectNode json(boolean withStates) {
            ObjectNode o = Json.object();
            o.put("aggregateType", stream.aggregateType());
            o.put("aggregateId", stream.aggregateId());
            o.put("when", condition);
            o.set("cut", cut.json());
            o.put("found", found);
            o.put("fromStart", fromStart);
            if (event != null) {
                o.put("version", event.streamVersion());
                o.put("position", event.position());
                o.set("event", EventJson.toNode(event, false));
            } else {
                o.putNull("event");
            }
            o.put("examined", examined);
            if (withStates) {
                o.set("before", before.state());
                o.set("after", after.state());
            }
            return o;
        }
    }

    private final TimeMachine machine;

    public Bisector(TimeMachine machine) {
        this.machine = machine;
    }

    /** The first event of one aggregate after which {@code condition} holds. */
    public Result bisect(String aggregateId, String aggregateType, String condition, Cut cut) {
        StreamId stream = machine.resolve(aggregateId, aggregateType);
        AggregateModel model = machine.model().aggregate(stream.aggregateType());
        JsltRule when = Conditions.onState(condition, "--when", model);
        ResolvedCut resolved = machine.resolve(cut);
        Folded start = Folded.initial(model.initial());
        if (test(when, NullNode.instance, start.state(), null)) {
            return new Result(stream, resolved, condition, true, true, null, start, start, 0);
        }
        Result[] hit = {null};
        TimeMachine.Walk walk = machine.walk(stream, resolved, (e, tree, before, after) -> {
            if (test(when, tree, after.state(), e)) {
                hit[0] = new Result(stream, resolved, condition, true, false, e, before, after, after.applied());
                return false;
            }
            return true;
        });
        if (hit[0] != null) {
            return hit[0];
        }
        Folded end = walk.folded();
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
        ResolvedCut resolved = machine.resolve(cut);
        Folded initial = Folded.initial(model.initial());
        boolean fromStart = test(when, NullNode.instance, initial.state(), null);
        Map<StreamId, Result> hits = new HashMap<>();
        Replayer.Summary summary = machine.walkAll(
                aggregateType,
                resolved,
                (e, tree, before, after) -> {
                    if (fromStart) {
                        return false;
                    }
                    if (test(when, tree, after.state(), e)) {
                        hits.put(
                                e.stream(),
                                new Result(
                                        e.stream(),
                                        resolved,
                                        condition,
                                        true,
                                        false,
                                        e,
                                        before,
                                        after,
                                        after.applied()));
                        return false;
                    }
                    return true;
                },
                s -> {
                    Result hit = hits.get(s.stream());
                    if (fromStart) {
                        hit = new Result(s.stream(), resolved, condition, true, true, null, initial, initial, 0);
                    } else if (hit == null) {
                        Folded f = s.folded();
                        hit = new Result(s.stream(), resolved, condition, false, false, null, f, f, f.applied());
                    }
                    sink.accept(hit);
                });
        return summary.aggregates();
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
