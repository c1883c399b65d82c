package dev.eventscope.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.decide.Command;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.Metadata;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.model.YamlDocument;
import dev.eventscope.model.YamlNode;
import dev.eventscope.replay.Cuts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads spec files (YAML). A file is one spec, or defaults plus a list of specs:
 *
 * <pre>
 * aggregateType: Order            # defaults for every spec of the file
 * aggregateId: order-1
 * specs:
 *   - name: a placed order is PLACED
 *     given:
 *       - {eventType: OrderPlaced, timestamp: "2024-01-15T10:00:00Z", payload: {customerId: c-1}}
 *     when: {at: "2024-01-15T12:00:00Z"}   # optional: at, asOf, version, position
 *     then:
 *       contains: {status: PLACED}        # or state: {...} (exact), or error: "text"
 *   - name: a placed order ships once paid  # a command spec (see CommandSpecs)
 *     given: [...]
 *     when: {command: {commandType: ShipOrder, payload: {orderId: order-1, carrier: DHL}}}
 *     then:
 *       events: [{eventType: OrderShipped, payload: {carrier: DHL, trackingNumber: null}}]   # or rejected: "text"
 * </pre>
 *
 * <p>A saga spec names the saga ({@code saga:}, on the file or the spec) instead of an aggregate:
 * see {@link SagaSpecs}.
 *
 * <p>Given events get positions and stream versions in order; a missing timestamp is one minute
 * after the previous event's (the first: 2024-01-01T00:00:00Z); recordedAt defaults to the
 * timestamp and never decreases.
 */
final class SpecFiles {

    static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    private static final Set<String> FILE_KEYS = Set.of("aggregateType", "aggregateId", "saga", "specs");
    private static final Set<String> SPEC_KEYS =
            Set.of("name", "aggregateType", "aggregateId", "given", "when", "then", "upcast");
    private static final Set<String> EVENT_KEYS = Set.of(
            "eventType",
            "eventId",
            "eventVersion",
            "timestamp",
            "recordedAt",
            "payload",
            "metadata",
            "aggregateType",
            "aggregateId");

    private SpecFiles() {}

    static List<Spec> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("spec file " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("spec file " + file + " cannot be read: " + e.getMessage());
        }
        YamlNode root = YamlDocument.parse(file.toString(), text).root();
        List<String> problems = new ArrayList<>();
        List<Spec> specs = new ArrayList<>();
        if (!root.isObject()) {
            problems.add(root.at() + ": a spec file is a mapping (a spec, or defaults and 'specs:')");
        } else if (root.get("specs") != null) {
            unknownKeys(root, FILE_KEYS, problems);
            for (YamlNode spec : root.get("specs").elements()) {
                Spec s = spec(file, spec, root, problems);
                if (s != null) {
                    specs.add(s);
                }
            }
            if (root.get("specs").elements().isEmpty()) {
                problems.add(root.get("specs").at() + ": 'specs' must be a non-empty list");
            }
        } else {
            Spec s = spec(file, root, null, problems);
            if (s != null) {
                specs.add(s);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(
                    "spec file " + file + " is not valid: " + problems.size() + " problem"
                            + (problems.size() == 1 ? "" : "s"),
                    problems,
                    "a spec has given (events), optionally when (at, asOf, version, position, command), and then"
                            + " (state, contains, or error; for a command: events, rejected, or error)");
        }
        return specs;
    }

