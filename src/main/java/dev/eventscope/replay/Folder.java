package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.model.Reducer;
import dev.eventscope.model.RuleFailure;
import dev.eventscope.pipeline.EventTree;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
        return apply(before, e, EventTree.lazy(e));
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
                next = keepKeyOrder(before.state(), reducer.reduce(before.state(), tree));
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
        Instant validTime = before.validTime() == null || e.timestamp().isAfter(before.validTime())
                ? e.timestamp()
                : before.validTime();
        return new Folded(
                next, e.streamVersion(), Math.max(before.position(), e.position()), before.applied() + 1, validTime);
    }

    /**
     * {@code next} with its keys in the order of {@code previous}, new keys after them. JSLT puts the
     * keys a rule lists before the ones {@code * : .} copies, which would move keys around on every
     * event; states read and diff better when keys stay where they first appeared.
     */
    static JsonNode keepKeyOrder(JsonNode previous, JsonNode next) {
        Iterator<String> p = previous.fieldNames();
        Iterator<String> n = next.fieldNames();
        boolean same = true;
        while (p.hasNext() && n.hasNext()) {
            if (!p.next().equals(n.next())) {
                same = false;
                break;
            }
        }
        if (same && !p.hasNext()) {
            return next;
        }
        ObjectNode ordered = ((ObjectNode) next).objectNode();
        Iterator<String> keys = previous.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            JsonNode v = next.get(k);
            if (v != null) {
                ordered.set(k, v);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = next.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!ordered.has(f.getKey())) {
                ordered.set(f.getKey(), f.getValue());
            }
        }
        return ordered;
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
