package dev.eventscope.audit;

import static dev.eventscope.audit.Markup.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Durations;
import java.util.List;
import java.util.Locale;

/**
 * An {@link AuditReport} as one self-contained HTML page: inline CSS, charts as inline SVG, no
 * script and nothing loaded from elsewhere, so it opens offline and can be archived as is. The
 * output is also well-formed XML (XHTML syntax): every value is escaped, every element closed.
 */
public final class HtmlReport {

    static final int MAX_USERS_CHARTED = 20;

    private static final String CSS = "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;"
            + "color:#222;padding:0 1em}h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;"
            + "border-bottom:1px solid #ddd}table{border-collapse:collapse;margin:.5em 0}"
            + "th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}"
            + "th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}"
            + "code,.mono{font-family:ui-monospace,monospace;font-size:.92em}.ok{color:#14632d;font-weight:bold}"
            + ".bad{color:#a4161a;font-weight:bold}.muted{color:#666}ul.patch{margin:0;padding-left:1em}"
            + "svg text{font:11px sans-serif;fill:#333}.bar{fill:#3b6ea5}"
            + "td.t{white-space:nowrap}";

    private final StringBuilder out = new StringBuilder(64 * 1024);

    private HtmlReport() {}

    public static String render(AuditReport r) {
        HtmlReport h = new HtmlReport();
        h.page(r);
        return h.out.toString();
    }

    private HtmlReport a(String s) {
        out.append(s);
        return this;
    }

