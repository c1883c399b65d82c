package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import java.util.List;

/**
 * Conditions given on the command line ({@code bisect --when}, {@code events --where}): JSLT
 * predicates compiled like model rules, located by their option, and dry-run once on a synthetic
 * event so that a condition that cannot give a boolean fails before anything is read.
 */
public final class Conditions {

    private Conditions() {}

    /**
     * A condition on an aggregate's state ({@code $state}) after an event ({@code .}, {@code $event}).
     *
     * @throws InvalidInputException when it does not compile or does not give a boolean
     */
    public static JsltRule onState(String text, String option, AggregateModel aggregate) {
        JsltRule rule =
                JsltRule.compile(text, RuleSource.argument(option), JsltRule.Kind.PREDICATE, JsltRule.EVENT_AND_STATE);
        dryRun(rule, DryRun.event(aggregate.type(), "AnyEvent"), aggregate.initial());
        return rule;
    }

    /**
     * A condition on one event ({@code .}, {@code $event}).
     *
     * @throws InvalidInputException when it does not compile or does not give a boolean
     */
    public static JsltRule onEvent(String text, String option) {
        JsltRule rule =
                JsltRule.compile(text, RuleSource.argument(option), JsltRule.Kind.PREDICATE, JsltRule.EVENT_ONLY);
        dryRun(rule, DryRun.event("AnyAggregate", "AnyEvent"), null);
        return rule;
    }

    private static void dryRun(JsltRule rule, JsonNode event, JsonNode state) {
        try {
            rule.apply(event, state);
        } catch (RuleFailure f) {
            throw new InvalidInputException(
                    rule.source().name() + " is not a usable condition",
                    List.of(f.location() + ": " + f.getMessage() + " (tried on a synthetic event with an empty"
                            + " payload)"),
                    "a condition must give true or false, e.g. " + rule.source().name()
                            + " '$state.status == \"PAID\"'");
        }
    }
}
