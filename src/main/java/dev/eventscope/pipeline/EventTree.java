package dev.eventscope.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;

/**
 * An event as the JSON tree rules see (the output shape of DESIGN §1, without the hash), built
 * directly from the stored event: the payload and metadata trees are shared, not copied or
 * re-serialised. Rules must treat it as read-only.
 */
public final class EventTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private EventTree() {}

    public static ObjectNode of(RecordedEvent e) {
        ObjectNode o = NODES.objectNode();
        o.put("eventId", e.eventId().toString());
        o.put("eventType", e.eventType());
        o.put("aggregateId", e.aggregateId());
        o.put("aggregateType", e.aggregateType());
        o.put("eventVersion", e.eventVersion());
        o.put("timestamp", Times.format(e.timestamp()));
        o.set("payload", e.payload().node());
        o.set("metadata", e.metadata().node());
        o.put("position", e.position());
        o.put("streamVersion", e.streamVersion());
        o.put("recordedAt", Times.format(e.recordedAt()));
        return o;
    }
}
