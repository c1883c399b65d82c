package dev.eventscope.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Compares the events an upcast spec expects with the events the chain returned. */
final class UpcastExpectations {

    private UpcastExpectations() {}

    static void compare(List<JsonNode> expected, List<RecordedEvent> actual, List<String> differences) {
        if (expected.size() != actual.size()) {
            differences.add("expected " + expected.size() + " event" + (expected.size() == 1 ? "" : "s") + ", got "
                    + actual.size() + ": " + types(actual));
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            String which = expected.size() == 1 ? "" : "event " + (i + 1) + " ";
            ObjectNode got = EventJson.toNode(actual.get(i), false);
            Iterator<Map.Entry<String, JsonNode>> fields = expected.get(i).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode a = got.get(f.getKey());
                if (a == null) {
                    differences.add(which + f.getKey() + ": expected " + show(f.getValue()) + ", missing");
                } else if (a.isObject() && f.getValue().isObject()) {
                    for (JsonNode op : JsonPatch.diff(f.getValue(), a)) {
                        String path = f.getKey() + op.path("path").asText();
                        String kind = op.path("op").asText();
                        if (kind.equals("add")) {
                            differences.add(which + path + ": not expected, got " + show(op.get("value")));
                        } else if (kind.equals("remove")) {
                            differences.add(which + path + ": expected "
                                    + show(f.getValue().at(op.path("path").asText())) + ", missing");
                        } else {
                            differences.add(which + path + ": expected "
                                    + show(f.getValue().at(op.path("path").asText())) + ", got "
                                    + show(op.get("value")));
                        }
                    }
                } else if (!JsonPatch.equal(f.getValue(), a)) {
                    differences.add(which + f.getKey() + ": expected " + show(f.getValue()) + ", got " + show(a));
                }
            }
        }
    }

    private static String types(List<RecordedEvent> events) {
        StringBuilder s = new StringBuilder();
        for (RecordedEvent e : events) {
            s.append(s.length() == 0 ? "" : ", ")
                    .append(e.eventType())
                    .append(" v")
                    .append(e.eventVersion());
        }
        return s.length() == 0 ? "(none)" : s.toString();
    }

    private static String show(JsonNode v) {
        return Text.printable(Json.write(v), 200);
    }
}
