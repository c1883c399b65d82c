package dev.eventscope.saga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One thing that happened to a saga instance ({@code saga show}): an event it took, a deadline that
 * passed, an event a rule failed on, or one parked behind such a failure.
 *
 * @param position the event's position; for a deadline, the position of the event that set it.
 *     Events the fold added itself (what {@code process} would append, not in the log yet) get
 *     positions after the log's and {@code inLog} false
 * @param time the event's timestamp, or the deadline's due time
 * @param deadline for a deadline step, its name
 * @param state the state after the step (null when it failed or was parked)
 * @param emitted what the step emitted
 * @param deadlines the deadlines it set, restarted or cancelled (for a deadline step: that it fired)
 * @param ended whether the step ended the instance
 * @param error why the rule failed, or what a parked event waits behind
 */
public record SagaStep(
        Kind kind,
        long position,
        boolean inLog,
        UUID eventId,
        String eventType,
        StreamId stream,
        Instant time,
        String deadline,
        JsonNode state,
        List<Emitted> emitted,
        List<DeadlineChange> deadlines,
        boolean ended,
        String error) {

    public SagaStep {
        emitted = List.copyOf(emitted);
        deadlines = List.copyOf(deadlines);
    }

    /** What a step was. */
    public enum Kind {
        /** an event the instance took */
        EVENT,
        /** a deadline that passed */
        DEADLINE,
        /** an event (or a deadline) a rule failed on: the instance takes nothing until it is retried */
        FAILED,
        /** an event not taken: an earlier one of the instance failed */
        PARKED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An event a step emitted, and where it is in the log (0: not in the log, because {@code process}
     * has not run since, or, in a what-if or a spec, because it never ran).
     */
    public record Emitted(UUID eventId, String eventType, StreamId stream, Instant timestamp, long position) {}

    /** A change to a deadline: set (or set again, restarting it), cancelled, fired or failed. */
    public record DeadlineChange(String name, Change change, Instant due) {}

    /** What happened to a deadline. */
    public enum Change {
        SET,
        RESET,
        CANCELLED,
        FIRED,
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The public JSON shape of one step of a timeline ({@code saga show -o json}). */
    public ObjectNode json() {
        SagaStep s = this;
        ObjectNode o = Json.object();
        o.put("kind", s.kind().label());
        o.put("position", s.position());
        o.put("inLog", s.inLog());
        o.put("eventId", s.eventId().toString());
        o.put("eventType", s.eventType());
        o.put("aggregateType", s.stream() == null ? null : s.stream().aggregateType());
        o.put("aggregateId", s.stream() == null ? null : s.stream().aggregateId());
        o.put("time", Times.format(s.time()));
        o.put("deadline", s.deadline());
        o.set("state", s.state());
        ArrayNode emitted = o.putArray("emitted");
        for (SagaStep.Emitted e : s.emitted()) {
            ObjectNode n = emitted.addObject();
            n.put("eventId", e.eventId().toString());
            n.put("eventType", e.eventType());
            n.put("aggregateType", e.stream().aggregateType());
            n.put("aggregateId", e.stream().aggregateId());
            n.put("timestamp", time(e.timestamp()));
            if (e.position() > 0) {
                n.put("position", e.position());
            } else {
                n.putNull("position");
            }
        }
        ArrayNode deadlines = o.putArray("deadlines");
        for (SagaStep.DeadlineChange c : s.deadlines()) {
            ObjectNode n = deadlines.addObject();
            n.put("name", c.name());
            n.put("change", c.change().label());
            n.put("due", Times.format(c.due()));
        }
        o.put("ended", s.ended());
        o.put("error", s.error());
        return o;
    }

    static String time(Instant t) {
        return t == null ? null : Times.format(t);
    }
}
