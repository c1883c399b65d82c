package dev.eventscope.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.decide.Command;
import dev.eventscope.decide.Decided;
import dev.eventscope.decide.Decider;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import dev.eventscope.model.Model;
import dev.eventscope.model.YamlNode;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.replay.TimeMachine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command specs: given events, {@code when: {command: {...}}} (optionally with a cut: at, asOf,
 * position), and {@code then: {events: [...]}} (the events the command decides, in order; each
 * compared on the fields it gives: eventType, eventVersion, timestamp and payload exactly,
 * metadata on the keys it lists), {@code then: {rejected: "text"}} (a rejection whose reason
 * contains the text) or {@code then: {error: "text"}} (a failing rule).
 *
 * <p>The command is decided by the same {@link Decider} as {@code exec}, against the given events
 * folded in memory at the cut: nothing is stored. A command without a timestamp is issued at the
 * cut's time ({@code at}), else a minute after the last given event, else at 2024-01-01T00:00:00Z;
 * one without a commandId gets {@code spec-command}, so decided event ids are the same every run.
 */
final class CommandSpecs {

    private static final Set<String> THEN_KEYS = Set.of("events", "rejected", "error");
    private static final Set<String> EXPECTED_EVENT_KEYS =
            Set.of("eventId", "eventType", "eventVersion", "timestamp", "payload", "metadata");

    private CommandSpecs() {}

    /** Whether {@code when} holds a command (valid or not): then the spec is a command spec. */
    static boolean has(YamlNode when) {
        return when != null && when.isObject() && when.get("command") != null;
    }

    /** The command of {@code when} (null when it has none), with its time and id settled. */
    static Command command(YamlNode when, List<RecordedEvent> given, Cut cut, List<String> problems) {
        YamlNode node = when == null || !when.isObject() ? null : when.get("command");
        if (node == null) {
            return null;
        }
        Command command;
        try {
            command = Command.read(node.json(), null, null);
        } catch (IllegalArgumentException e) {
            problems.add(node.at() + ": " + e.getMessage());
            return null;
        }
        if (!node.json().has("commandId")) {
            command = new Command(
                    command.commandType(), "spec-command", command.timestamp(), command.payload(), command.metadata());
        }
        if (cut instanceof Cut.Version) {
            problems.add(when.at() + ": a command is decided at a time or position (at, asOf, position), not at a"
                    + " stream version");
            return null;
        }
        Instant time = SpecFiles.BASE;
        if (cut instanceof Cut.At at) {
            time = at.validTime();
        } else if (!given.isEmpty()) {
            time = given.get(given.size() - 1).timestamp().plus(1, ChronoUnit.MINUTES);
        }
        return command.at(time);
    }