    private static Spec spec(Path file, YamlNode node, YamlNode defaults, List<String> problems) {
        if (!node.isObject()) {
            problems.add(node.at() + ": a spec is a mapping with given, when and then");
            return null;
        }
        if (SagaSpecs.isSaga(node, defaults)) {
            return SagaSpecs.spec(file, node, defaults, problems);
        }
        unknownKeys(node, SPEC_KEYS, problems);
        int before = problems.size();
        String name = text(node, "name", null, problems);
        if (name == null) {
            name = "spec at line " + node.mark().line();
        }
        String type = text(
                node,
                "aggregateType",
                defaults == null ? null : text(defaults, "aggregateType", null, problems),
                problems);
        String id = text(
                node, "aggregateId", defaults == null ? null : text(defaults, "aggregateId", null, problems), problems);
        if (type == null) {
            problems.add(node.at() + ": spec '" + name + "' needs an aggregateType (on the spec or the file)");
            return null;
        }
        StreamId stream = new StreamId(type, id == null ? "spec" : id);
        YamlNode upcast = node.get("upcast");
        if (upcast != null) {
            if (node.get("given") != null || node.get("when") != null) {
                problems.add(node.at() + ": an upcast spec has 'upcast' (the stored event) and 'then', not given or"
                        + " when");
                return null;
            }
            if (!upcast.isObject()) {
                problems.add(upcast.at() + ": 'upcast' is the stored event: a mapping with at least eventType");
                return null;
            }
            List<RecordedEvent> stored = events(List.of(upcast), stream, problems, node);
            Spec.Expectation expected = upcastThen(node.get("then"), node, problems);
            if (problems.size() > before) {
                return null;
            }
            return new Spec(file.toString(), name, node.at(), stream, stored, Cut.LATEST, expected, true);
        }
        List<RecordedEvent> given = given(node.get("given"), stream, problems, node);
        Cut when = when(node.get("when"), problems);
        Command command = CommandSpecs.command(node.get("when"), given, when, problems);
        Spec.Expectation then = CommandSpecs.has(node.get("when"))
                ? CommandSpecs.then(node.get("then"), node, problems)
                : then(node.get("then"), node, problems);
        if (problems.size() > before) {
            return null;
        }
        return new Spec(file.toString(), name, node.at(), stream, given, when, then, false, command);
    }

    private static List<RecordedEvent> given(YamlNode node, StreamId stream, List<String> problems, YamlNode spec) {
        List<RecordedEvent> events = new ArrayList<>();
        if (node == null) {
            return events;
        }
        if (!node.json().isArray()) {
            problems.add(node.at() + ": 'given' must be a list of events");
            return events;
        }
        return events(node.elements(), stream, problems, spec);
    }

    static List<RecordedEvent> events(List<YamlNode> nodes, StreamId stream, List<String> problems, YamlNode spec) {
        List<RecordedEvent> events = new ArrayList<>();
        Map<StreamId, Long> versions = new HashMap<>();
        Instant time = null;
        Instant recorded = BASE;
        long position = 0;
        for (YamlNode e : nodes) {
            if (!e.isObject()) {
                problems.add(e.at() + ": an event is a mapping with at least eventType");
                continue;
            }
            unknownKeys(e, EVENT_KEYS, problems);
            String type = text(e, "eventType", null, problems);
            if (type == null) {
                problems.add(e.at() + ": the event needs an eventType");
                continue;
            }
            StreamId s = new StreamId(
                    text(e, "aggregateType", stream.aggregateType(), problems),
                    text(e, "aggregateId", stream.aggregateId(), problems));
            Instant ts = instant(e, "timestamp", problems);
            time = ts != null ? ts : time == null ? BASE : time.plus(1, ChronoUnit.MINUTES);
            Instant rec = instant(e, "recordedAt", problems);
            recorded = max(recorded, rec != null ? rec : time);
            position++;
            long version = versions.merge(s, 1L, Long::sum);
            JsonNode payload = e.json().path("payload");
            JsonNode metadata = e.json().path("metadata");
            if (!payload.isMissingNode() && !payload.isObject() || !metadata.isMissingNode() && !metadata.isObject()) {
                problems.add(e.at() + ": payload and metadata must be mappings");
                continue;
            }
            JsonDoc meta = metadata.isObject() ? JsonDoc.of(metadata) : JsonDoc.EMPTY_OBJECT;
            String idText = text(e, "eventId", null, problems);
            UUID eventId = idText != null
                    ? UUID.nameUUIDFromBytes(idText.getBytes(StandardCharsets.UTF_8))
                    : UUID.nameUUIDFromBytes((spec.at() + "#" + position).getBytes(StandardCharsets.UTF_8));
            if (idText != null && idText.matches("[0-9a-fA-F-]{36}")) {
                eventId = UUID.fromString(idText);
            }
            JsonNode ver = e.json().path("eventVersion");
            events.add(new RecordedEvent(
                    position,
                    eventId,
                    type,
                    s,
                    version,
                    ver.isIntegralNumber() && ver.intValue() > 0 ? ver.intValue() : 1,
                    time,
                    recorded,
                    payload.isObject() ? JsonDoc.of(payload) : JsonDoc.EMPTY_OBJECT,
                    meta,
                    textOf(meta, Metadata.CORRELATION_ID),
                    textOf(meta, Metadata.CAUSATION_ID),
                    textOf(meta, Metadata.USER_ID),
                    null));
        }
        return events;
    }

