package dev.eventscope.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.JsonPointer;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import dev.eventscope.model.Model;
import dev.eventscope.model.SagaModel;
import dev.eventscope.model.YamlNode;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.saga.SagaRuns;
import dev.eventscope.saga.SagaView;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Specs of sagas in {@code evs test} (ADR 0180): given events (of any streams, through the model's
 * upcasters), a reference time {@code now} (default: the latest given timestamp), and what to
 * expect: the instances (status, step, state exactly or a subset, why it is stuck), every event
 * emitted in order (each compared on the fields it gives; payload and metadata on the keys they
 * give), and the deadlines still pending.
 *
 * <pre>
 * saga: fulfilment
 * specs:
 *   - name: a payment that never comes cancels the order
 *     given:
 *       - {eventType: OrderPlaced, aggregateType: Order, aggregateId: order-1, payload: {totalAmount: 10}}
 *     now: "2024-01-01T01:00:00Z"
 *     then:
 *       instances:
 *         order-1: {status: stuck, step: cancelling, contains: {failure: no payment within 30 minutes}}
 *       emitted:
 *         - {eventType: PaymentRequested}
 *         - {eventType: PaymentTimedOut}
 *         - {eventType: CancellationRequested, payload: {reason: payment timed out}}
 *       deadlines: []
 * </pre>
 */
final class SagaSpecs {

    private static final Set<String> SPEC_KEYS =
            Set.of("name", "saga", "aggregateType", "aggregateId", "given", "now", "then");
    private static final Set<String> THEN_KEYS = Set.of("instances", "emitted", "deadlines");
    private static final Set<String> INSTANCE_KEYS = Set.of("status", "step", "state", "contains", "reason", "events");
    private static final Set<String> EMITTED_KEYS = Set.of(
            "eventId", "eventType", "eventVersion", "aggregateType", "aggregateId", "timestamp", "payload", "metadata");
    private static final Set<String> DEADLINE_KEYS = Set.of("instance", "name", "due");

    private SagaSpecs() {}

    /** What a saga spec expects (null parts are not checked). */
    record Expectation(
            String saga, Instant now, Map<String, JsonNode> instances, List<JsonNode> emitted, List<JsonNode> deadlines)
            implements Spec.Expectation {}

    /** Whether {@code node} is a saga spec: it, or its file, names a saga. */
    static boolean isSaga(YamlNode node, YamlNode defaults) {
        return node.get("saga") != null || (defaults != null && defaults.get("saga") != null);
    }

    static Spec spec(Path file, YamlNode node, YamlNode defaults, List<String> problems) {
        SpecFiles.unknownKeys(node, SPEC_KEYS, problems);
        int before = problems.size();
        String name = SpecFiles.text(node, "name", null, problems);
        if (name == null) {
            name = "spec at line " + node.mark().line();
        }
        String saga = SpecFiles.text(
                node, "saga", defaults == null ? null : SpecFiles.text(defaults, "saga", null, problems), problems);
        String type = SpecFiles.text(
                node,
                "aggregateType",
                defaults == null ? null : SpecFiles.text(defaults, "aggregateType", null, problems),
                problems);
        String id = SpecFiles.text(
                node,
                "aggregateId",
                defaults == null ? null : SpecFiles.text(defaults, "aggregateId", null, problems),
                problems);
        StreamId stream = new StreamId(type == null ? "Spec" : type, id == null ? "spec" : id);
        List<RecordedEvent> given = new ArrayList<>();
        YamlNode givenNode = node.get("given");
        if (givenNode != null) {
            if (!givenNode.json().isArray()) {
                problems.add(givenNode.at() + ": 'given' must be a list of events");
            } else {
                given = SpecFiles.events(givenNode.elements(), stream, problems, node);
            }
        }
        Instant now = SpecFiles.instant(node, "now", problems);
        if (now == null) {
            now = given.stream()
                    .map(RecordedEvent::timestamp)
                    .max(Instant::compareTo)
                    .orElse(SpecFiles.BASE);
        }
        Expectation then = then(saga, now, node.get("then"), node, problems);
        if (problems.size() > before || then == null) {
            return null;
        }
        return new Spec(file.toString(), name, node.at(), stream, given, dev.eventscope.event.Cut.LATEST, then, false);
    }

