package dev.eventscope.saga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One saga instance as {@code saga list} and {@code saga show} report it, at a reference time
 * ({@code now}: the cut's time, {@code --now}, or the clock).
 *
 * @param instanceId what the association gave
 * @param status running, stuck or ended
 * @param step the step it is in (the saga's {@code step} expression, else its last event type)
 * @param startedAt the valid time of the event that started it (null when that event failed)
 * @param endedAt the valid time of the event that ended it, or null
 * @param events how many events it took
 * @param last the last event it took (null when none)
 * @param idleSince when it last moved: its last event, or a deadline that passed after it
 * @param deadlines its deadlines (the last setting of each), by name
 * @param state its state (null when its start event failed)
 * @param stuckReason why it counts as stuck, or null
 * @param timeline what happened to it, in order (empty unless asked for)
 */
public record SagaView(
        String saga,
        String instanceId,
        Status status,
        String step,
        Instant startedAt,
        Instant endedAt,
        long events,
        Event last,
        Instant idleSince,
        List<Deadline> deadlines,
        JsonNode state,
        String stuckReason,
        List<SagaStep> timeline) {

    public SagaView {
        deadlines = List.copyOf(deadlines);
        timeline = List.copyOf(timeline);
    }

    /** Where an instance is. */
    public enum Status {
        /** it takes events, and something is expected to move it (a deadline pending, or a short wait) */
        RUNNING,
        /** it runs, but nothing is pending to move it and it waited longer than the saga allows; or a rule failed */
        STUCK,
        /** it took an end event */
        ENDED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The status named {@code text} ({@code running}, {@code stuck}, {@code ended}). */
        public static Status parse(String text) {
            for (Status s : values()) {
                if (s.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            throw new IllegalArgumentException("status '" + text + "' is not one of running, stuck, ended");
        }
    }

    /** The last event an instance took. */
    public record Event(long position, boolean inLog, UUID eventId, String eventType, Instant timestamp) {}

    /** A deadline of an instance: its name, when it is due, and pending, fired, cancelled or failed. */
    public record Deadline(String name, Instant due, String status) {}

    /** How long the instance has waited at {@code now} (zero when it ended). */
    public Duration idleFor(Instant now) {
        if (status == Status.ENDED || idleSince == null || idleSince.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(idleSince, now);
    }

    /**
     * The public JSON shape ({@code saga list -o json}), with how long it has waited at {@code now}:
     * saga, instance, status, step, startedAt, endedAt, events, lastEvent, idleSince, idleSeconds,
     * deadlines, stuckReason, state.
     */
    public ObjectNode json(Instant now) {
        SagaView v = this;
        ObjectNode o = Json.object();
        o.put("saga", v.saga());
        o.put("instance", v.instanceId());
        o.put("status", v.status().label());
        o.put("step", v.step());
        o.put("startedAt", SagaStep.time(v.startedAt()));
        o.put("endedAt", SagaStep.time(v.endedAt()));
        o.put("events", v.events());
        if (v.last() == null) {
            o.putNull("lastEvent");
        } else {
            ObjectNode l = o.putObject("lastEvent");
            l.put("position", v.last().position());
            l.put("inLog", v.last().inLog());
            l.put("eventId", v.last().eventId().toString());
            l.put("eventType", v.last().eventType());
            l.put("timestamp", Times.format(v.last().timestamp()));
        }
        o.put("idleSince", SagaStep.time(v.idleSince()));
        o.put("idleSeconds", v.idleFor(now).getSeconds());
        ArrayNode d = o.putArray("deadlines");
        for (SagaView.Deadline x : v.deadlines()) {
            ObjectNode n = d.addObject();
            n.put("name", x.name());
            n.put("due", Times.format(x.due()));
            n.put("status", x.status());
        }
        o.put("stuckReason", v.stuckReason());
        o.set("state", v.state());
        return o;
    }

    /** The public JSON shape of {@code saga show}: as {@link #json(Instant)}, with the cut, the time and the timeline. */
    public ObjectNode json(JsonNode cut, Instant now) {
        SagaView v = this;
        ObjectNode o = json(now);
        o.set("cut", cut);
        o.put("now", Times.format(now));
        ArrayNode steps = o.putArray("timeline");
        for (SagaStep s : v.timeline()) {
            steps.add(s.json());
        }
        return o;
    }
}
