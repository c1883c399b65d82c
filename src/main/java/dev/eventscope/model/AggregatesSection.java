package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code aggregates:} section (DESIGN §6): per aggregate type an {@code initial} state (an
 * object, default {@code {}}), {@code strict} (default false), {@code reducers} by event type with
 * {@code "*"} for any other type, and {@code snapshotEvery} (a positive whole number).
 */
final class AggregatesSection implements ModelSection {

    static final String ANY_TYPE = "*";

    private static final Set<String> KEYS = Set.of("initial", "strict", "reducers", "snapshotEvery");

    @Override
    public String key() {
        return "aggregates";
    }

    @Override
    public void load(YamlNode node, ModelContext context, Model.Builder model) {
        if (!node.isObject()) {
            context.problem(node, "'aggregates' must be a mapping of aggregate types, got " + node.kind());
            return;
        }
        for (Map.Entry<String, YamlNode> entry : node.fields()) {
            loadAggregate(entry.getKey(), entry.getValue(), context, model);
        }
    }

    private void loadAggregate(String type, YamlNode node, ModelContext context, Model.Builder model) {
        if (!node.isObject()) {
            context.problem(
                    node, "aggregate " + type + " must be a mapping (initial, strict, reducers), got " + node.kind());
            return;
        }
        boolean ok = true;
        for (Map.Entry<String, YamlNode> e : node.fields()) {
            if (!KEYS.contains(e.getKey())) {
                context.problem(
                        e.getValue(),
                        "aggregate " + type + " has an unknown key '" + e.getKey()
                                + "' (known: initial, strict, reducers, snapshotEvery)");
                ok = false;
            }
        }
        JsonNode initial = Json.object();
        YamlNode initialNode = node.get("initial");
        if (initialNode != null) {
            if (!initialNode.isObject()) {
                context.problem(
                        initialNode,
                        "initial state of " + type + " must be a mapping (an object), got " + initialNode.kind());
                ok = false;
            } else {
                initial = initialNode.json();
            }
        }
        boolean strict = false;
        YamlNode strictNode = node.get("strict");
        if (strictNode != null) {
            if (!strictNode.json().isBoolean()) {
                context.problem(strictNode, "strict of " + type + " must be true or false, got " + strictNode.kind());
                ok = false;
            } else {
                strict = strictNode.json().booleanValue();
            }
        }
        OptionalInt snapshotEvery = OptionalInt.empty();
        YamlNode every = node.get("snapshotEvery");
        if (every != null) {
            JsonNode v = every.json();
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
                context.problem(
                        every,
                        "snapshotEvery of " + type + " must be a whole number of 1 or more, got " + every.json());
                ok = false;
            } else {
                snapshotEvery = OptionalInt.of(v.intValue());
            }
        }
        Map<String, Reducer> reducers = new LinkedHashMap<>();
        Reducer fallback = null;
        YamlNode reducersNode = node.get("reducers");
        if (reducersNode == null) {
            context.problem(node, "aggregate " + type + " has no 'reducers'");
            ok = false;
        } else if (!reducersNode.isObject()) {
            context.problem(
                    reducersNode,
                    "reducers of " + type + " must be a mapping of event types to JSLT rules," + " got "
                            + reducersNode.kind());
            ok = false;
        } else {
            for (Map.Entry<String, YamlNode> r : reducersNode.fields()) {
                JsltRule rule = context.compile(
                        r.getValue(), type + "." + r.getKey(), JsltRule.Kind.REDUCER, JsltRule.EVENT_AND_STATE);
                if (rule == null) {
                    ok = false;
                } else if (r.getKey().equals(ANY_TYPE)) {
                    fallback = Reducer.of(rule);
                } else {
                    reducers.put(r.getKey(), Reducer.of(rule));
                }
            }
        }
        if (ok) {
            model.aggregate(
                    new AggregateModel(type, initial, strict, reducers, fallback, snapshotEvery, context.fileName()));
        }
    }
}