    private static Expectation then(String saga, Instant now, YamlNode node, YamlNode spec, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add((node == null ? spec : node).at()
                    + ": a saga spec needs 'then' with instances, emitted and/or deadlines");
            return null;
        }
        SpecFiles.unknownKeys(node, THEN_KEYS, problems);
        if (node.fields().isEmpty()) {
            problems.add(node.at() + ": 'then' needs instances, emitted or deadlines");
            return null;
        }
        Map<String, JsonNode> instances = null;
        YamlNode i = node.get("instances");
        if (i != null) {
            if (!i.isObject()) {
                problems.add(i.at() + ": 'instances' maps instance ids to what to expect of them (status, step, state,"
                        + " contains, reason, events)");
            } else {
                instances = new LinkedHashMap<>();
                for (Map.Entry<String, YamlNode> e : i.fields()) {
                    if (!e.getValue().isObject()) {
                        problems.add(e.getValue().at() + ": what to expect of instance " + e.getKey()
                                + " is a mapping (status, step, state, contains, reason, events)");
                        continue;
                    }
                    SpecFiles.unknownKeys(e.getValue(), INSTANCE_KEYS, problems);
                    instances.put(e.getKey(), e.getValue().json());
                }
            }
        }
        List<JsonNode> emitted = list(node.get("emitted"), EMITTED_KEYS, "emitted", problems);
        List<JsonNode> deadlines = list(node.get("deadlines"), DEADLINE_KEYS, "deadlines", problems);
        return new Expectation(saga, now, instances, emitted, deadlines);
    }

    private static List<JsonNode> list(YamlNode node, Set<String> keys, String what, List<String> problems) {
        if (node == null) {
            return null;
        }
        if (!node.json().isArray()) {
            problems.add(node.at() + ": '" + what + "' must be a list ([] for none)");
            return null;
        }
        List<JsonNode> out = new ArrayList<>();
        for (YamlNode e : node.elements()) {
            if (!e.isObject()) {
                problems.add(e.at() + ": an entry of '" + what + "' is a mapping");
                continue;
            }
            SpecFiles.unknownKeys(e, keys, problems);
            out.add(e.json());
        }
        return out;
    }

    /** Runs a saga spec against {@code model}. */
    static SpecResult run(Model model, Spec spec, Expectation then) {
        long began = System.nanoTime();
        List<String> differences = new ArrayList<>();
        try {
            SagaModel saga = model.saga(then.saga());
            long head = spec.given().stream()
                    .mapToLong(RecordedEvent::position)
                    .max()
                    .orElse(0);
            SagaRuns.Simulation run =
                    SagaRuns.simulate(saga, EventSource.of(spec.given(), model.transform()), head, then.now());
            run.warnings().forEach(w -> differences.add("warning: " + w));
            if (then.instances() != null) {
                compareInstances(then.instances(), run.instances(), differences);
            }
            if (then.emitted() != null) {
                compareEmitted(then.emitted(), run.emitted(), differences);
            }
            if (then.deadlines() != null) {
                compareDeadlines(then.deadlines(), run.pending(), differences);
            }
        } catch (EventscopeException e) {
            differences.add("the saga did not run: " + e.getMessage());
        }
        return new SpecResult(spec, differences.isEmpty(), differences, System.nanoTime() - began);
    }

    private static void compareInstances(
            Map<String, JsonNode> expected, List<SagaView> actual, List<String> differences) {
        Map<String, SagaView> byId = new LinkedHashMap<>();
        actual.forEach(v -> byId.put(v.instanceId(), v));
        for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
            String which = "instance " + e.getKey();
            SagaView v = byId.get(e.getKey());
            if (v == null) {
                differences.add(which + ": expected, but no event started it (instances: "
                        + (byId.isEmpty() ? "none" : String.join(", ", byId.keySet())) + ")");
                continue;
            }
            JsonNode x = e.getValue();
            if (x.has("status") && !x.get("status").asText().equals(v.status().label())) {
                differences.add(which + ": status: expected " + x.get("status").asText() + ", got "
                        + v.status().label() + (v.stuckReason() == null ? "" : " (" + v.stuckReason() + ")"));
            }
            if (x.has("step") && !x.get("step").asText().equals(v.step())) {
                differences.add(which + ": step: expected " + x.get("step").asText() + ", got " + v.step());
            }
            if (x.has("events") && x.get("events").asLong() != v.events()) {
                differences.add(which + ": events: expected " + x.get("events").asLong() + ", got " + v.events());
            }
            if (x.has("reason")) {
                String reason = v.stuckReason() == null ? "" : v.stuckReason();
                if (!reason.contains(x.get("reason").asText())) {
                    differences.add(which + ": reason: expected one containing \""
                            + x.get("reason").asText() + "\", got "
                            + (v.stuckReason() == null ? "none" : "\"" + reason + "\""));
                }
            }
            JsonNode state = v.state() == null ? Json.object() : v.state();
            if (x.has("state")) {
                for (JsonNode op : JsonPatch.diff(x.get("state"), state)) {
                    differences.add(which + ": state" + op.path("path").asText() + ": expected "
                            + show(x.get("state").at(op.path("path").asText())) + ", got "
                            + (op.has("value") ? show(op.get("value")) : "nothing"));
                }
            }
            if (x.has("contains")) {
                subset(x.get("contains"), state, which + ": state", differences);
            }
        }
    }

    private static void compareEmitted(List<JsonNode> expected, List<NewEvent> actual, List<String> differences) {
        if (expected.size() != actual.size()) {
            List<String> types = new ArrayList<>();
            actual.forEach(n -> types.add(n.eventType()));
            differences.add("emitted: expected " + expected.size() + " event" + (expected.size() == 1 ? "" : "s")
                    + ", got " + actual.size() + ": " + (types.isEmpty() ? "(none)" : String.join(", ", types)));
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            NewEvent n = actual.get(i);
            JsonNode got = EventJson.toNode(
                    new RecordedEvent(
                            i + 1,
                            n.eventId(),
                            n.eventType(),
                            n.stream(),
                            1,
                            n.eventVersion(),
                            n.timestamp(),
                            n.timestamp(),
                            n.payload(),
                            n.metadata(),
                            n.correlationId(),
                            n.causationId(),
                            n.userId(),
                            null),
                    false);
            subset(expected.get(i), got, "emitted event " + (i + 1), differences);
        }
    }

    private static void compareDeadlines(
            List<JsonNode> expected, List<SagaRuns.Pending> actual, List<String> differences) {
        if (expected.size() != actual.size()) {
            List<String> got = new ArrayList<>();
            actual.forEach(p -> got.add(p.instance() + "/" + p.name() + " due " + Times.format(p.due())));
            differences.add("deadlines pending: expected " + expected.size() + ", got " + actual.size() + ": "
                    + (got.isEmpty() ? "(none)" : String.join(", ", got)));
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            SagaRuns.Pending p = actual.get(i);
            JsonNode got = Json.object()
                    .put("instance", p.instance())
                    .put("name", p.name())
                    .put("due", Times.format(p.due()));
            JsonNode x = expected.get(i);
            if (x.has("due")) {
                try {
                    x = ((com.fasterxml.jackson.databind.node.ObjectNode) x.deepCopy())
                            .put("due", Times.format(Times.parse(x.get("due").asText(), null)));
                } catch (IllegalArgumentException bad) {
                    differences.add("pending deadline " + (i + 1) + ": due: " + bad.getMessage());
                    continue;
                }
            }
            subset(x, got, "pending deadline " + (i + 1), differences);
        }
    }

    /** Every key of {@code expected} has its value in {@code actual} (objects compared the same way). */
    private static void subset(JsonNode expected, JsonNode actual, String path, List<String> differences) {
        if (expected.isObject() && actual != null && actual.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                String p = path + "/" + JsonPointer.escape(f.getKey());
                JsonNode a = actual.get(f.getKey());
                if (a == null) {
                    differences.add(p + ": expected " + show(f.getValue()) + ", missing");
                } else {
                    subset(f.getValue(), a, p, differences);
                }
            }
        } else if (actual == null || !JsonPatch.equal(expected, actual)) {
            differences.add(
                    path + ": expected " + show(expected) + ", got " + (actual == null ? "nothing" : show(actual)));
        }
    }

    private static String show(JsonNode v) {
        return Text.printable(Json.write(v), 200);
    }
}
