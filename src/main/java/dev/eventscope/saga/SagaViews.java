package dev.eventscope.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How an instance is reported at a reference time: its status (stuck when it runs, nothing pending
 * would move it and it has waited at least the saga's patience, or when a rule failed on it), the
 * step it is in, since when it waits, and why it is stuck.
 */
final class SagaViews {

    private SagaViews() {}

    static SagaView view(SagaMachine machine, Instance i, Instant now, Duration stuckAfter, boolean timeline) {
        List<SagaView.Deadline> deadlines = new ArrayList<>();
        boolean pending = false;
        for (Timer t : i.timers.values()) {
            deadlines.add(new SagaView.Deadline(t.name, t.due, t.status.label()));
            pending |= t.pending();
        }
        Instant idleSince = i.lastEventAt;
        Instant fired = i.lastFired();
        if (fired != null && (idleSince == null || fired.isAfter(idleSince))) {
            idleSince = fired;
        }
        SagaView.Status status;
        String reason = null;
        if (i.ended) {
            status = SagaView.Status.ENDED;
        } else if (i.blockedBy != null) {
            status = SagaView.Status.STUCK;
            reason = (i.started() ? "" : "its start event failed: ") + i.blockedBy;
        } else if (pending || idleSince == null) {
            status = SagaView.Status.RUNNING;
        } else {
            Duration idle = idleSince.isAfter(now) ? Duration.ZERO : Duration.between(idleSince, now);
            if (idle.compareTo(stuckAfter) >= 0) {
                status = SagaView.Status.STUCK;
                reason = fired != null && fired.equals(idleSince)
                        ? "nothing since a deadline passed, " + human(idle) + " ago; no deadline pending"
                        : "nothing since its last event, " + human(idle) + " ago; no deadline pending";
            } else {
                status = SagaView.Status.RUNNING;
            }
        }
        SagaView.Event last = i.lastEventId == null
                ? null
                : new SagaView.Event(i.lastPosition, i.lastInLog, i.lastEventId, i.lastEventType, i.lastEventAt);
        return new SagaView(
                i.saga,
                i.id,
                status,
                machine.step(i),
                i.startedAt,
                i.ended ? i.endedAt : null,
                i.events,
                last,
                idleSince,
                deadlines,
                i.started() ? i.state() : null,
                reason,
                timeline ? i.steps : List.of());
    }

    /** A duration for people: the two largest units, such as "3d 4h" or "12m 5s". */
    public static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m " + seconds + "s";
        }
        return seconds + "s";
    }
}
