package dev.eventscope.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An event as the JSON tree rules see (the output shape of DESIGN §1, without the hash), built
 * directly from the stored event: the payload and metadata trees are shared, not copied or
 * re-serialised (and for folds parsed only when a rule looks into them). Rules must treat it as
 * read-only.
 */
public final class EventTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private EventTree() {}

    /** The tree with the event's own payload and metadata trees (parsed now if they were not). */
    public static ObjectNode of(RecordedEvent e) {
        return build(e, e.payload().node(), e.metadata().node());
    }

    /**
     * The tree for folding: payload and metadata are parsed only when a reducer first looks into
     * them (see {@link #part}). Only for rules that read the tree; code that compares its parts
     * with the event's own trees by identity (upcasters) uses {@link #of}.
     */
    public static ObjectNode lazy(RecordedEvent e) {
        return new ObjectNode(NODES, new Fields(e, part(e.payload()), part(e.metadata())));
    }

    private static ObjectNode build(RecordedEvent e, JsonNode payload, JsonNode metadata) {
        ObjectNode o = NODES.objectNode();
        for (String name : EventJson.FIELD_ORDER) {
            o.set(name, field(e, payload, metadata, name));
        }
        return o;
    }

    /** One field of the event's tree, or null for a name that is not one. */
    private static JsonNode field(RecordedEvent e, JsonNode payload, JsonNode metadata, String name) {
        switch (name) {
            case "eventId":
                return NODES.textNode(e.eventId().toString());
            case "eventType":
                return NODES.textNode(e.eventType());
            case "aggregateId":
                return NODES.textNode(e.aggregateId());
            case "aggregateType":
                return NODES.textNode(e.aggregateType());
            case "eventVersion":
                return NODES.numberNode(e.eventVersion());
            case "timestamp":
                return NODES.textNode(utc(e.timestamp()));
            case "payload":
                return payload;
            case "metadata":
                return metadata;
            case "position":
                return NODES.numberNode(e.position());
            case "streamVersion":
                return NODES.numberNode(e.streamVersion());
            case "recordedAt":
                return NODES.textNode(utc(e.recordedAt()));
            default:
                return null;
        }
    }

    /**
     * The tree of a payload or metadata: the document's own when it is parsed already (or is not
     * an object), else an object that parses it when a rule first looks into it. Reducers that
     * only set a status never do, and a fold then parses nothing of the event; most read the
     * payload and never the metadata.
     */
    private static JsonNode part(JsonDoc doc) {
        return doc.isUnparsedObject() ? new LazyObjectNode(NODES, doc) : doc.node();
    }

    /**
     * The fields of a lazy event tree: each made when a rule asks for it (a reducer reads two or
     * three of the eleven), all of them, in the order of {@link #build}, only when something
     * iterates or changes the tree. Safe to read from several threads (a state may keep the tree).
     */
    private static final class Fields extends AbstractMap<String, JsonNode> {

        private final RecordedEvent e;
        private final JsonNode payload;
        private final JsonNode metadata;
        private volatile Map<String, JsonNode> all;

        Fields(RecordedEvent e, JsonNode payload, JsonNode metadata) {
            this.e = e;
            this.payload = payload;
            this.metadata = metadata;
        }

        private synchronized Map<String, JsonNode> all() {
            Map<String, JsonNode> a = all;
            if (a == null) {
                a = new LinkedHashMap<>();
                for (String name : EventJson.FIELD_ORDER) {
                    a.put(name, field(e, payload, metadata, name));
                }
                all = a;
            }
            return a;
        }

        @Override
        public JsonNode get(Object key) {
            Map<String, JsonNode> a = all;
            if (a != null) {
                return a.get(key);
            }
            return key instanceof String name ? field(e, payload, metadata, name) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            Map<String, JsonNode> a = all;
            return a != null ? a.containsKey(key) : key instanceof String && EventJson.FIELDS.contains(key);
        }

        @Override
        public int size() {
            Map<String, JsonNode> a = all;
            return a != null ? a.size() : EventJson.FIELDS.size();
        }

        @Override
        public Set<Map.Entry<String, JsonNode>> entrySet() {
            return all().entrySet();
        }

        @Override
        public JsonNode put(String key, JsonNode value) {
            return all().put(key, value);
        }

        @Override
        public JsonNode remove(Object key) {
            return all().remove(key);
        }
    }

    /**
     * {@link Times#format} without the formatter machinery (it costs more than a reducer here): the
     * same text, {@code 2024-01-15T10:30:00.123Z} with 0, 3, 6 or 9 fraction digits, for years 0
     * to 9999 (others go through {@link Times#format}).
     */
    static String utc(Instant t) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return Times.format(t);
        }
        char[] c = new char[30];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, secondOfDay / 3600, 2);
        c[13] = ':';
        digits(c, 14, secondOfDay / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, secondOfDay % 60, 2);
        int n = 19;
        int nano = t.getNano();
        if (nano != 0) {
            c[n++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(c, n, nano / 1_000_000, 3);
                n += 3;
            } else if (nano % 1_000 == 0) {
                digits(c, n, nano / 1_000, 6);
                n += 6;
            } else {
                digits(c, n, nano, 9);
                n += 9;
            }
        }
        c[n++] = 'Z';
        return new String(c, 0, n);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
