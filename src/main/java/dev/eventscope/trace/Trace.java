package dev.eventscope.trace;

import dev.eventscope.event.RecordedEvent;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A trace: the causation graph of the events around an entry point, with its causes, cycles and
 * summary. Immutable.
 *
 * <p>Order is deterministic: causes by the valid time (then position) of their first root, cycles
 * last; the children of an event by valid time, then position.
 *
 * @param events the events of the trace by eventId, in position order
 * @param causes the causes the root events are grouped under, in display order (cycles last)
 * @param effectsOutside events outside the trace caused by its events (not followed), in position
 *     order
 * @param limits the bounds the trace reached, in words; empty when it is complete
 */
public record Trace(
        TraceEntry entry,
        TraceOptions options,
        Map<UUID, TraceNode.Event> events,
        List<TraceNode.Cause> causes,
        List<OutsideEffect> effectsOutside,
        TraceSummary summary,
        List<String> limits) {

    /** An event outside the trace that an event of the trace caused. */
    public record OutsideEffect(UUID cause, RecordedEvent event) {}

    public Trace {
        events = Collections.unmodifiableMap(new LinkedHashMap<>(events));
        causes = List.copyOf(causes);
        effectsOutside = List.copyOf(effectsOutside);
        limits = List.copyOf(limits);
    }

    public TraceNode.Event event(UUID id) {
        return events.get(id);
    }

    /**
     * The events in display order: depth-first from each cause's roots, children in order. Every
     * event appears once; an edge that closes a cycle is not followed.
     */
    public List<TraceNode.Event> inOrder() {
        List<TraceNode.Event> out = new ArrayList<>(events.size());
        Set<UUID> seen = new HashSet<>();
        Deque<UUID> stack = new ArrayDeque<>();
        for (TraceNode.Cause cause : causes) {
            for (int i = cause.roots().size() - 1; i >= 0; i--) {
                stack.push(cause.roots().get(i));
            }
            while (!stack.isEmpty()) {
                UUID id = stack.pop();
                if (!seen.add(id)) {
                    continue;
                }
                TraceNode.Event node = events.get(id);
                out.add(node);
                List<UUID> children = node.children();
                for (int i = children.size() - 1; i >= 0; i--) {
                    if (!seen.contains(children.get(i))) {
                        stack.push(children.get(i));
                    }
                }
            }
        }
        return out;
    }

    /** The causes that are broken links: event ids no stored event has. */
    public List<TraceNode.Cause> missingCauses() {
        return causes.stream()
                .filter(c -> c.kind() == TraceNode.CauseKind.MISSING)
                .toList();
    }

    /** The cycles, each in causal order from its event with the lowest position. */
    public List<List<UUID>> cycles() {
        return causes.stream()
                .filter(c -> c.kind() == TraceNode.CauseKind.CYCLE)
                .map(TraceNode.Cause::cycle)
                .toList();
    }

    /** The events no root reaches, in position order. */
    public List<UUID> unreachable() {
        return events.values().stream()
                .filter(e -> !e.reachable())
                .map(TraceNode.Event::id)
                .toList();
    }

    /**
     * Writes the public JSON shape ({@code trace -o json}): one nested document, indented when
     * {@code pretty}; with {@code summaryOnly} without the events.
     */
    public void json(Writer out, boolean summaryOnly, boolean pretty) {
        TraceJson.document(out, this, summaryOnly, pretty);
    }

    /** Writes one compact JSON line per event in tree order, with its depth and parent ({@code -o ndjson}). */
    public void jsonLines(Writer out) {
        TraceJson.rows(out, this);
    }

    /**
     * How each event is linked to its cause: {@code event} when its cause is in the trace, else the
     * kind of the cause it is a root of.
     */
    public Map<UUID, String> links() {
        return TraceJson.links(this);
    }
}
