package dev.eventscope.decide;

import dev.eventscope.event.StreamId;
import dev.eventscope.replay.AggregateState;

/**
 * The states a decision reads, all at one cut: the store's (through the engine's fold, snapshots
 * and all), or events held in memory (specs, what-if histories).
 */
@FunctionalInterface
public interface StateReader {

    /**
     * The state of {@code stream} at this reader's cut; the aggregate's initial state at version 0
     * when the stream has no event inside the cut (or none at all).
     */
    AggregateState state(StreamId stream);
}
