package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.util.List;

/**
 * One aggregate's state at a cut: the last stream version and the highest position folded (0
 * when no event is inside the cut: the state is then the initial state), the cut as resolved, and
 * optionally each applied event with the state after it.
 *
 * @param initial the state the fold started from (the initial state, or a snapshot's)
 * @param outOfOrder true when, inside a valid-time cut, an event after the cut's time comes before
 *     (in version order) an event at or before it: only the latter kind were folded
 * @param steps the applied events with the state after each, when asked for; else empty
 * @param nanos how long reading and folding took
 */
public record AggregateState(
        StreamId stream,
        ResolvedCut cut,
        JsonNode initial,
        Folded folded,
        boolean outOfOrder,
        List<Step> steps,
        long nanos) {

    /** One applied event and the state after it. */
    public record Step(RecordedEvent event, JsonNode state) {}

    public AggregateState {
        steps = List.copyOf(steps);
    }

    public JsonNode state() {
        return folded.state();
    }

    public long version() {
        return folded.version();
    }

    /** The highest position folded, 0 when none. */
    public long position() {
        return folded.position();
    }

    /**
     * The JSON shape of DESIGN §6: aggregateType, aggregateId, version, position (null when no
     * event was folded), cut, state.
     */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("aggregateType", stream.aggregateType());
        o.put("aggregateId", stream.aggregateId());
        o.put("version", folded.version());
        if (folded.position() > 0) {
            o.put("position", folded.position());
        } else {
            o.putNull("position");
        }
        o.set("cut", cut.json());
        o.set("state", folded.state());
        return o;
    }

    /**
     * The public JSON shape of one step of a timeline ({@code state --trace-state -o json|ndjson}):
     * the aggregate, the event's version, position, eventId, type and timestamp, and the state
     * after it.
     */
    public ObjectNode json(Step step) {
        RecordedEvent e = step.event();
        ObjectNode o = Json.object();
        o.put("aggregateType", stream.aggregateType());
        o.put("aggregateId", stream.aggregateId());
        o.put("version", e.streamVersion());
        o.put("position", e.position());
        o.put("eventId", e.eventId().toString());
        o.put("eventType", e.eventType());
        o.put("timestamp", Times.format(e.timestamp()));
        o.set("state", step.state());
        return o;
    }
}
