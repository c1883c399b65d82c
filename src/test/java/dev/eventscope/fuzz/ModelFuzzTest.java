package dev.eventscope.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The model file: YAML with JSLT reducers, upcasters, schemas, projections and handlers. Every
 * input is loaded by the core (a refusal is an {@link EventscopeException} with a documented kind
 * and a message); a model that loads is then used through the command line: {@code replay} of each
 * of its aggregate types over the orders sample, and {@code upcast check}.
 */
class ModelFuzzTest {

    private static final Evs EVS = new Evs(Fixtures.ordersStore());

    @FuzzTest(maxDuration = "15m")
    @DictionaryEntries({
        "aggregates:",
        "initial:",
        "reducers:",
        "strict: true",
        "snapshotEvery:",
        "upcasters:",
        "transform:",
        "schemas:",
        "projections:",
        "columns:",
        "upsert:",
        "delete:",
        "handlers:",
        "kind: reactor",
        "emit:",
        "types:",
        "$state",
        "$event",
        "$event.payload",
        " | {",
        "* : .}",
        "def f(x)",
        "let x = ",
        "((((((((((",
        "[for (.) .]",
        "if (",
        "\"*\":"
    })
    void model(byte[] yaml) {
        String text = new String(yaml, StandardCharsets.UTF_8);
        Model model;
        try {
            model = ModelLoader.parse("fuzz.yaml", text, EVS.dir(), List.of());
        } catch (EventscopeException refused) {
            Core.requireDocumented(refused);
            return;
        }
        Path file = EVS.dir().resolve("fuzz.yaml");
        ImportFuzzTest.write(file, yaml);
        int replays = 0;
        for (String type : model.aggregates().keySet()) {
            if (++replays > 2) {
                break;
            }
            Outcome.require(EVS.run("--model", file.toString(), "replay", "--aggregate-type=" + type, "-o", "ndjson"));
        }
        Outcome.require(EVS.run("--model", file.toString(), "upcast", "check"), 1);
    }
}
