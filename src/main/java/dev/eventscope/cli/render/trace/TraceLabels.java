package dev.eventscope.cli.render.trace;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceNode;
import dev.eventscope.trace.TraceWords;
import java.util.List;
import java.util.UUID;

/** The words every trace format uses for events and causes: {@link TraceWords}, shared with the drawing. */
final class TraceLabels {

    private TraceLabels() {}

    static String text(String s) {
        return TraceWords.text(s);
    }

    static String stream(RecordedEvent e) {
        return TraceWords.stream(e);
    }

    static String ref(RecordedEvent e) {
        return TraceWords.ref(e);
    }

    static String cause(Trace trace, TraceNode.Cause c, boolean ascii) {
        return TraceWords.cause(trace, c, ascii);
    }

    static String causeLine(Trace trace, TraceNode.Cause c, boolean ascii) {
        return TraceWords.causeLine(trace, c, ascii);
    }

    static String correlation(RecordedEvent e) {
        return TraceWords.correlation(e);
    }

    static String cycle(Trace trace, List<UUID> cycle, boolean ascii) {
        return TraceWords.cycle(trace, cycle, ascii);
    }

    static String user(RecordedEvent e) {
        return TraceWords.user(e);
    }
}
