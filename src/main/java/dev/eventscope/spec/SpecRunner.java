package dev.eventscope.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.JsonPointer;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.model.Model;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.replay.TimeMachine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs given-when-then specs ({@code evs test}) against the model: the given events go through the
 * same pipeline (the model's transform) and fold as stored events do, in memory.
 */
public final class SpecRunner {

    private final Model model;

    public SpecRunner(Model model) {
        this.model = model;
    }

    /** Reads every file first (a malformed file fails the run with exit 65), then runs the specs. */
    public List<SpecResult> run(List<Path> files) {
        List<Spec> specs = new ArrayList<>();
        for (Path f : files) {
            specs.addAll(SpecFiles.read(f));
        }
        List<SpecResult> results = new ArrayList<>();
        for (Spec s : specs) {
            results.add(run(s));
        }
        return results;
    }

    /** Runs one spec. */
    public SpecResult run(Spec spec) {
        if (spec.upcast()) {
            return runUpcast(spec);
        }
        long began = System.nanoTime();
        List<String> differences = new ArrayList<>();
        AggregateState state = null;
        String error = null;
        try {
            long head = spec.given().stream()
                    .mapToLong(RecordedEvent::position)
                    .max()
                    .orElse(0);
            ResolvedCut cut = ResolvedCut.resolveInMemory(spec.when(), head, spec.given());
            state = TimeMachine.stateOf(
                    EventSource.of(spec.given(), model.transform()),
                    spec.stream(),
                    model.aggregate(spec.stream().aggregateType()),
                    cut);
        } catch (EventscopeException e) {
            error = describe(e);
        }
        Spec.Expectation then = spec.then();
        if (then instanceof Spec.Failure f) {
            if (error == null) {
                differences.add("expected an error containing \"" + f.text() + "\", but the state folded: "
                        + Text.printable(Json.write(state.state()), 300));
            } else if (!error.contains(f.text())) {
                differences.add("expected an error containing \"" + f.text() + "\", got: " + error);
            }
        } else if (error != null) {
            differences.add("folding failed: " + error);
        } else if (then instanceof Spec.Exact exact) {
            compareExact(exact.state(), state.state(), differences);
            compareVersion(exact.version(), state, differences);
        } else if (then instanceof Spec.Subset subset) {
            compareSubset(subset.state(), state.state(), "", differences);
            compareVersion(subset.version(), state, differences);
        }
        return new SpecResult(spec, differences.isEmpty(), differences, System.nanoTime() - began);
    }

    /** An upcast spec: the stored event through the model's transform, compared with what is expected. */
    private SpecResult runUpcast(Spec spec) {
        long began = System.nanoTime();
        List<String> differences = new ArrayList<>();
        List<RecordedEvent> events = null;
        String error = null;
        try {
            events = model.transform().apply(spec.given().get(0));
        } catch (EventscopeException e) {
            error = describe(e);
        }
        if (spec.then() instanceof Spec.Failure f) {
            if (error == null) {
                differences.add("expected an error containing \"" + f.text() + "\", but it upcast to " + events.size()
                        + " event" + (events.size() == 1 ? "" : "s"));
            } else if (!error.contains(f.text())) {
                differences.add("expected an error containing \"" + f.text() + "\", got: " + error);
            }
        } else if (error != null) {
            differences.add("upcasting failed: " + error);
        } else {
            UpcastExpectations.compare(((Spec.Events) spec.then()).events(), events, differences);
        }
        return new SpecResult(spec, differences.isEmpty(), differences, System.nanoTime() - began);
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

    private static void compareVersion(Long expected, AggregateState state, List<String> differences) {
        if (expected != null && expected != state.version()) {
            differences.add("version: expected " + expected + ", got " + state.version());
        }
    }

    private static void compareExact(JsonNode expected, JsonNode actual, List<String> differences) {
        for (JsonNode op : JsonPatch.diff(expected, actual)) {
            String path = op.path("path").asText();
            String shown = path.isEmpty() ? "(the state)" : path;
            switch (op.path("op").asText()) {
                case "add":
                    differences.add(shown + ": not expected, got " + show(op.get("value")));
                    break;
                case "remove":
                    differences.add(shown + ": expected " + show(expected.at(path)) + ", missing");
                    break;
                default:
                    differences.add(shown + ": expected " + show(expected.at(path)) + ", got " + show(op.get("value")));
            }
        }
    }

    private static void compareSubset(JsonNode expected, JsonNode actual, String path, List<String> differences) {
        if (expected.isObject() && actual.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                String p = JsonPointer.child(path, f.getKey());
                JsonNode a = actual.get(f.getKey());
                if (a == null) {
                    differences.add(p + ": expected " + show(f.getValue()) + ", missing");
                } else {
                    compareSubset(f.getValue(), a, p, differences);
                }
            }
        } else if (!JsonPatch.equal(expected, actual)) {
            differences.add(
                    (path.isEmpty() ? "(the state)" : path) + ": expected " + show(expected) + ", got " + show(actual));
        }
    }

    private static String show(JsonNode v) {
        return Text.printable(Json.write(v), 200);
    }
}
