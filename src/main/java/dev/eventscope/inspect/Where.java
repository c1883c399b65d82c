package dev.eventscope.inspect;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.Conditions;
import dev.eventscope.model.JsltRule;
import dev.eventscope.model.RuleFailure;
import dev.eventscope.pipeline.EventTree;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code events --where EXPR}: a JSLT condition on each event ({@code .} and {@code $event}),
 * compiled once and checked on a synthetic event before anything is read.
 */
public final class Where implements Predicate<RecordedEvent> {

    private final JsltRule rule;

    private Where(JsltRule rule) {
        this.rule = rule;
    }

    /**
     * @throws InvalidInputException when the condition does not compile or does not give a boolean
     */
    public static Where of(String expression) {
        return new Where(Conditions.onEvent(expression, "--where"));
    }

    @Override
    public boolean test(RecordedEvent e) {
        try {
            return rule.test(EventTree.of(e), null);
        } catch (RuleFailure f) {
            throw new InvalidInputException(
                    "--where failed on the event at position " + e.position() + " (" + e.stream() + " v"
                            + e.streamVersion() + ", " + e.eventType() + ")",
                    List.of(f.location() + ": " + f.getMessage()),
                    "a condition must give true or false for every event, e.g. '.payload.amount > 100'");
        }
    }
}
