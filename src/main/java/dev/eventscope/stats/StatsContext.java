package dev.eventscope.stats;

import dev.eventscope.store.EventStore;
import java.time.Instant;

/**
 * What a section computes from: the store (its statistics port, and whatever other port the
 * section's capability owns) and the moment the figures are for.
 */
public record StatsContext(EventStore store, Instant now) {}
