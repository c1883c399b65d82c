package dev.eventscope.saga;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Json;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.JsltRule;
import dev.eventscope.model.RuleFailure;
import dev.eventscope.model.SagaModel;
import dev.eventscope.replay.Folded;
import dev.eventscope.replay.Folder;
import dev.eventscope.store.SagaDeadline;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one saga applied to one instance (ADR 0180): which instance an event joins, what
 * taking an event does (the state folded by the same {@link Folder} as aggregates, the events
 * emitted, the deadlines set and cancelled, the end), which deadlines pass before an event, and what
 * a deadline emits when it passes. Every run of a saga, {@code process} and the folds of {@code saga
 * list}, {@code saga show}, {@code whatif} and {@code test} alike, goes through here.
 *
 * <p>Everything is evaluated before the instance is changed, so a rule that fails leaves it as it
 * was. Not thread-safe (rules reuse their variables).
 */
final class SagaMachine {

    private final SagaModel model;
    private final Folder folder;

    SagaMachine(SagaModel model) {
        this.model = model;
        this.folder = new Folder(model.state());
    }

    SagaModel model() {
        return model;
    }

    String saga() {
        return model.name();
    }

    /** Whether the saga takes events of {@code eventType} at all. */
    boolean takes(String eventType) {
        return model.eventTypes().contains(eventType);
    }

    /** Whether an event of {@code eventType} starts an instance that does not run yet. */
    boolean starts(String eventType) {
        return model.start().contains(eventType);
    }

