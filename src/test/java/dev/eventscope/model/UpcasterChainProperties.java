package dev.eventscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** An upcaster chain is the composition of its single steps (STYLE: property tests where they pay). */
class UpcasterChainProperties {

    /** One-step transforms over a payload {n, tag}: changes, renames of a field, splits and drops. */
    private static final List<String> STEPS = List.of(
            "{\"payload\": {\"n\": .payload.n + 1, \"tag\": .payload.tag}}",
            "{\"payload\": {\"n\": .payload.n * 2, \"tag\": .payload.tag, \"seen\": true}}",
            "{\"payload\": {\"n\": .payload.n, \"tag\": string(.payload.tag) + \"x\"}}",
            "[{\"payload\": {\"n\": .payload.n, \"tag\": \"left\"}}, {\"payload\": {\"n\": .payload.n - 1, \"tag\":"
                    + " \"right\"}}]",
            "if (mod(.payload.n, 3) == 0) [] else {\"payload\": {\"n\": .payload.n, \"tag\": .payload.tag}}",
            "{* : .}");

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers()
                .between(0, STEPS.size() - 1)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5);
    }

    @Property(tries = 200)
    void upcasting_through_the_chain_equals_applying_each_step_in_turn(
            @ForAll("steps") List<Integer> steps,
            @ForAll @IntRange(min = -50, max = 50) int n,
            @ForAll @IntRange(min = 1, max = 3) int storedVersion) {
        // given: a chain T v1 -> v2 -> ... -> v(k+1), and an event stored at some version of it
        StringBuilder yaml = new StringBuilder("upcasters:\n");
        for (int i = 0; i < steps.size(); i++) {
            yaml.append("  - type: T\n    from: ")
                    .append(i + 1)
                    .append("\n    to: ")
                    .append(i + 2)
                    .append("\n    transform: '")
                    .append(STEPS.get(steps.get(i)).replace("'", "''"))
                    .append("'\n");
        }
        Model m = Upcasts.load(yaml.toString());
        int version = Math.min(storedVersion, steps.size() + 1);
        RecordedEvent stored = Upcasts.stored("T", version, "{\"n\":" + n + ",\"tag\":\"t\"}");

        // when: the chain, and the steps composed by hand (each applied to every event of its version)
        List<RecordedEvent> chained = m.transform().apply(stored);
        List<RecordedEvent> composed = List.of(stored);
        for (Upcaster step : m.upcasters().upcasters()) {
            List<RecordedEvent> next = new ArrayList<>();
            for (RecordedEvent e : composed) {
                next.addAll(e.eventVersion() == step.from() ? step.apply(e) : List.of(e));
            }
            composed = next;
        }

        // then
        assertThat(shapes(chained)).isEqualTo(shapes(composed));
        assertThat(chained).allSatisfy(e -> assertThat(e.eventVersion()).isEqualTo(steps.size() + 1));
    }

    private static List<String> shapes(List<RecordedEvent> events) {
        List<String> out = new ArrayList<>();
        for (RecordedEvent e : events) {
            out.add(Json.write(EventJson.toNode(e, true)));
        }
        return out;
    }
}
