package dev.eventscope.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A deadline of a saga instance (ADR 0180): due at {@code due}, set by an event (the one whose rule
 * named it; setting it again restarts it), and where it is in its life. One per saga, instance and
 * deadline name.
 *
 * @param setByPosition the position of the event that set it, where its rule reads it again
 * @param changedAt when its status last changed (record time)
 */
public record SagaDeadline(
        String saga,
        String instanceId,
        String name,
        Instant due,
        UUID setBy,
        long setByPosition,
        Status status,
        Instant changedAt) {

    /** Where a deadline is in its life. */
    public enum Status {
        /** set, not passed yet (or passed, and no {@code process} has fired it) */
        PENDING,
        /** passed: its events were emitted */
        FIRED,
        /** cancelled by a rule, or by the end of its instance */
        CANCELLED,
        /** its emit rule failed when it passed: the setting event is dead-lettered */
        FAILED;

        /** The lower-case name used in the store and in JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status parse(String text) {
            for (Status s : values()) {
                if (s.label().equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(
                    "deadline status '" + text + "' is not one of pending, fired," + " cancelled, failed");
        }
    }

    public SagaDeadline {
        Objects.requireNonNull(saga);
        Objects.requireNonNull(instanceId);
        Objects.requireNonNull(name);
        Objects.requireNonNull(due);
        Objects.requireNonNull(setBy);
        Objects.requireNonNull(status);
        Objects.requireNonNull(changedAt);
        if (setByPosition < 1) {
            throw new IllegalArgumentException("a deadline is set by a stored event");
        }
    }

    /** The same deadline with another status, changed at {@code when}. */
    public SagaDeadline with(Status newStatus, Instant when) {
        return new SagaDeadline(saga, instanceId, name, due, setBy, setByPosition, newStatus, when);
    }
}