    private void page(AuditReport r) {
        a("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n");
        a("<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        a("<title>Audit report: ")
                .a(html(r.storeFile()))
                .a("</title>\n<style>")
                .a(CSS)
                .a("</style>\n</head>\n<body>\n");
        a("<h1>Audit report: ").a(html(r.storeFile())).a("</h1>\n");
        a("<p class=\"muted\">Generated ")
                .a(html(Markup.time(r.generatedAt())))
                .a(". Scope: ")
                .a(html(scope(r)));
        a(". Times are UTC; valid time is the event's timestamp, record time when the store accepted it.</p>\n");
        summary(r);
        integrity(r);
        users(r);
        periods(r);
        slowest(r);
        timelines(r);
        a("</body>\n</html>\n");
    }

    static String scope(AuditReport r) {
        return (r.aggregateType() == null ? "all aggregate types" : "aggregate type " + r.aggregateType())
                + (r.since() == null ? "" : ", from " + Markup.time(r.since()))
                + (r.until() == null ? "" : ", until " + Markup.time(r.until()));
    }

    private void summary(AuditReport r) {
        a("<h2 id=\"summary\">Summary</h2>\n<table>\n");
        row("Events", String.valueOf(r.events()));
        row("Aggregates", String.valueOf(r.streams()));
        row("Users", String.valueOf(r.users()));
        row("Correlations", String.valueOf(r.correlations()));
        row("First event (valid time)", Markup.time(r.first()));
        row("Last event (valid time)", Markup.time(r.last()));
        row("Integrity", r.integrity().ok() ? "ok" : "FAILED");
        a("</table>\n");
    }

    private void row(String name, String value) {
        a("<tr><th>").a(html(name)).a("</th><td>").a(html(value)).a("</td></tr>\n");
    }

    private void integrity(AuditReport r) {
        var v = r.integrity();
        a("<h2 id=\"integrity\">Integrity</h2>\n<p>");
        a(v.ok() ? "<span class=\"ok\">ok</span>: " : "<span class=\"bad\">FAILED</span>: ");
        a(html(v.eventsChecked() + " events checked (the whole store), hash chain "
                + (v.ok()
                        ? "intact"
                        : "broken" + (v.firstBadPosition() > 0 ? " from position " + v.firstBadPosition() : ""))));
        a(".</p>\n<p>Head: <code>")
                .a(html(v.head().position() + ":" + v.head().hash()))
                .a("</code>");
        a(
                " <span class=\"muted\">(pin it elsewhere and check later with <code>evs verify --expect-head</code>)</span></p>\n");
        if (!v.problems().isEmpty()) {
            a("<ul>\n");
            for (String p : v.problems()) {
                a("<li>").a(html(p)).a("</li>\n");
            }
            a("</ul>\n");
        }
    }

    private void users(AuditReport r) {
        a("<h2 id=\"users\">Changes per user</h2>\n");
        List<AuditReport.Count> shown =
                r.perUser().subList(0, Math.min(MAX_USERS_CHARTED, r.perUser().size()));
        if (shown.isEmpty()) {
            a("<p>No events in scope.</p>\n");
            return;
        }
        long max = shown.get(0).events();
        int rowHeight = 18;
        int height = shown.size() * rowHeight + 4;
        a("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"").a(String.valueOf(height));
        a("\" role=\"img\" aria-label=\"changes per user\">\n");
        for (int i = 0; i < shown.size(); i++) {
            AuditReport.Count c = shown.get(i);
            int y = i * rowHeight + 2;
            double w = max == 0 ? 0 : 520.0 * c.events() / max;
            a("<text x=\"170\" y=\"").a(String.valueOf(y + 13)).a("\" text-anchor=\"end\">");
            a(html(Markup.abbreviate(Markup.user(c.label()), 26))).a("</text>");
            a("<rect class=\"bar\" x=\"176\" y=\"")
                    .a(String.valueOf(y + 2))
                    .a("\" width=\"")
                    .a(fmt(Math.max(w, 1)));
            a("\" height=\"").a(String.valueOf(rowHeight - 5)).a("\"><title>").a(html(Markup.user(c.label())));
            a(": ").a(String.valueOf(c.events())).a("</title></rect>");
            a("<text x=\"")
                    .a(fmt(180 + w))
                    .a("\" y=\"")
                    .a(String.valueOf(y + 13))
                    .a("\">");
            a(String.valueOf(c.events())).a("</text>\n");
        }
        a("</svg>\n");
        if (r.perUser().size() > shown.size()) {
            a("<p class=\"muted\">").a(String.valueOf(r.perUser().size() - shown.size()));
            a(" more users with fewer changes.</p>\n");
        }
    }

    private void periods(AuditReport r) {
        a("<h2 id=\"periods\">Changes per ").a(r.periodUnit()).a("</h2>\n");
        List<AuditReport.Count> p = r.perPeriod();
        if (p.isEmpty()) {
            a("<p>No events in scope.</p>\n");
            return;
        }
        long max = 1;
        for (AuditReport.Count c : p) {
            max = Math.max(max, c.events());
        }
        double plot = 860;
        double step = plot / p.size();
        a(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"920\" height=\"230\" role=\"img\" aria-label=\"changes per ");
        a(r.periodUnit()).a("\">\n");
        a("<line x1=\"50\" y1=\"200\" x2=\"910\" y2=\"200\" stroke=\"#999\"/>");
        a("<text x=\"45\" y=\"24\" text-anchor=\"end\">").a(String.valueOf(max)).a("</text>");
        a("<text x=\"45\" y=\"200\" text-anchor=\"end\">0</text>\n");
        for (int i = 0; i < p.size(); i++) {
            AuditReport.Count c = p.get(i);
            double h = 180.0 * c.events() / max;
            a("<rect class=\"bar\" x=\"").a(fmt(50 + i * step)).a("\" y=\"").a(fmt(200 - h));
            a("\" width=\"")
                    .a(fmt(Math.max(step * 0.85, 0.5)))
                    .a("\" height=\"")
                    .a(fmt(h))
                    .a("\"><title>");
            a(html(c.label())).a(": ").a(String.valueOf(c.events())).a("</title></rect>\n");
        }
        int[] labelled = p.size() == 1 ? new int[] {0} : new int[] {0, p.size() / 2, p.size() - 1};
        for (int k = 0; k < labelled.length; k++) {
            int i = labelled[k];
            // the first label starts at its bar, the last ends at its bar: neither is cut off
            String anchor = labelled.length == 1 || k == 1 ? "middle" : k == 0 ? "start" : "end";
            double x = k == 0
                    ? 50 + i * step
                    : k == labelled.length - 1 && k > 0 ? 50 + (i + 1) * step : 50 + i * step + step / 2;
            a("<text x=\"").a(fmt(x)).a("\" y=\"218\" text-anchor=\"").a(anchor).a("\">");
            a(html(p.get(i).label())).a("</text>\n");
        }
        a("</svg>\n");
    }

    private void slowest(AuditReport r) {
        a("<h2 id=\"correlations\">Slowest correlations</h2>\n");
        if (r.slowest().isEmpty()) {
            a("<p>No event in scope has a correlationId.</p>\n");
            return;
        }
        a("<p class=\"muted\">From the first to the last event time of each correlationId (workflow).</p>\n");
        a("<table>\n<tr><th>correlationId</th><th>span</th><th>events</th><th>first</th><th>last</th>");
        a("<th>aggregates</th></tr>\n");
        for (AuditReport.Span s : r.slowest()) {
            a("<tr><td class=\"mono\">").a(html(s.correlationId())).a("</td><td class=\"n\">");
            a(html(Durations.human(s.span()))).a("</td><td class=\"n\">").a(String.valueOf(s.events()));
            a("</td><td>").a(html(Markup.time(s.first()))).a("</td><td>").a(html(Markup.time(s.last())));
            a("</td><td class=\"mono\">")
                    .a(html(String.join(", ", s.aggregates())))
                    .a("</td></tr>\n");
        }
        a("</table>\n");
    }

    private void timelines(AuditReport r) {
        a("<h2 id=\"timelines\">Timelines</h2>\n");
        if (r.timelines().isEmpty()) {
            a("<p>No aggregate chosen: add <code>--aggregate ID</code> to include the detailed history of one.</p>\n");
            return;
        }
        for (Timeline t : r.timelines()) {
            a("<h3>").a(html(t.subject())).a("</h3>\n");
            a("<table>\n<tr><th>ver</th><th>valid time</th><th>record time</th><th>user</th><th>event</th>");
            a("<th>").a(t.withState() ? "what changed in the state" : "payload").a("</th></tr>\n");
            for (AuditEntry e : t.entries()) {
                a("<tr><td class=\"n\">")
                        .a(String.valueOf(e.event().streamVersion()))
                        .a("</td><td class=\"t\">");
                a(html(Markup.time(e.event().timestamp())))
                        .a("</td><td class=\"t\">")
                        .a(html(Markup.time(e.event().recordedAt())));
                a("</td><td>")
                        .a(html(Markup.user(e.event().userId())))
                        .a("</td><td>")
                        .a(html(e.event().eventType()));
                a("</td><td>");
                change(e);
                a("</td></tr>\n");
            }
            a("</table>\n");
        }
    }

    private void change(AuditEntry e) {
        if (e.patch() == null) {
            a("<code>")
                    .a(html(Markup.abbreviate(e.event().payload().text(), 400)))
                    .a("</code>");
            return;
        }
        if (e.patch().isEmpty()) {
            a("<span class=\"muted\">(no change)</span>");
            return;
        }
        a("<ul class=\"patch\">");
        for (JsonNode op : e.patch()) {
            a("<li><code>").a(html(Markup.op(op, e.before()))).a("</code></li>");
        }
        a("</ul>");
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