    /**
     * The id of the instance {@code e} joins, or null when it joins none (its association gives null
     * or an empty text).
     *
     * @throws SagaFailure when the association fails or gives something that names no instance
     */
    String associate(RecordedEvent e, JsonNode tree) throws SagaFailure {
        JsltRule rule = model.association().forType(e.eventType());
        if (rule == null) {
            return null;
        }
        JsonNode v;
        try {
            v = rule.apply(tree, null);
        } catch (RuleFailure f) {
            throw new SagaFailure(f.location() + ": association " + f.source().name() + " failed: " + f.getMessage());
        }
        if (v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue().isEmpty() ? null : v.textValue();
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        throw new SagaFailure(
                rule.source().at() + ": association " + rule.source().name() + " gave " + Json.kind(v)
                        + "; it must give a string or a number (the instance id), or null");
    }

    /**
     * The pending deadlines of {@code i} that pass before it takes {@code e}: due before the event
     * happened and not after {@code now}, in the order they fire (due time, then name).
     */
    List<Timer> passBefore(Instance i, RecordedEvent e, Instant now) {
        List<Timer> out = new ArrayList<>();
        for (Timer t : i.pending()) {
            if (t.due.isBefore(e.timestamp()) && !t.due.isAfter(now)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * What deadline {@code t} emits when it passes, read by its emit rule from the event that set it
     * ({@code setter}) and the instance's state; each event's timestamp is the due time unless the
     * rule gives one. Changes nothing: the caller marks the deadline fired once the events are
     * recorded.
     *
     * @throws SagaFailure when the emit rule fails
     */
    List<NewEvent> fire(Instance i, Timer t, RecordedEvent setter, JsonNode setterTree) throws SagaFailure {
        SagaModel.Deadline d = model.deadlines().get(t.name);
        if (d == null || d.emit() == null) {
            return List.of();
        }
        JsonNode result;
        try {
            result = d.emit().apply(setterTree, i.state());
        } catch (RuleFailure f) {
            throw new SagaFailure(f.location() + ": deadline " + t.name + ": rule "
                    + f.source().name() + " failed: " + f.getMessage());
        }
        return Emissions.events(
                "deadline " + t.name, setter, result, t.due, n -> SagaIds.fired(saga(), i.id, t.name, t.setBy, n));
    }

    /** The first id deadline {@code name}, set by {@code setBy}, gives what it emits when it passes. */
    java.util.UUID firingId(String instance, String name, java.util.UUID setBy) {
        return SagaIds.fired(saga(), instance, name, setBy, 0);
    }

    /** What taking one event did. */
    record Taken(List<NewEvent> emitted, List<SagaStep.DeadlineChange> deadlines, boolean ended) {}

    /**
     * Takes {@code e} into {@code i} (started by it when it has not started): folds the state, runs
     * the event type's rule (emit, cancel, then set), and ends the instance when the event ends it
     * (its pending deadlines are then cancelled).
     *
     * @param changedAt the time deadline changes are stamped with
     * @throws SagaFailure when a rule fails; the instance is left as it was
     */
    Taken take(Instance i, RecordedEvent e, JsonNode tree, Instant changedAt) throws SagaFailure {
        Folded before = i.started() ? i.folded : folder.start();
        Folded after;
        try {
            after = folder.apply(before, e, tree);
        } catch (InvalidInputException x) {
            throw new SagaFailure(String.join("; ", x.problems()) + " (" + x.getMessage() + ")");
        }
        SagaModel.Rule rule = model.ruleFor(e.eventType());
        List<NewEvent> emitted = List.of();
        if (rule != null && rule.emit() != null) {
            JsonNode result;
            try {
                result = rule.emit().apply(tree, after.state());
            } catch (RuleFailure f) {
                throw new SagaFailure(f.location() + ": rule " + f.source().name() + " failed: " + f.getMessage());
            }
            emitted = Emissions.events(
                    "rule " + rule.emit().source().name(),
                    e,
                    result,
                    e.timestamp(),
                    n -> SagaIds.emitted(saga(), e.eventId(), n));
        }
        boolean ends = model.end().contains(e.eventType());
        if (!ends && model.endWhen() != null) {
            try {
                ends = model.endWhen().test(tree, after.state());
            } catch (RuleFailure f) {
                throw new SagaFailure(f.location() + ": rule " + f.source().name() + " failed: " + f.getMessage());
            }
        }
        // nothing failed: change the instance
        i.folded = after;
        i.took(e);
        List<SagaStep.DeadlineChange> changes = new ArrayList<>();
        if (rule != null) {
            for (String name : rule.cancel()) {
                Timer t = i.timers.get(name);
                if (t != null && t.pending()) {
                    t.status = SagaDeadline.Status.CANCELLED;
                    t.changedAt = changedAt;
                    changes.add(new SagaStep.DeadlineChange(name, SagaStep.Change.CANCELLED, t.due));
                }
            }
            for (String name : rule.set()) {
                SagaModel.Deadline d = model.deadlines().get(name);
                Timer old = i.timers.get(name);
                Timer t = new Timer(name, e.timestamp().plus(d.after()), e, changedAt);
                i.timers.put(name, t);
                changes.add(new SagaStep.DeadlineChange(
                        name, old != null && old.pending() ? SagaStep.Change.RESET : SagaStep.Change.SET, t.due));
            }
        }
        if (ends) {
            i.ended = true;
            i.endedAt = e.timestamp();
            for (Timer t : i.pending()) {
                t.status = SagaDeadline.Status.CANCELLED;
                t.changedAt = changedAt;
                changes.add(new SagaStep.DeadlineChange(t.name, SagaStep.Change.CANCELLED, t.due));
            }
        }
        return new Taken(emitted, changes, ends);
    }

    /** The step the instance is in: the saga's {@code step} expression on its state, else its last event type. */
    String step(Instance i) {
        if (!i.started()) {
            return "(not started)";
        }
        if (model.step() == null) {
            return i.lastEventType;
        }
        try {
            JsonNode v = model.step().apply(i.state(), i.state());
            return v.isTextual() ? v.textValue() : v.isNull() ? i.lastEventType : Json.write(v);
        } catch (RuleFailure f) {
            return "(step rule failed: " + f.getMessage() + ")";
        }
    }
}
