package dev.eventscope.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Cut;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How one aggregate's state changed between two cuts ({@code evs diff}): both states, the RFC 6902
 * JSON Patch from the first to the second, and the events that make the difference.
 */
public final class Differ {

    /**
     * @param added events folded at {@code to} but not at {@code from}, in version order
     * @param removed events folded at {@code from} but not at {@code to} (when {@code to} is the
     *     earlier cut), in version order
     */
    public record Result(
            AggregateState from,
            AggregateState to,
            ArrayNode patch,
            List<RecordedEvent> added,
            List<RecordedEvent> removed) {

        public StreamId stream() {
            return to.stream();
        }

        /** The public JSON shape ({@code diff -o json}). */
        public ObjectNode json() {
            ObjectNode o = Json.object();
            o.put("aggregateType", stream().aggregateType());
            o.put("aggregateId", stream().aggregateId());
            o.set("from", side(from));
            o.set("to", side(to));
            o.set("patch", patch);
            o.set("events", events(added));
            if (!removed.isEmpty()) {
                o.set("eventsOnlyInFrom", events(removed));
            }
            return o;
        }

        private static ObjectNode side(AggregateState s) {
            ObjectNode o = s.json();
            o.remove("aggregateType");
            o.remove("aggregateId");
            return o;
        }

        private static ArrayNode events(List<RecordedEvent> events) {
            ArrayNode a = Json.mapper().createArrayNode();
            for (RecordedEvent e : events) {
                a.add(EventJson.toNode(e, false));
            }
            return a;
        }
    }

    private final TimeMachine machine;

    public Differ(TimeMachine machine) {
        this.machine = machine;
    }

    public Result diff(String aggregateId, String aggregateType, Cut from, Cut to) {
        AggregateState a = machine.state(aggregateId, aggregateType, from, true);
        AggregateState b = machine.state(a.stream().aggregateId(), a.stream().aggregateType(), to, true);
        return new Result(a, b, JsonPatch.diff(a.state(), b.state()), minus(b, a), minus(a, b));
    }

    private static List<RecordedEvent> minus(AggregateState x, AggregateState y) {
        Set<UUID> inY = new HashSet<>();
        for (AggregateState.Step s : y.steps()) {
            inY.add(s.event().eventId());
        }
        List<RecordedEvent> out = new ArrayList<>();
        for (AggregateState.Step s : x.steps()) {
            if (!inY.contains(s.event().eventId())) {
                out.add(s.event());
            }
        }
        return out;
    }
}