    /** The expectation of a command spec's {@code then}. */
    static Spec.Expectation then(YamlNode node, YamlNode spec, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add((node == null ? spec : node).at() + ": a command spec needs 'then' with events, rejected or"
                    + " error");
            return null;
        }
        SpecFiles.unknownKeys(node, THEN_KEYS, problems);
        int kinds = (node.get("events") != null ? 1 : 0)
                + (node.get("rejected") != null ? 1 : 0)
                + (node.get("error") != null ? 1 : 0);
        if (kinds != 1) {
            problems.add(node.at() + ": 'then' of a command spec needs exactly one of events, rejected or error");
            return null;
        }
        if (node.get("rejected") != null) {
            return new Spec.Rejected(node.get("rejected").json().asText());
        }
        if (node.get("error") != null) {
            return new Spec.Failure(node.get("error").json().asText());
        }
        YamlNode events = node.get("events");
        if (!events.json().isArray()) {
            problems.add(events.at() + ": 'events' is the list of events the command decides ([] for none)");
            return null;
        }
        List<JsonNode> expected = new ArrayList<>();
        for (YamlNode e : events.elements()) {
            if (!e.isObject()) {
                problems.add(
                        e.at() + ": an expected event is a mapping, e.g. {eventType: OrderShipped, payload: {...}}");
                continue;
            }
            SpecFiles.unknownKeys(e, EXPECTED_EVENT_KEYS, problems);
            expected.add(e.json());
        }
        return new Spec.Events(expected);
    }

    /** Decides the spec's command against its given events and compares with what it expects. */
    static SpecResult run(Model model, Spec spec) {
        long began = System.nanoTime();
        List<String> differences = new ArrayList<>();
        Decided decided = null;
        String error = null;
        try {
            long head = spec.given().stream()
                    .mapToLong(RecordedEvent::position)
                    .max()
                    .orElse(0);
            ResolvedCut cut = ResolvedCut.resolveInMemory(spec.when(), head, spec.given());
            EventSource source = EventSource.of(spec.given(), model.transform());
            decided = new Decider(model, EventJson.ReadOptions.DEFAULT)
                    .decide(
                            spec.command(),
                            stream ->
                                    TimeMachine.stateOf(source, stream, model.aggregate(stream.aggregateType()), cut));
        } catch (EventscopeException e) {
            error = describe(e);
        }
        Spec.Expectation then = spec.then();
        if (then instanceof Spec.Failure f) {
            if (error == null) {
                differences.add("expected an error containing \"" + f.text() + "\", but the command was "
                        + (decided.rejected()
                                ? "rejected: " + decided.reason()
                                : "accepted: " + types(decided.events())));
            } else if (!error.contains(f.text())) {
                differences.add("expected an error containing \"" + f.text() + "\", got: " + error);
            }
        } else if (error != null) {
            differences.add("deciding failed: " + error);
        } else if (then instanceof Spec.Rejected r) {
            if (!decided.rejected()) {
                differences.add("expected a rejection containing \"" + r.text() + "\", but the command was accepted: "
                        + types(decided.events()));
            } else if (!decided.reason().contains(r.text())) {
                differences.add("expected a rejection containing \"" + r.text() + "\", got: " + decided.reason());
            }
        } else if (decided.rejected()) {
            differences.add("expected " + count(((Spec.Events) then).events().size())
                    + ", but the command was rejected: " + decided.reason());
        } else {
            compare(((Spec.Events) then).events(), decided.events(), differences);
        }
        return new SpecResult(spec, differences.isEmpty(), differences, System.nanoTime() - began);
    }

    private static void compare(List<JsonNode> expected, List<NewEvent> actual, List<String> differences) {
        if (expected.size() != actual.size()) {
            differences.add("expected " + count(expected.size()) + ", got " + actual.size() + ": " + types(actual));
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            String which = expected.size() == 1 ? "" : "event " + (i + 1) + " ";
            NewEvent a = actual.get(i);
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.get(i).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode got = field(a, f.getKey());
                if (f.getKey().equals("metadata") && f.getValue().isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> m = f.getValue().fields(); m.hasNext(); ) {
                        Map.Entry<String, JsonNode> k = m.next();
                        JsonNode v = got.get(k.getKey());
                        if (v == null || !JsonPatch.equal(k.getValue(), v)) {
                            differences.add(which + "metadata." + k.getKey() + ": expected " + show(k.getValue())
                                    + ", got " + (v == null ? "nothing" : show(v)));
                        }
                    }
                } else if (f.getValue().isObject() && got.isObject()) {
                    for (JsonNode op : JsonPatch.diff(f.getValue(), got)) {
                        String path = op.path("path").asText();
                        String kind = op.path("op").asText();
                        String shown = which + f.getKey() + path;
                        if (kind.equals("add")) {
                            differences.add(shown + ": not expected, got " + show(op.get("value")));
                        } else if (kind.equals("remove")) {
                            differences.add(
                                    shown + ": expected " + show(f.getValue().at(path)) + ", missing");
                        } else {
                            differences.add(shown + ": expected "
                                    + show(f.getValue().at(path)) + ", got " + show(op.get("value")));
                        }
                    }
                } else if (!JsonPatch.equal(f.getValue(), got)) {
                    differences.add(which + f.getKey() + ": expected " + show(f.getValue()) + ", got " + show(got));
                }
            }
        }
    }

    private static JsonNode field(NewEvent e, String key) {
        switch (key) {
            case "eventId":
                return Json.mapper().getNodeFactory().textNode(e.eventId().toString());
            case "eventType":
                return Json.mapper().getNodeFactory().textNode(e.eventType());
            case "eventVersion":
                return Json.mapper().getNodeFactory().numberNode(e.eventVersion());
            case "timestamp":
                return Json.mapper().getNodeFactory().textNode(Times.format(e.timestamp()));
            case "payload":
                return e.payload().node();
            default:
                return e.metadata().node();
        }
    }

    private static String count(int n) {
        return n + " event" + (n == 1 ? "" : "s");
    }

    private static String types(List<NewEvent> events) {
        if (events.isEmpty()) {
            return "no events";
        }
        StringBuilder s = new StringBuilder();
        for (NewEvent e : events) {
            s.append(s.length() == 0 ? "" : ", ")
                    .append(e.eventType())
                    .append(" v")
                    .append(e.eventVersion());
        }
        return s.toString();
    }

    private static String show(JsonNode v) {
        return Text.printable(Json.write(v), 200);
    }

    private static String describe(EventscopeException e) {
        StringBuilder s = new StringBuilder(e.getMessage());
        if (e instanceof InvalidInputException invalid) {
            for (String p : invalid.problems()) {
                s.append("; ").append(p);
            }
        }
        return s.toString();
    }
}
