package dev.eventscope.model;

import java.util.Set;

/**
 * Which events a handler or projection is fed: by event type (after upcasting), and optionally by
 * aggregate type. An empty set of aggregate types means any.
 */
public record Subscription(Set<String> eventTypes, Set<String> aggregateTypes) {

    /** In {@code types}: every event type. */
    public static final String ANY_TYPE = "*";

    public Subscription {
        eventTypes = Set.copyOf(eventTypes);
        aggregateTypes = aggregateTypes == null ? Set.of() : Set.copyOf(aggregateTypes);
        if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one event type");
        }
    }

    public boolean matches(String eventType, String aggregateType) {
        return (eventTypes.contains(ANY_TYPE) || eventTypes.contains(eventType))
                && (aggregateTypes.isEmpty() || aggregateTypes.contains(aggregateType));
    }

    /** True when every event type is subscribed (the store cannot narrow the read by type). */
    public boolean allTypes() {
        return eventTypes.contains(ANY_TYPE);
    }
}