    private static Cut when(YamlNode node, List<String> problems) {
        if (node == null) {
            return Cut.LATEST;
        }
        if (!node.isObject()) {
            problems.add(node.at() + ": 'when' is a mapping with at, asOf, version or position");
            return Cut.LATEST;
        }
        unknownKeys(node, Set.of("at", "asOf", "version", "position", "command"), problems);
        JsonNode j = node.json();
        try {
            return new Cuts(null, Times.nowMicros())
                    .of(
                            j.has("at") ? j.get("at").asText() : null,
                            j.has("asOf") ? j.get("asOf").asText() : null,
                            j.has("version") ? j.get("version").asLong() : null,
                            j.has("position") ? j.get("position").asLong() : null);
        } catch (RuntimeException e) {
            problems.add(node.at() + ": " + e.getMessage());
            return Cut.LATEST;
        }
    }

    private static Spec.Expectation then(YamlNode node, YamlNode spec, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add((node == null ? spec : node).at() + ": the spec needs 'then' with state, contains or error");
            return null;
        }
        unknownKeys(node, Set.of("state", "contains", "error", "version"), problems);
        int kinds = (node.get("state") != null ? 1 : 0)
                + (node.get("contains") != null ? 1 : 0)
                + (node.get("error") != null ? 1 : 0);
        if (kinds != 1) {
            problems.add(node.at() + ": 'then' needs exactly one of state, contains or error");
            return null;
        }
        Long version =
                node.get("version") == null ? null : node.get("version").json().asLong();
        if (node.get("error") != null) {
            return new Spec.Failure(node.get("error").json().asText());
        }
        YamlNode state = node.get("state") != null ? node.get("state") : node.get("contains");
        if (!state.isObject()) {
            problems.add(state.at() + ": the expected state is a mapping");
            return null;
        }
        return node.get("state") != null
                ? new Spec.Exact(state.json(), version)
                : new Spec.Subset(state.json(), version);
    }

    private static Spec.Expectation upcastThen(YamlNode node, YamlNode spec, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add((node == null ? spec : node).at() + ": an upcast spec needs 'then' with events or error");
            return null;
        }
        unknownKeys(node, Set.of("events", "error"), problems);
        if ((node.get("events") != null) == (node.get("error") != null)) {
            problems.add(node.at() + ": 'then' of an upcast spec needs exactly one of events or error");
            return null;
        }
        if (node.get("error") != null) {
            return new Spec.Failure(node.get("error").json().asText());
        }
        YamlNode events = node.get("events");
        if (!events.json().isArray()) {
            problems.add(events.at() + ": 'events' is the list of events the stored event becomes ([] when it is"
                    + " dropped)");
            return null;
        }
        List<JsonNode> expected = new ArrayList<>();
        for (YamlNode e : events.elements()) {
            if (!e.isObject()) {
                problems.add(e.at() + ": an expected event is a mapping, e.g. {eventType: X, eventVersion: 2}");
                continue;
            }
            unknownKeys(e, UPCAST_EVENT_KEYS, problems);
            expected.add(e.json());
        }
        return new Spec.Events(expected);
    }

    /** The fields an expected upcast event may give. */
    static final Set<String> UPCAST_EVENT_KEYS = Set.of(
            "eventId",
            "eventType",
            "eventVersion",
            "aggregateType",
            "aggregateId",
            "timestamp",
            "recordedAt",
            "payload",
            "metadata",
            "position",
            "streamVersion");

    static String text(YamlNode node, String key, String fallback, List<String> problems) {
        YamlNode v = node.get(key);
        if (v == null || v.json().isNull()) {
            return fallback;
        }
        if (!v.json().isValueNode() || v.json().isBoolean()) {
            problems.add(v.at() + ": " + key + " must be a text");
            return fallback;
        }
        return v.json().asText();
    }

    static Instant instant(YamlNode node, String key, List<String> problems) {
        YamlNode v = node.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Times.parse(v.json().asText(), null);
        } catch (IllegalArgumentException e) {
            problems.add(v.at() + ": " + key + ": " + e.getMessage());
            return null;
        }
    }

    static void unknownKeys(YamlNode node, Set<String> known, List<String> problems) {
        for (Map.Entry<String, YamlNode> e : node.fields()) {
            if (!known.contains(e.getKey())) {
                problems.add(e.getValue().at() + ": unknown key '" + e.getKey() + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String textOf(JsonDoc doc, String key) {
        JsonNode v = doc.node().get(key);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
