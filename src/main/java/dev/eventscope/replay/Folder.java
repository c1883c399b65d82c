package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.model.Reducer;
import dev.eventscope.model.RuleFailure;
import dev.eventscope.pipeline.EventTree;
import java.util.List;

/**
 * Folds events into the state of one aggregate type with its reducers: the one place where a
 * reducer is applied to an event.
 *
 * <p>An event type without a reducer leaves the state as it is (its version and position still
 * count), unless the aggregate is strict. Not thread-safe (rules reuse their variables).
 */
public final class Folder {

    private final AggregateModel aggregate;

    public Folder(AggregateModel aggregate) {
        this.aggregate = aggregate;
    }

    public AggregateModel aggregate() {
        return aggregate;
    }

    /** The point before any event. */
    public Folded start() {
        return Folded.initial(aggregate.initial());
    }

    /** {@code before} with {@code e} applied. */
    public Folded apply(Folded before, RecordedEvent e) {
        return apply(before, e, EventTree.of(e));
    }

    /**
     * {@code before} with {@code e} applied, given the event's tree (built once per event when
     * others need it too).
     *
     * @throws InvalidInputException when the reducer fails, naming the rule and the event
     */
    public Folded apply(Folded before, RecordedEvent e, JsonNode tree) {
        Reducer reducer = aggregate.reducerFor(e.eventType());
        JsonNode next = before.state();
        if (reducer != null) {
            try {
                next = reducer.reduce(before.state(), tree);
            } catch (RuleFailure f) {
                throw failed(f, e);
            }
        } else if (aggregate.strict()) {
            throw new InvalidInputException(
                    "event type " + e.eventType() + " at position " + e.position() + " (" + e.stream() + " v"
                            + e.streamVersion() + ") has no reducer in aggregate " + aggregate.type()
                            + ", which is strict",
                    "add a reducer for " + e.eventType() + " (or \"*\") under aggregates." + aggregate.type()
                            + ".reducers in " + aggregate.origin() + ", or set strict: false");
        }
        return new Folded(next, e.streamVersion(), Math.max(before.position(), e.position()), before.applied() + 1);
    }

    /** The error for a rule that failed on {@code e}. */
    static InvalidInputException failed(RuleFailure f, RecordedEvent e) {
        return new InvalidInputException(
                "rule " + f.source().name() + " failed on the event at position " + e.position() + " (" + e.stream()
                        + " v" + e.streamVersion() + ", " + e.eventType() + ")",
                List.of(f.location() + ": " + f.getMessage()),
                "fix the rule, and look at the event with 'evs show " + e.position() + "'");
    }
}
