package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.Metadata;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import dev.eventscope.pipeline.EventTree;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One step of an upcaster chain: events of {@code type} at schema version {@code from} become
 * version {@code to} ({@code from + 1}), through a JSLT rule (docs/adr/0050-upcasting.md).
 *
 * <p>The rule gets the event in its output shape ({@code .} and {@code $event}) and returns the new
 * event as an object, or an array of them (a split; an empty array drops the event). The object
 * may give {@code eventType} (the step's type, or a type the step declares in {@code renameTo}),
 * {@code payload} and {@code metadata}; whatever it leaves out is kept, and the result is at version
 * {@code to} (an {@code eventVersion} it gives must be {@code to}, or {@code from} as copied by
 * {@code * : .}). It may repeat identifiers,
 * the stream, times and positions unchanged (so {@code {..., * : .}} works), but changing them is
 * a failure naming the upcaster, and so is changing the indexed metadata values (correlationId,
 * causationId, userId).
 *
 * <p>The first event of a split keeps the eventId; the others get ids derived from it, the step
 * and their index (stable from run to run). All keep the stored event's position, stream version
 * and times. Thread-safe, as its rule.
 */
public final class Upcaster {

    /** Fields an upcaster may repeat but never change. */
    private static final List<String> FIXED =
            List.of("eventId", "aggregateId", "aggregateType", "position", "streamVersion");

    private static final List<String> TIMES = List.of("timestamp", "recordedAt");

    private final String type;
    private final int from;
    private final Set<String> renameTo;
    private final JsltRule rule;
    private final String at;

    /**
     * @param renameTo the other event types the rule may return (empty: only {@code type})
     * @param at where the upcaster is defined ({@code file:line:column})
     */
    public Upcaster(String type, int from, Set<String> renameTo, JsltRule rule, String at) {
        if (from < 1) {
            throw new IllegalArgumentException("from must be 1 or more");
        }
        this.type = Objects.requireNonNull(type);
        this.from = from;
        this.renameTo = Collections.unmodifiableSet(new LinkedHashSet<>(renameTo));
        this.rule = Objects.requireNonNull(rule);
        this.at = at;
    }

    public String type() {
        return type;
    }

    public int from() {
        return from;
    }

    public int to() {
        return from + 1;
    }

    /** The event types besides {@link #type()} this step may produce. */
    public Set<String> renameTo() {
        return renameTo;
    }

    /** The JSLT text of the transform. */
    public String transform() {
        return rule.text();
    }

    /** Where the upcaster is defined: {@code file:line:column}. */
    public String at() {
        return at;
    }

    /** How messages name it: {@code OrderPlaced v1->v2}. */
    public String name() {
        return type + " v" + from + "->v" + to();
    }

    /**
     * The events {@code e} (of this step's type and version) becomes, in order.
     *
     * @throws UpcastFailure when the rule fails or returns something an upcaster may not
     */
    public List<RecordedEvent> apply(RecordedEvent e) {
        ObjectNode tree = EventTree.of(e);
        JsonNode result;
        try {
            result = rule.apply(tree, null);
        } catch (RuleFailure f) {
            throw new UpcastFailure(this, e, f.location(), f.getMessage());
        }
        if (result.isObject()) {
            return List.of(event(result, e, tree, 0));
        }
        if (!result.isArray()) {
            throw fail(
                    e,
                    "must return the new event (an object) or a list of events, got " + Json.kind(result) + " "
                            + Text.printable(result.toString(), 80));
        }
        List<RecordedEvent> out = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            JsonNode element = result.get(i);
            if (!element.isObject()) {
                throw fail(e, "returned a list whose element " + i + " is " + Json.kind(element) + ", not an event");
            }
            out.add(event(element, e, tree, i));
        }
        return out;
    }

    private RecordedEvent event(JsonNode out, RecordedEvent in, ObjectNode inTree, int index) {
        String where = index == 0 ? "" : " (element " + index + ")";
        Iterator<String> names = out.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!EventJson.FIELDS.contains(name)) {
                throw fail(
                        in,
                        "returned an unknown field '" + Text.printable(name, 40) + "'" + where
                                + " (an event has eventType, eventVersion, payload, metadata and the fields it keeps)");
            }
        }
        for (String field : FIXED) {
            JsonNode given = out.get(field);
            if (given != null && !JsonPatch.equal(given, inTree.get(field))) {
                throw changes(in, field, inTree.get(field), given, where);
            }
        }
        for (String field : TIMES) {
            JsonNode given = out.get(field);
            if (given != null && !sameInstant(given, inTree.get(field).textValue())) {
                throw changes(in, field, inTree.get(field), given, where);
            }
        }
        String newType = type;
        JsonNode typeNode = out.get("eventType");
        if (typeNode != null) {
            if (!typeNode.isTextual()
                    || typeNode.textValue().isBlank()
                    || typeNode.textValue().length() > NewEvent.MAX_TYPE_LENGTH) {
                throw fail(in, "returned an eventType that is not a type name: " + typeNode + where);
            }
            newType = typeNode.textValue();
            if (!newType.equals(type) && !renameTo.contains(newType)) {
                throw fail(
                        in,
                        "returned eventType '" + Text.printable(newType, 80) + "'" + where
                                + ", which it does not declare; add renameTo: " + Text.printable(newType, 80)
                                + " to the upcaster");
            }
        }
        JsonNode version = out.get("eventVersion");
        // the stored version may be repeated (copied with * : .); the result is version 'to' either way
        if (version != null
                && !(version.isIntegralNumber() && (version.asLong() == to() || version.asLong() == from))) {
            throw fail(in, "returned eventVersion " + version + where + "; this upcaster produces version " + to());
        }
        JsonDoc payload = in.payload();
        JsonNode p = out.get("payload");
        if (p != null && p != in.payload().node()) {
            if (!p.isObject()) {
                throw fail(in, "returned a payload that is " + Json.kind(p) + where + ", not an object");
            }
            payload = JsonDoc.of(p);
        }
        JsonDoc metadata = in.metadata();
        JsonNode m = out.get("metadata");
        if (m != null && m != in.metadata().node()) {
            if (!m.isObject()) {
                throw fail(in, "returned metadata that is " + Json.kind(m) + where + ", not an object");
            }
            for (String key : List.of(Metadata.CORRELATION_ID, Metadata.CAUSATION_ID, Metadata.USER_ID)) {
                JsonNode before = in.metadata().node().get(key);
                JsonNode after = m.get(key);
                if (!sameValue(before, after)) {
                    throw changes(in, "metadata." + key, before, after, where);
                }
            }
            metadata = JsonDoc.of(m);
        }
        UUID id = index == 0 ? in.eventId() : splitId(in.eventId(), index);
        return new RecordedEvent(
                in.position(),
                id,
                newType,
                in.stream(),
                in.streamVersion(),
                to(),
                in.timestamp(),
                in.recordedAt(),
                payload,
                metadata,
                in.correlationId(),
                in.causationId(),
                in.userId(),
                in.hash());
    }

    private UpcastFailure changes(RecordedEvent in, String field, JsonNode before, JsonNode after, String where) {
        return fail(
                in,
                "changes " + field + where + " from " + show(before) + " to " + show(after)
                        + ": identifiers, the stream, times and positions cannot be changed by an upcaster");
    }

    private UpcastFailure fail(RecordedEvent in, String message) {
        return new UpcastFailure(this, in, at, message);
    }

    private static String show(JsonNode v) {
        return v == null || v.isNull() ? "(none)" : Text.printable(v.toString(), 80);
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        boolean aAbsent = a == null || a.isNull();
        boolean bAbsent = b == null || b.isNull();
        if (aAbsent || bAbsent) {
            return aAbsent == bAbsent;
        }
        return JsonPatch.equal(a, b);
    }

    private static boolean sameInstant(JsonNode given, String stored) {
        if (!given.isTextual()) {
            return false;
        }
        if (given.textValue().equals(stored)) {
            return true;
        }
        try {
            Instant a = Times.parse(given.textValue(), null);
            return a.equals(Times.parse(stored, null));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The eventId of element {@code index} (1 or more) of a split of the event {@code parent} by
     * this step: a version-8 UUID from a SHA-256 of the parent id, the step and the index, so the
     * same split always yields the same ids, and two steps that split the same event never collide.
     */
    UUID splitId(UUID parent, int index) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String part : new String[] {
            "eventscope-split-v1", parent.toString(), type, Integer.toString(from), Integer.toString(index)
        }) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
            sha.update(b);
        }
        ByteBuffer bytes = ByteBuffer.wrap(sha.digest());
        long high = (bytes.getLong() & ~0xF000L) | 0x8000L;
        long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
