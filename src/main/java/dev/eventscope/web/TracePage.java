package dev.eventscope.web;

import dev.eventscope.engine.Engine;
import dev.eventscope.engine.TraceService;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.trace.Durations;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceNode;
import dev.eventscope.trace.TraceOptions;
import dev.eventscope.trace.TraceWords;
import dev.eventscope.trace.draw.TraceDrawing;
import dev.eventscope.trace.draw.TraceSvg;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A trace ({@code /trace?id=...}): the causation graph of a correlation drawn by the same code as
 * {@code evs trace -o svg} (critical path orange, delays on the links, missing causes and cycles
 * red), in a view that pans and zooms, with the summary of {@code evs trace --summary} above it and
 * the events as a table below; each event, in the drawing and in the table, links to its page.
 */
final class TracePage {

    /**
     * Rows of the events table at first: the drawing shows every event, and a table of a thousand
     * rows took the browser longer to lay out than the drawing (issue 20's trace figure).
     */
    static final int ROWS = 100;

    private TracePage() {}

    /** The page of an event box (an event of the trace, or one outside it); null for a cause that is not an event. */
    private static String link(TraceDrawing.Box b) {
        char kind = b.id().charAt(0);
        return kind == 'e' || kind == 'f' ? "/event?id=" + b.id().substring(1) : null;
    }

    static Response render(Console console, Request r, Engine engine) {
        String id = r.raw("id");
        Html h = new Html(65_536);
        String scope = r.one("scope");
        boolean follow = r.flag("follow");
        int maxEvents = r.number("maxEvents", TraceOptions.DEFAULT_MAX_EVENTS, 1, 100_000);
        h.add(
                "<form class=\"filters\" method=\"get\" action=\"/trace\">"
                        + "<label class=\"wide\">event, position, correlationId or command id <input name=\"id\" value=\"{}\""
                        + " required autocomplete=\"off\"></label>"
                        + "<label>scope <select name=\"scope\">{}</select></label>"
                        + "<label class=\"check\"><input type=\"checkbox\" name=\"follow\"{}> follow causation into other"
                        + " correlations</label><label>at most <input name=\"maxEvents\" inputmode=\"numeric\" size=\"7\" value=\"{}\"> events</label>"
                        + "<button type=\"submit\">Trace</button></form>",
                id,
                scopes(scope),
                follow ? new Html.Safe(" checked") : null,
                maxEvents);
        if (id == null) {
            h.add(
                    "<p class=\"r-muted\">Give an eventId, a position, a correlationId or a command id: the page draws every"
                            + " event of its correlation and how each caused the next, as <code>evs trace</code> does.</p>");
            return Layout.page(console, "Trace", "/trace", -1, h);
        }
        boolean up = "up".equals(scope) || "lineage".equals(scope);
        boolean down = "down".equals(scope) || "lineage".equals(scope);
        TraceOptions options = TraceOptions.DEFAULT
                .withDirection(up, down)
                .following(follow)
                .withLimits(maxEvents, TraceOptions.DEFAULT_MAX_CORRELATIONS);
        Trace trace = engine.traces().trace(new TraceService.TraceRequest(id, options, false));
        TraceDrawing drawing = TraceDrawing.of(trace);

        h.add(
                "<section aria-labelledby=\"graph-h\"><h2 id=\"graph-h\">Causation</h2>"
                        + "<div class=\"zoom-bar\" hidden><button type=\"button\" data-zoom=\"in\" aria-label=\"Zoom in\">+</button>"
                        + "<button type=\"button\" data-zoom=\"out\" aria-label=\"Zoom out\">−</button>"
                        + "<button type=\"button\" data-zoom=\"fit\">Fit</button><button type=\"button\" data-zoom=\"reset\">1:1</button>"
                        + "<span class=\"r-muted\">drag to pan, wheel or + and − to zoom, arrow keys to move</span></div>"
                        + "<div class=\"trace-view\" id=\"trace-view\" tabindex=\"0\" role=\"group\" aria-label=\"Causation graph: pan and zoom\">");
        // the drawing is the one of 'evs trace -o svg', escaped by its writer (event.Xml), its event boxes links
        // to their pages
        h.text(new Html.Safe(TraceSvg.element(drawing, TracePage::link)));
        h.add("</div></section>");

        h.add("<section aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2><dl class=\"figures summary\""
                + " id=\"trace-summary\">");
        for (TraceWords.SummaryRow row : TraceWords.summary(trace, false)) {
            h.add(
                    "<dt>{}</dt><dd{}>{}</dd>",
                    row.key(),
                    row.alarming() ? new Html.Safe(" class=\"r-error\"") : null,
                    row.value());
        }
        h.add("</dl></section>");
        int total = trace.events().size();
        int rows = r.number("rows", ROWS, 1, Math.max(ROWS, total));
        h.add(
                "<section aria-labelledby=\"events-h\" class=\"trace-table\"><h2 id=\"events-h\">Events</h2>"
                        + "<div class=\"scroll\"><table class=\"list\" id=\"trace-events\"><thead><tr><th scope=\"col\" class=\"num\">position</th>"
                        + "<th scope=\"col\" class=\"num\">depth</th><th scope=\"col\">type</th><th scope=\"col\">stream</th><th scope=\"col\">user</th>"
                        + "<th scope=\"col\">timestamp</th><th scope=\"col\" class=\"num\">delay</th><th scope=\"col\">caused by</th></tr></thead><tbody>");
        // in the order of the drawing (causes before their effects), then the events it could not place
        Set<UUID> shown = new HashSet<>();
        int written = 0;
        for (TraceNode.Event node : trace.inOrder()) {
            shown.add(node.id());
            if (written++ < rows) {
                row(h, trace, node);
            }
        }
        for (TraceNode.Event node : trace.events().values()) {
            if (!shown.contains(node.id()) && written++ < rows) {
                row(h, trace, node);
            }
        }
        h.add("</tbody></table></div>");
        if (total > rows) {
            h.add(
                    "<nav class=\"pager\" aria-label=\"Rows\"><span class=\"r-muted\" id=\"trace-rows\">the first {} of {}"
                            + " events</span> <a href=\"{}\">Show all {} rows</a></nav>",
                    rows,
                    total,
                    Url.of("/trace")
                            .param("id", id)
                            .param("scope", scope)
                            .param("follow", follow ? "on" : null)
                            .param("maxEvents", r.one("maxEvents"))
                            .param("rows", total),
                    total);
        }
        h.add("</section>");
        return Layout.page(console, "Trace", "/trace", -1, h);
    }

