package dev.eventscope.process;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.DeadLetter;
import java.util.List;

/**
 * One dead letter for {@code dlq show}: the letter, its event as the pipeline gives it now (after
 * upcasting; usually one event), and the letters parked behind it.
 */
public record DeadLetterDetail(DeadLetter letter, List<RecordedEvent> events, List<DeadLetter> behind) {

    public DeadLetterDetail {
        events = List.copyOf(events);
        behind = List.copyOf(behind);
    }

    /** The public JSON shape ({@code dlq show -o json}): the letter, its events, the letters behind it. */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.set("letter", letter.json());
        ArrayNode list = o.putArray("events");
        events.forEach(e -> list.add(EventJson.toNode(e, false)));
        ArrayNode parked = o.putArray("behind");
        behind.forEach(b -> parked.add(b.json()));
        return o;
    }
}
