package dev.eventscope.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An orchestrated saga of the model's {@code sagas:} section (ADR 0180): a process manager whose
 * instances each keep a state across events of several aggregates, emit new events and set or
 * cancel deadlines.
 *
 * <p>An event joins the instance named by its {@link #association}; an event of a {@link #start}
 * type starts an instance that does not run yet. The instance's state is folded by {@link #state}
 * (an aggregate model of the saga's own: initial state and a reducer per event type, applied by the
 * same folder as aggregates). After each event the rule of its type may emit events and set or
 * cancel deadlines; an event of an {@link #end} type (or one after which {@link #endWhen} holds)
 * ends the instance. A deadline that passes emits its events; it changes no state by itself, the
 * saga sees what it emitted like any other event.
 *
 * @param name the saga's name (shares the namespace of projections and handlers)
 * @param association the expression per event type whose value names the instance an event joins
 * @param start the event types that start an instance
 * @param end the event types that end one (may be empty)
 * @param endWhen a condition on the event ({@code .}) and the state after it ({@code $state}) that
 *     ends the instance, or null
 * @param state the initial state and the reducers, as an aggregate model named after the saga
 * @param step an expression on the state ({@code .} and {@code $state}) naming the step an instance
 *     is in, or null (then the last event type)
 * @param stuckAfter how long a running instance may wait with no deadline pending before it counts
 *     as stuck
 * @param rules what each event type emits and which deadlines it sets and cancels
 * @param deadlines the deadlines by name
 * @param at {@code file:line:column} of the saga in the model file
 */
public record SagaModel(
        String name,
        Association association,
        Set<String> start,
        Set<String> end,
        JsltRule endWhen,
        AggregateModel state,
        JsltRule step,
        Duration stuckAfter,
        Map<String, Rule> rules,
        Map<String, Deadline> deadlines,
        String at) {

    /** How long a running instance may wait before it is stuck, unless the saga says otherwise. */
    public static final Duration DEFAULT_STUCK_AFTER = Duration.ofHours(1);

    public SagaModel {
        start = Collections.unmodifiableSet(new LinkedHashSet<>(start));
        end = Collections.unmodifiableSet(new LinkedHashSet<>(end));
        rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        deadlines = Collections.unmodifiableMap(new LinkedHashMap<>(deadlines));
        if (start.isEmpty()) {
            throw new IllegalArgumentException("a saga needs at least one start event type");
        }
    }

    /**
     * Which instance an event joins: an expression over the event per event type, or one for every
     * type ({@code "*"}); its value (a string or a number) is the instance id, null joins none.
     */
    public record Association(Map<String, JsltRule> byType, JsltRule fallback) {

        public Association {
            byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
        }

        /** The expression for {@code eventType}: its own, else the one for every type, else null. */
        public JsltRule forType(String eventType) {
            JsltRule r = byType.get(eventType);
            return r != null ? r : fallback;
        }
    }

    /**
     * What an event of one type does besides changing the state: the events it emits ({@code emit},
     * null: none; {@code .} is the event and {@code $state} the state after it), the deadlines it
     * sets (again, if pending: the timer restarts) and those it cancels.
     */
    public record Rule(String eventType, JsltRule emit, List<String> set, List<String> cancel) {
        public Rule {
            set = List.copyOf(set);
            cancel = List.copyOf(cancel);
        }
    }

    /**
     * A deadline: due {@code after} the timestamp of the event that sets it; when it passes it emits
     * the events of {@code emit} ({@code .} is the event that set it, {@code $state} the state then;
     * null: it emits nothing).
     */
    public record Deadline(String name, Duration after, JsltRule emit) {}

    /** Every event type the saga takes: start, end, and those with a reducer or a rule. */
    public Set<String> eventTypes() {
        Set<String> types = new LinkedHashSet<>(start);
        types.addAll(state.reducers().keySet());
        types.addAll(rules.keySet());
        types.addAll(end);
        return Collections.unmodifiableSet(types);
    }

    /** The rule for {@code eventType}, or null. */
    public Rule ruleFor(String eventType) {
        return rules.get(eventType);
    }

    /**
     * A SHA-256 over everything that decides what the saga does: association, start and end,
     * state rules, emit rules and deadlines. Instances kept under another fingerprint were made by
     * other rules.
     */
    public String fingerprint() {
        StringBuilder s = new StringBuilder("saga\0").append(name).append('\0');
        for (Map.Entry<String, JsltRule> e : new TreeMap<>(association.byType()).entrySet()) {
            s.append("assoc\0")
                    .append(e.getKey())
                    .append('\0')
                    .append(e.getValue().text())
                    .append('\0');
        }
        if (association.fallback() != null) {
            s.append("assoc*\0").append(association.fallback().text()).append('\0');
        }
        s.append("start\0").append(String.join(",", start)).append('\0');
        s.append("end\0").append(String.join(",", end)).append('\0');
        s.append("endWhen\0").append(endWhen == null ? "" : endWhen.text()).append('\0');
        s.append("state\0").append(state.fingerprint()).append('\0');
        for (Map.Entry<String, Rule> e : new TreeMap<>(rules).entrySet()) {
            Rule r = e.getValue();
            s.append("rule\0")
                    .append(e.getKey())
                    .append('\0')
                    .append(r.emit() == null ? "" : r.emit().text())
                    .append('\0')
                    .append(r.set())
                    .append('\0')
                    .append(r.cancel())
                    .append('\0');
        }
        for (Map.Entry<String, Deadline> e : new TreeMap<>(deadlines).entrySet()) {
            Deadline d = e.getValue();
            s.append("deadline\0")
                    .append(e.getKey())
                    .append('\0')
                    .append(d.after().toMillis())
                    .append('\0')
                    .append(d.emit() == null ? "" : d.emit().text())
                    .append('\0');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
