package dev.eventscope.cli.render.trace;

import dev.eventscope.cli.render.Table;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.trace.Durations;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A trace as a flat table, one row per event in tree order, with its depth and parent. */
public final class TraceTable {

    private TraceTable() {}

    public static void print(PrintWriter out, Trace trace) {
        Map<UUID, String> links = trace.links();
        try (Table table = new Table(
                out,
                new String[] {
                    ">DEPTH", ">POSITION", ">PARENT", "EVENT_TYPE", "AGGREGATE", "USER", "TIMESTAMP", ">DELAY", "NOTE"
                },
                new int[] {0, 0, 0, 40, 48, 24, 0, 0, 60})) {
            for (TraceNode.Event node : trace.inOrder()) {
                RecordedEvent e = node.event();
                TraceNode.Event parent = node.parent() == null ? null : trace.event(node.parent());
                table.row(
                        node.depth() == null ? "-" : node.depth(),
                        e.position(),
                        parent == null ? "-" : parent.event().position(),
                        e.eventType(),
                        e.aggregateType() + "/" + e.aggregateId(),
                        e.userId() == null ? "-" : e.userId(),
                        Times.format(e.timestamp()),
                        node.delay() == null ? "-" : Durations.delay(node.delay()),
                        note(node, links.get(node.id())));
            }
        }
    }

    private static String note(TraceNode.Event node, String link) {
        List<String> notes = new ArrayList<>();
        if (node.entry()) {
            notes.add("entry");
        }
        if (node.critical()) {
            notes.add("critical path");
        }
        switch (link) {
            case "command":
                notes.add("caused by " + node.event().causationId());
                break;
            case "missing":
                notes.add("missing cause " + node.event().causationId());
                break;
            case "outside":
                notes.add("cause outside the trace");
                break;
            default:
                break;
        }
        if (!node.reachable()) {
            notes.add("unreachable (cycle)");
        }
        return String.join(", ", notes);
    }
}
