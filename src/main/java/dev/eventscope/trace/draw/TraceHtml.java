package dev.eventscope.trace.draw;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.event.Xml;
import dev.eventscope.trace.Durations;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceNode;
import dev.eventscope.trace.TraceWords;

/**
 * A trace as one self-contained HTML page ({@code evs trace ID -o html}): the summary, the drawing
 * ({@link TraceSvg}, inline) and the events as a table. Inline CSS, no script, nothing loaded from
 * the network; every value from the log escaped, and the page is well-formed XML too (XHTML
 * syntax), so it can be checked by any XML parser.
 */
public final class TraceHtml {

    private static final String STYLE = String.join(
            "\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px;color:#222}",
            "h1{font-size:18px;margin:0 0 12px}",
            "h2{font-size:15px;margin:24px 0 8px}",
            "table{border-collapse:collapse;font-size:13px}",
            "th,td{text-align:left;padding:3px 10px 3px 0;vertical-align:top}",
            "td.n{text-align:right}",
            "table.events th{border-bottom:1px solid #ccc}",
            "table.events tr.critical td{color:#b35900}",
            ".problem{color:#c62828}",
            ".drawing{overflow:auto;border:1px solid #ddd;padding:4px;max-width:100%}",
            "code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}");

    private TraceHtml() {}

    /** The page for {@code trace}. */
    public static String page(Trace trace) {
        TraceDrawing drawing = TraceDrawing.of(trace);
        StringBuilder s = new StringBuilder(8192 + trace.events().size() * 1200);
        s.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>")
                .append(Xml.escape(drawing.title()))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("\n</style>\n</head>\n<body>\n<h1>")
                .append(Xml.escape(drawing.title()))
                .append("</h1>\n<table class=\"summary\">\n");
        for (TraceWords.SummaryRow row : TraceWords.summary(trace, false)) {
            s.append("<tr><th>")
                    .append(Xml.escape(row.key()))
                    .append("</th><td")
                    .append(row.alarming() ? " class=\"problem\"" : "")
                    .append('>')
                    .append(Xml.escape(row.value()))
                    .append("</td></tr>\n");
        }
        s.append("</table>\n<h2>Causation</h2>\n<div class=\"drawing\">\n")
                .append(TraceSvg.element(drawing))
                .append("</div>\n<h2>Events</h2>\n<table class=\"events\">\n")
                .append("<tr><th>position</th><th>depth</th><th>type</th><th>aggregate</th><th>user</th>"
                        + "<th>timestamp</th><th>delay</th><th>caused by</th><th>eventId</th></tr>\n");
        java.util.Set<java.util.UUID> shown = new java.util.HashSet<>();
        for (TraceNode.Event node : trace.inOrder()) {
            shown.add(node.id());
            row(s, trace, node);
        }
        for (TraceNode.Event node : trace.events().values()) {
            if (!shown.contains(node.id())) {
                row(s, trace, node);
            }
        }
        s.append("</table>\n</body>\n</html>\n");
        return s.toString();
    }

    private static void row(StringBuilder s, Trace trace, TraceNode.Event node) {
        RecordedEvent e = node.event();
        String cause = node.parent() != null
                ? "#" + trace.event(node.parent()).event().position()
                : e.causationId() == null ? "" : TraceWords.text(e.causationId());
        s.append("<tr")
                .append(node.critical() ? " class=\"critical\"" : "")
                .append("><td class=\"n\">")
                .append(e.position())
                .append("</td><td class=\"n\">")
                .append(node.depth() == null ? "" : node.depth())
                .append("</td><td>")
                .append(Xml.escape(TraceWords.text(e.eventType())))
                .append("</td><td>")
                .append(Xml.escape(TraceWords.stream(e)))
                .append("</td><td>")
                .append(Xml.escape(e.userId() == null ? "" : TraceWords.text(e.userId())))
                .append("</td><td><code>")
                .append(Times.format(e.timestamp()))
                .append("</code></td><td class=\"n\">")
                .append(node.delay() == null ? "" : Xml.escape(Durations.delay(node.delay())))
                .append("</td><td>")
                .append(Xml.escape(cause))
                .append("</td><td><code>")
                .append(e.eventId())
                .append("</code></td></tr>\n");
    }
}
