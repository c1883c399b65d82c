package dev.eventscope.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/** Spec files ({@code evs test SPEC}) against the orders sample's model: pass (0), fail (1) or refused. */
class SpecFuzzTest {

    private static final Evs EVS = new Evs(Evs.scratch("spec"));

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "aggregateType: Order",
        "aggregateId:",
        "specs:",
        "  - name: ",
        "given:",
        "when:",
        "then:",
        "contains:",
        "equals:",
        "{position: ",
        "{eventType: OrderPlaced, payload: {",
        "timestamp:"
    })
    void spec(byte[] yaml) {
        Path file = EVS.dir().resolve("spec.yaml");
        ImportFuzzTest.write(file, yaml);
        Outcome.require(EVS.run("--model", Fixtures.ordersModel().toString(), "test", file.toString()), 1);
    }
}
