package dev.eventscope.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.eventscope.event.Json;
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

    /** The public JSON shape ({@code append -o json}; one element per line with {@code -o ndjson}). */
    public ArrayNode json() {
        var array = Json.mapper().createArrayNode();
        for (RecordedEvent e : events) {
            var o = array.addObject();
            o.put("eventId", e.eventId().toString());
            o.put("aggregateType", e.aggregateType());
            o.put("aggregateId", e.aggregateId());
            o.put("streamVersion", e.streamVersion());
            o.put("position", e.position());
            o.put("alreadyStored", alreadyStored);
        }
        return array;
    }
}
