package dev.eventscope.cli.render.trace;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceNode;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** The words every trace format uses for events and causes. Text from events is made printable. */
final class TraceLabels {

    /** Longest piece of event data shown in one label. */
    static final int MAX = 200;

    private TraceLabels() {}

    static String text(String s) {
        return s == null ? "" : Text.printable(s, MAX);
    }

    static String stream(RecordedEvent e) {
        return text(e.aggregateType() + "/" + e.aggregateId());
    }

    static String ref(RecordedEvent e) {
        return "#" + e.position() + " " + text(e.eventType());
    }

    /** What a cause is, in words (without its id). */
    static String cause(Trace trace, TraceNode.Cause c, boolean ascii) {
        switch (c.kind()) {
            case COMMAND:
                return "command";
            case MISSING:
                return "missing event: no stored event has this id";
            case OUTSIDE:
                RecordedEvent e = c.event();
                return ref(e) + " " + correlation(e) + ", outside this trace";
            case NONE:
                return "no causationId";
            default:
                return "cycle " + cycle(trace, c.cycle(), ascii) + ": no root reaches it";
        }
    }

    /** A cause as one line: its id (when it has one) and what it is. */
    static String causeLine(Trace trace, TraceNode.Cause c, boolean ascii) {
        boolean named = c.kind() != TraceNode.CauseKind.NONE && c.kind() != TraceNode.CauseKind.CYCLE;
        return named ? text(c.id()) + " (" + cause(trace, c, ascii) + ")" : "(" + cause(trace, c, ascii) + ")";
    }

    static String correlation(RecordedEvent e) {
        return e.correlationId() == null ? "without correlation" : "in correlation " + text(e.correlationId());
    }

    static String cycle(Trace trace, List<UUID> cycle, boolean ascii) {
        String arrow = ascii ? " -> " : " → ";
        return cycle.stream()
                        .map(id -> "#" + trace.event(id).event().position())
                        .collect(Collectors.joining(arrow))
                + arrow + "#" + trace.event(cycle.get(0)).event().position();
    }

    static String user(RecordedEvent e) {
        return e.userId() == null ? "no user" : "by " + text(e.userId());
    }
}
