package dev.eventscope.saga;

import com.fasterxml.jackson.databind.JsonNode;
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
}
