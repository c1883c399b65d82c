package dev.eventscope.store;

import dev.eventscope.event.RecordedEvent;
import java.util.List;

/**
 * What an append did: the events as stored, in order, and whether they had all been stored before
 * (an idempotent repeat that wrote nothing).
 */
public record AppendResult(List<RecordedEvent> events, boolean alreadyStored) {

    public AppendResult {
        events = List.copyOf(events);
    }
}
