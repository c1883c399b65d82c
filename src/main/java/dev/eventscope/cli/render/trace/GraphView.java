package dev.eventscope.cli.render.trace;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.trace.Durations;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A trace as nodes and edges for the diagram formats (DOT, Mermaid), in a fixed order: causes in
 * trace order, then events by position, then events outside the trace by position; edges from
 * causes first, then causal edges by the position of the event caused, then edges leaving the
 * trace. Node ids are safe identifiers ({@code c0}, {@code e12}, {@code f40}); label lines are
 * printable but not yet escaped for the target language.
 */
final class GraphView {

    enum Look {
        CAUSE,
        MISSING,
        EVENT,
        ENTRY,
        UNREACHABLE,
        OUTSIDE
    }

    enum Line {
        FROM_CAUSE,
        CAUSED,
        CRITICAL,
        CYCLE,
        OUTSIDE
    }

    record Node(String id, List<String> lines, Look look) {}

    /** An edge; {@code label} may be null. */
    record Edge(String from, String to, String label, Line line) {}

    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();

    private GraphView() {}

    static GraphView of(Trace trace) {
        GraphView view = new GraphView();
        view.build(trace);
        return view;
    }

    private void build(Trace trace) {
        int c = 0;
        for (TraceNode.Cause cause : trace.causes()) {
            if (cause.kind() == TraceNode.CauseKind.CYCLE) {
                continue;
            }
            String id = "c" + c++;
            nodes.add(new Node(id, causeLines(trace, cause), causeLook(cause)));
            for (UUID root : cause.roots()) {
                RecordedEvent e = trace.event(root).event();
                Duration delay = trace.event(root).delay();
                edges.add(new Edge(id, eventId(e), delay == null ? null : Durations.delay(delay), Line.FROM_CAUSE));
            }
        }
        Set<UUID> inCycle = new HashSet<>();
        Map<UUID, UUID> cycleNext = new HashMap<>();
        for (List<UUID> cycle : trace.cycles()) {
            for (int i = 0; i < cycle.size(); i++) {
                inCycle.add(cycle.get(i));
                cycleNext.put(cycle.get(i), cycle.get((i + 1) % cycle.size()));
            }
        }
        List<TraceNode.Event> byPosition = new ArrayList<>(trace.events().values());
        for (TraceNode.Event node : byPosition) {
            Look look = node.entry() ? Look.ENTRY : node.reachable() ? Look.EVENT : Look.UNREACHABLE;
            nodes.add(new Node(eventId(node.event()), eventLines(node.event()), look));
        }
        for (TraceNode.Event node : byPosition) {
            if (node.parent() == null) {
                continue;
            }
            TraceNode.Event parent = trace.event(node.parent());
            Line line = inCycle.contains(node.id()) && node.id().equals(cycleNext.get(parent.id()))
                    ? Line.CYCLE
                    : node.critical() && parent.critical() ? Line.CRITICAL : Line.CAUSED;
            String label = node.delay() == null ? null : Durations.delay(node.delay());
            edges.add(new Edge(eventId(parent.event()), eventId(node.event()), label, line));
        }
        List<Trace.OutsideEffect> outside = new ArrayList<>(trace.effectsOutside());
        outside.sort(Comparator.comparingLong(o -> o.event().position()));
        for (Trace.OutsideEffect o : outside) {
            RecordedEvent e = o.event();
            List<String> lines = new ArrayList<>(eventLines(e));
            lines.add(TraceLabels.correlation(e) + ", outside this trace");
            nodes.add(new Node("f" + e.position(), lines, Look.OUTSIDE));
        }
        for (Trace.OutsideEffect o : outside) {
            RecordedEvent cause = trace.event(o.cause()).event();
            Duration delay = Duration.between(cause.timestamp(), o.event().timestamp());
            edges.add(new Edge(eventId(cause), "f" + o.event().position(), Durations.delay(delay), Line.OUTSIDE));
        }
    }

    private static String eventId(RecordedEvent e) {
        return "e" + e.position();
    }

    private static List<String> eventLines(RecordedEvent e) {
        return List.of(TraceLabels.ref(e), TraceLabels.stream(e), TraceLabels.user(e), Times.format(e.timestamp()));
    }

    private static List<String> causeLines(Trace trace, TraceNode.Cause cause) {
        switch (cause.kind()) {
            case COMMAND:
                return List.of(TraceLabels.text(cause.id()), "command");
            case MISSING:
                return List.of(TraceLabels.text(cause.id()), "missing event (broken link)");
            case OUTSIDE:
                RecordedEvent e = cause.event();
                return List.of(
                        TraceLabels.ref(e), TraceLabels.stream(e), TraceLabels.correlation(e) + ", outside this trace");
            default:
                return List.of("no causationId");
        }
    }

    private static Look causeLook(TraceNode.Cause cause) {
        return cause.kind() == TraceNode.CauseKind.MISSING
                ? Look.MISSING
                : cause.kind() == TraceNode.CauseKind.OUTSIDE ? Look.OUTSIDE : Look.CAUSE;
    }
}
