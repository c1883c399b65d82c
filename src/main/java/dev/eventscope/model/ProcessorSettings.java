package dev.eventscope.model;

import java.util.Objects;

/** What every handler and projection has: its name, what it is fed, its retry policy and sequencing. */
public record ProcessorSettings(String name, Subscription subscription, RetryPolicy retry, Sequencing sequencing) {

    public ProcessorSettings {
        Objects.requireNonNull(name);
        Objects.requireNonNull(subscription);
        Objects.requireNonNull(retry);
        Objects.requireNonNull(sequencing);
    }

    /** A canonical text of these settings, for fingerprints. */
    String canonical() {
        return "name\0" + name + "\0types\0" + new java.util.TreeSet<>(subscription.eventTypes()) + "\0aggregates\0"
                + new java.util.TreeSet<>(subscription.aggregateTypes()) + "\0sequencing\0" + sequencing + "\0";
    }
}
