package dev.eventscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A reducer run as a merge ({@link MergeShape}) gives what the same rule run by JSLT as written
 * gives, with the keys in the state's order then the new ones: the same object, or the same failure
 * at the same place (STYLE: property tests where they pay).
 */
class MergeReducerProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final List<String> RULES = List.of(
            "$state | {\"a\": 1, * : .}",
            "$state | {\"total\": .total + $event.payload.n, * : .}",
            "$state | {\"b\": null, \"c\": [], \"a\": $event.payload.tag, * : .}",
            "$state | {\"n\": size($event.payload.items), \"status\": \"X\", * : .}",
            "$state | {\"a\": .b, \"b\": .a, * : .}",
            "$state | {\n  \"nested\": {\"x\": .a, \"y\": [for ($event.payload.items) . * 2]}, // doubled\n  * : .\n}",
            "$state | {\"total\": .total * 1.1, \"d\": {}, * : .}",
            "$state | {\"status\": if (.status == \"X\") \"Y\" else \"X\", \"last\": $event.timestamp, * : .}");

    private static final List<String> KEYS = List.of("a", "b", "c", "n", "total", "status", "nested", "z");

    @Provide
    Arbitrary<JsonNode> values() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.integers().between(-1000, 1000).map(NODES::numberNode),
                Arbitraries.bigDecimals()
                        .between(new BigDecimal("-100"), new BigDecimal("100"))
                        .ofScale(2)
                        .map(NODES::numberNode),
                Arbitraries.strings().alpha().ofMaxLength(4).map(NODES::textNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.integers().between(0, 3).list().ofMaxSize(3).map(l -> {
                    ArrayNode a = NODES.arrayNode();
                    l.forEach(a::add);
                    return a;
                }));
    }

    @Provide
    Arbitrary<ObjectNode> states() {
        return Combinators.combine(
                        Arbitraries.of(KEYS).list().uniqueElements().ofMaxSize(KEYS.size()),
                        values().list().ofSize(KEYS.size()))
                .as((keys, values) -> {
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return o;
                });
    }

    @Provide
    Arbitrary<ObjectNode> events() {
        return Combinators.combine(
                        Arbitraries.integers().between(-5, 5),
                        Arbitraries.strings().alpha().ofMaxLength(3),
                        Arbitraries.integers().between(0, 9).list().ofMaxSize(4))
                .as((n, tag, items) -> {
                    ObjectNode payload = NODES.objectNode();
                    payload.put("n", n);
                    payload.put("tag", tag);
                    ArrayNode a = payload.putArray("items");
                    items.forEach(a::add);
                    ObjectNode event = NODES.objectNode();
                    event.put("timestamp", "2024-01-15T10:30:00Z");
                    event.set("payload", payload);
                    return event;
                });
    }

    @Property(tries = 600)
    void the_merge_gives_what_the_rule_as_written_gives(
            @ForAll("states") ObjectNode state, @ForAll("events") ObjectNode event, @ForAll("rule") String text) {
        // given
        JsltRule rule = JsltRuleTest.reducer(text);
        assertThat(rule.runsAsMerge()).isTrue();

        // when
        Object merged = outcome(() -> rule.apply(event, state));
        Object written = outcome(() -> rule.applyAsWritten(event, state));

        // then
        assertThat(merged).isEqualTo(written);
        if (merged instanceof JsonNode m) {
            assertThat(keys(m)).isEqualTo(stateOrder(state, (JsonNode) written));
        }
    }

    @Provide
    Arbitrary<String> rule() {
        return Arbitraries.of(RULES);
    }

    private static Object outcome(java.util.function.Supplier<JsonNode> run) {
        try {
            return run.get();
        } catch (RuleFailure f) {
            return "failure at " + f.location() + ": " + f.getMessage();
        }
    }

    private static List<String> keys(JsonNode o) {
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The keys of {@code result}: those the state had, in its order, then the others in theirs. */
    private static List<String> stateOrder(JsonNode state, JsonNode result) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = state.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (result.has(k)) {
                keys.add(k);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
            String k = it.next().getKey();
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }
        return keys;
    }
}
