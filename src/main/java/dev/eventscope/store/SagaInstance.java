package dev.eventscope.store;

import dev.eventscope.event.JsonDoc;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * One instance of a saga as {@code process} keeps it (ADR 0180): its state, whether it still runs,
 * the event that started it and the last one it took.
 *
 * @param instanceId what the saga's association gave for its events
 * @param events how many events the instance has taken
 * @param startedAt the valid time (timestamp) of the event that started it
 * @param lastEventAt the valid time of the last event it took
 * @param endedAt the valid time of the event that ended it, null while it runs
 * @param version how often it was changed: a writer that read version n writes n+1, so two writers
 *     that read the same version cannot both write
 * @param updatedAt when it was last written (record time)
 */
public record SagaInstance(
        String saga,
        String instanceId,
        Status status,
        JsonDoc state,
        long events,
        UUID startedBy,
        Instant startedAt,
        long lastPosition,
        UUID lastEventId,
        String lastEventType,
        Instant lastEventAt,
        Instant endedAt,
        long version,
        Instant updatedAt) {

    /** Whether an instance still takes events. */
    public enum Status {
        RUNNING,
        ENDED;

        /** The lower-case name used in the store, on the command line and in JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status parse(String text) {
            for (Status s : values()) {
                if (s.label().equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("saga instance status '" + text + "' is not running or ended");
        }
    }

    public SagaInstance {
        Objects.requireNonNull(saga);
        Objects.requireNonNull(instanceId);
        Objects.requireNonNull(status);
        Objects.requireNonNull(state);
        Objects.requireNonNull(startedBy);
        Objects.requireNonNull(startedAt);
        Objects.requireNonNull(lastEventId);
        Objects.requireNonNull(lastEventType);
        Objects.requireNonNull(lastEventAt);
        Objects.requireNonNull(updatedAt);
        if (events < 1 || lastPosition < 1 || version < 1) {
            throw new IllegalArgumentException("a saga instance has taken at least one event");
        }
        if ((status == Status.ENDED) != (endedAt != null)) {
            throw new IllegalArgumentException("an ended instance, and only one, has an end time");
        }
    }
}
