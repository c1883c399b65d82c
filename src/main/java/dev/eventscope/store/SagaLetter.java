package dev.eventscope.store;

import java.util.Objects;

/**
 * Which instance of a saga a dead letter of that saga belongs to, and what failed: the event's own
 * step ({@code deadline} null), or a deadline it set, whose emit rule failed when it passed.
 */
public record SagaLetter(String saga, long letterId, String instanceId, String deadline) {

    public SagaLetter {
        Objects.requireNonNull(saga);
        Objects.requireNonNull(instanceId);
    }
}
