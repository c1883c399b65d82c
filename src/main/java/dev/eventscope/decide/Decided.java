package dev.eventscope.decide;

import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.Decision;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Folded;
import java.util.List;

/**
 * One decision: the command (with its time), the target aggregate and the state it was decided
 * against, the other states it read, what the rule decided, the new events (none when rejected),
 * and the target's point after them (the state an append would lead to).
 */
public record Decided(
        Command command,
        StreamId target,
        AggregateState state,
        List<Read> reads,
        Decision decision,
        List<NewEvent> events,
        Folded after) {

    /** Another aggregate's state the decision read, under its variable name. */
    public record Read(String name, AggregateState state) {}

    public Decided {
        reads = List.copyOf(reads);
        events = List.copyOf(events);
    }

    public boolean rejected() {
        return decision instanceof Decision.Rejected;
    }

    /** The reason of a rejection, or null. */
    public String reason() {
        return decision instanceof Decision.Rejected r ? r.reason() : null;
    }
}
