package dev.eventscope.lint;

import dev.eventscope.model.JsltRule;
import dev.eventscope.model.Model;
import dev.eventscope.model.ProcessorModel;
import dev.eventscope.model.ReactorModel;
import dev.eventscope.model.SagaModel;
import dev.eventscope.store.ReadLintFigures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lint rule {@code saga-never-ends} (ADR 0180): a saga whose instances can never end,
 * because it names no end at all, or because none of its end event types occurs in the store and
 * no rule of the model emits one (a saga's or a reactor's emit rule naming it as a literal
 * {@code "eventType": "…"}). An {@code endWhen} condition counts as reachable: whether a condition on
 * the state can become true is not decided here.
 */
final class SagaEnds {

    private SagaEnds() {}

    static Finding unreachable(Model model, List<ReadLintFigures.TypeVersion> types, int n) {
        Set<String> stored = new HashSet<>();
        for (ReadLintFigures.TypeVersion t : types) {
            stored.add(t.eventType());
        }
        List<String> emitRules = new ArrayList<>();
        for (SagaModel saga : model.sagas().values()) {
            for (SagaModel.Rule r : saga.rules().values()) {
                add(emitRules, r.emit());
            }
            for (SagaModel.Deadline d : saga.deadlines().values()) {
                add(emitRules, d.emit());
            }
        }
        for (ProcessorModel p : model.processors().values()) {
            if (p instanceof ReactorModel r) {
                add(emitRules, r.emit());
            }
        }
        Map<String, String> flagged = new LinkedHashMap<>();
        for (SagaModel saga : model.sagas().values()) {
            if (saga.end().isEmpty() && saga.endWhen() == null) {
                flagged.put(
                        saga.name(), "it has neither end nor endWhen: its instances run for ever (" + saga.at() + ")");
                continue;
            }
            if (saga.endWhen() != null) {
                continue;
            }
            boolean reachable = false;
            for (String type : saga.end()) {
                reachable |= stored.contains(type) || emitted(emitRules, type);
            }
            if (!reachable) {
                flagged.put(
                        saga.name(),
                        "no end event (" + String.join(", ", saga.end()) + ") is in the store, and no rule emits one ("
                                + saga.at() + ")");
            }
        }
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, String> e : flagged.entrySet()) {
            if (examples.size() >= n) {
                break;
            }
            examples.add("saga " + e.getKey() + ": " + e.getValue());
        }
        return new Finding(Rule.SAGA_NEVER_ENDS, flagged.size(), "sagas", examples);
    }

    private static void add(List<String> rules, JsltRule rule) {
        if (rule != null) {
            rules.add(rule.text());
        }
    }

    private static boolean emitted(List<String> rules, String type) {
        Pattern p = Pattern.compile("\"eventType\"\\s*:\\s*\"" + Pattern.quote(type) + "\"");
        for (String r : rules) {
            if (p.matcher(r).find()) {
                return true;
            }
        }
        return false;
    }
}
