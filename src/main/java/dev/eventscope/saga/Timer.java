package dev.eventscope.saga;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.SagaDeadline;
import java.time.Instant;
import java.util.UUID;

/**
 * A deadline of an instance while a run works on it: when it is due, which event set it (and, in a
 * fold, that event itself, which its emit rule reads), and its status.
 */
final class Timer {

    final String name;
    final Instant due;
    final UUID setBy;
    final long setByPosition;
    /** The event that set it, when at hand (a fold keeps it; a processor reads it again by position). */
    RecordedEvent setter;

    SagaDeadline.Status status;
    /** When the status last changed (record time for a processor; the logical time for a fold). */
    Instant changedAt;

    Timer(String name, Instant due, RecordedEvent setter, Instant now) {
        this.name = name;
        this.due = due;
        this.setBy = setter.eventId();
        this.setByPosition = setter.position();
        this.setter = setter;
        this.status = SagaDeadline.Status.PENDING;
        this.changedAt = now;
    }

    Timer(SagaDeadline d) {
        this.name = d.name();
        this.due = d.due();
        this.setBy = d.setBy();
        this.setByPosition = d.setByPosition();
        this.status = d.status();
        this.changedAt = d.changedAt();
    }

    boolean pending() {
        return status == SagaDeadline.Status.PENDING;
    }

    SagaDeadline record(String saga, String instance) {
        return new SagaDeadline(saga, instance, name, due, setBy, setByPosition, status, changedAt);
    }
}