    private static void row(Html h, Trace trace, TraceNode.Event node) {
        RecordedEvent e = node.event();
        Object cause;
        if (node.parent() != null) {
            cause = Bits.position(trace.event(node.parent()).event().position());
        } else {
            cause = e.causationId() == null ? "" : Html.clip(e.causationId(), 60);
        }
        h.add(
                "<tr{}><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                        + "<td class=\"num\">{}</td><td>{}</td></tr>",
                node.critical() ? new Html.Safe(" class=\"critical\"") : null,
                Bits.position(e.position()),
                node.depth() == null ? "" : node.depth(),
                Bits.type(e.eventType()),
                Bits.stream(e.stream()),
                e.userId() == null ? "" : Html.clip(e.userId(), 60),
                Bits.time(e.timestamp()),
                node.delay() == null ? "" : Durations.delay(node.delay()),
                cause);
    }

    private static Html.Safe scopes(String chosen) {
        String[][] all = {
            {"", "the whole correlation"},
            {"up", "up: the causes of the event"},
            {"down", "down: what the event caused"},
            {"lineage", "up and down: its lineage"}
        };
        Html h = new Html();
        for (String[] s : all) {
            h.add(
                    "<option value=\"{}\"{}>{}</option>",
                    s[0],
                    s[0].equals(chosen == null ? "" : chosen) ? new Html.Safe(" selected") : null,
                    s[1]);
        }
        return h.safe();
    }
}
