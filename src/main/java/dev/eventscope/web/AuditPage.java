package dev.eventscope.web;

import dev.eventscope.audit.AuditEntry;
import dev.eventscope.audit.AuditReport;
import dev.eventscope.audit.Timeline;
import dev.eventscope.engine.AuditService;
import dev.eventscope.engine.Engine;
import dev.eventscope.event.RecordedEvent;

/**
 * Audit findings ({@code /audit}): the report of {@code evs audit report} (scope, changes per user
 * and per period, the slowest correlations, the chain's integrity) for a type and a valid-time
 * window; and with an aggregate id or a user, the timeline of {@code evs audit}: who changed what,
 * when, and the patch of the state.
 */
final class AuditPage {

    /** The most entries of a timeline shown. */
    static final int ENTRIES = 1_000;

    private AuditPage() {}

    static Response render(Console console, Request r, Engine engine) {
        String type = r.one("type");
        String id = r.raw("id");
        String user = r.raw("user");
        String since = r.one("since");
        String until = r.one("until");
        Html h = new Html(32_768);
        h.add(
                "<form class=\"filters\" method=\"get\" action=\"/audit\">"
                        + "<label>aggregate type <input name=\"type\" value=\"{}\" autocomplete=\"off\"></label>"
                        + "<label>aggregate id <input name=\"id\" value=\"{}\" autocomplete=\"off\"></label>"
                        + "<label>or user <input name=\"user\" value=\"{}\" autocomplete=\"off\"></label>"
                        + "<label>since <input name=\"since\" value=\"{}\"></label><label>until <input name=\"until\" value=\"{}\"></label>"
                        + "<button type=\"submit\">Audit</button> <a href=\"/audit\">whole store</a></form>",
                type,
                id,
                user,
                since,
                until);
        if (id != null || user != null) {
            Timeline t = engine.audit().timeline(new AuditService.TimelineOptions(id, type, user, since, until));
            timeline(h, t);
            return Layout.page(console, "Audit of " + t.subject(), "/audit", -1, h);
        }
        AuditReport a = engine.audit()
                .report(new AuditService.ReportOptions(type, since, until, null, true, null))
                .report();
        report(h, a);
        return Layout.page(console, "Audit", "/audit", -1, h);
    }

    private static void report(Html h, AuditReport a) {
        h.add("<dl class=\"figures\" id=\"audit-summary\">");
        Bits.row(
                h,
                "scope",
                (a.aggregateType() == null ? "every aggregate type" : a.aggregateType())
                        + (a.since() == null && a.until() == null
                                ? ""
                                : ", valid time " + (a.since() == null ? "…" : a.since()) + " to "
                                        + (a.until() == null ? "…" : a.until())));
        Bits.row(h, "events", Bits.count(a.events()));
        Bits.row(h, "streams", Bits.count(a.streams()));
        Bits.row(h, "correlations", Bits.count(a.correlations()));
        Bits.row(h, "users", Bits.count(a.users()));
        Bits.row(h, "first", Bits.time(a.first()));
        Bits.row(h, "last", Bits.time(a.last()));
        var v = a.integrity();
        Bits.row(
                h,
                "integrity",
                v.problems().isEmpty()
                        ? new Html()
                                .add(
                                        "<span class=\"r-added\">the hash chain holds over {} events</span>",
                                        Bits.count(v.eventsChecked()))
                                .safe()
                        : new Html()
                                .add(
                                        "<span class=\"r-error\">{} problems: {}</span>",
                                        v.problems().size(),
                                        Html.clip(String.join("; ", v.problems()), 500))
                                .safe());
        h.add(
                "</dl><div class=\"two\"><section><h2>Changes per user</h2><div class=\"scroll\"><table><thead><tr><th scope=\"col\">user</th><th"
                        + " scope=\"col\" class=\"num\">events</th></tr></thead><tbody>");
        int n = 0;
        for (AuditReport.Count c : a.perUser()) {
            if (n++ == 50) {
                break;
            }
            h.add(
                    "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                    c.label() == null
                            ? Bits.muted("(no userId)")
                            : new Html()
                                    .add(
                                            "<a href=\"{}\">{}</a>",
                                            Url.of("/audit").param("user", c.label()),
                                            Html.clip(c.label(), 80))
                                    .safe(),
                    Bits.count(c.events()));
        }
        h.add(
                "</tbody></table></div></section><section><h2>Changes per {}</h2><div class=\"scroll\"><table><thead><tr><th scope=\"col\">{}</th><th"
                        + " scope=\"col\" class=\"num\">events</th></tr></thead><tbody>",
                a.periodUnit(),
                a.periodUnit());
        for (AuditReport.Count c : a.perPeriod()) {
            h.add("<tr><td>{}</td><td class=\"num\">{}</td></tr>", c.label(), Bits.count(c.events()));
        }
        h.add("</tbody></table></div></section></div>");
        h.add(
                "<section><h2>Slowest correlations</h2><div class=\"scroll\"><table class=\"list\"><thead><tr><th scope=\"col\">correlation</th>"
                        + "<th scope=\"col\" class=\"num\">events</th><th scope=\"col\">span</th><th scope=\"col\">first</th><th"
                        + " scope=\"col\">aggregates</th></tr></thead><tbody>");
        for (AuditReport.Span s : a.slowest()) {
            h.add(
                    "<tr><td><a href=\"{}\">{}</a></td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    Url.of("/trace").param("id", s.correlationId()),
                    Html.clip(s.correlationId(), 60),
                    s.events(),
                    Bits.duration(s.span().toMillis() / 1000.0),
                    Bits.time(s.first()),
                    Html.clip(String.join(", ", s.aggregates()), 120));
        }
        h.add("</tbody></table></div></section>");
    }

    private static void timeline(Html h, Timeline t) {
        h.add(
                "<p>{} changes by {} users{}.</p>",
                t.entries().size(),
                t.users().size(),
                t.withState() ? "" : " (no reducers: payloads shown)");
        h.add(
                "<div class=\"scroll\"><table class=\"list\" id=\"audit-timeline\"><thead><tr><th scope=\"col\" class=\"num\">position</th>"
                        + "<th scope=\"col\">timestamp</th><th scope=\"col\">recorded</th><th scope=\"col\">user</th><th scope=\"col\">type</th>"
                        + "<th scope=\"col\">stream</th><th scope=\"col\">change</th></tr></thead><tbody>");
        int n = 0;
        for (AuditEntry e : t.entries()) {
            if (n++ == ENTRIES) {
                break;
            }
            RecordedEvent x = e.event();
            h.add(
                    "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    Bits.position(x.position()),
                    Bits.time(x.timestamp()),
                    Bits.time(x.recordedAt()),
                    x.userId() == null ? Bits.muted("-") : Html.clip(x.userId(), 60),
                    Bits.type(x.eventType()),
                    Bits.stream(x.stream()),
                    e.patch() == null ? JsonHtml.inline(x.payload().node(), 160) : Bits.patch(e.patch(), e.before()));
        }
        h.add("</tbody></table></div>");
        if (t.entries().size() > ENTRIES) {
            h.add("<p class=\"r-muted\">The first {} changes shown.</p>", ENTRIES);
        }
    }
}
