package dev.eventscope.audit;

import static dev.eventscope.audit.Markup.md;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AuditReport} as Markdown (for a wiki page or a pull request): the same sections as the
 * HTML page, charts as bars of block characters in table cells. Every value is escaped for table
 * cells.
 */
public final class MarkdownReport {

    private static final int BAR = 30;

    private final StringBuilder out = new StringBuilder(32 * 1024);

    private MarkdownReport() {}

    public static String render(AuditReport r) {
        MarkdownReport m = new MarkdownReport();
        m.page(r);
        return m.out.toString();
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private void page(AuditReport r) {
        line("# Audit report: " + md(r.storeFile()));
        line("");
        line("Generated " + Markup.time(r.generatedAt()) + ". Scope: " + md(HtmlReport.scope(r))
                + ". Times are UTC; valid time is the event's timestamp, record time when the store accepted it.");
        line("");
        line("## Summary");
        line("");
        line("| figure | value |");
        line("|---|---|");
        line("| Events | " + r.events() + " |");
        line("| Aggregates | " + r.streams() + " |");
        line("| Users | " + r.users() + " |");
        line("| Correlations | " + r.correlations() + " |");
        line("| First event (valid time) | " + Markup.time(r.first()) + " |");
        line("| Last event (valid time) | " + Markup.time(r.last()) + " |");
        line("| Integrity | " + (r.integrity().ok() ? "ok" : "FAILED") + " |");
        line("");
        line("## Integrity");
        line("");
        var v = r.integrity();
        line((v.ok() ? "**ok**: " : "**FAILED**: ") + v.eventsChecked()
                + " events checked (the whole store), hash chain " + (v.ok() ? "intact" : "broken") + ". Head: `"
                + v.head().position() + ":" + v.head().hash() + "`.");
        for (String p : v.problems()) {
            line("- " + md(p));
        }
        line("");
        line("## Changes per user");
        line("");
        bars(
                "user",
                r.perUser()
                        .subList(
                                0,
                                Math.min(
                                        HtmlReport.MAX_USERS_CHARTED,
                                        r.perUser().size())),
                true);
        line("## Changes per " + r.periodUnit());
        line("");
        List<AuditReport.Count> active = new ArrayList<>();
        for (AuditReport.Count c : r.perPeriod()) {
            if (c.events() > 0) {
                active.add(c);
            }
        }
        bars(r.periodUnit(), active, false);
        line("## Slowest correlations");
        line("");
        if (r.slowest().isEmpty()) {
            line("No event in scope has a correlationId.");
        } else {
            line("| correlationId | span | events | first | last | aggregates |");
            line("|---|---:|---:|---|---|---|");
            for (AuditReport.Span s : r.slowest()) {
                line("| " + md(s.correlationId()) + " | " + Durations.human(s.span()) + " | " + s.events() + " | "
                        + Markup.time(s.first()) + " | " + Markup.time(s.last()) + " | "
                        + md(String.join(", ", s.aggregates())) + " |");
            }
        }
        line("");
        line("## Timelines");
        line("");
        if (r.timelines().isEmpty()) {
            line("No aggregate chosen: add `--aggregate ID` to include the detailed history of one.");
        }
        for (Timeline t : r.timelines()) {
            line("### " + md(t.subject()));
            line("");
            line("| ver | valid time | record time | user | event | "
                    + (t.withState() ? "what changed in the state" : "payload") + " |");
            line("|---:|---|---|---|---|---|");
            for (AuditEntry e : t.entries()) {
                line("| " + e.event().streamVersion() + " | "
                        + Markup.time(e.event().timestamp()) + " | "
                        + Markup.time(e.event().recordedAt()) + " | "
                        + md(Markup.user(e.event().userId())) + " | "
                        + md(e.event().eventType()) + " | " + change(e) + " |");
            }
            line("");
        }
    }

    private void bars(String what, List<AuditReport.Count> counts, boolean users) {
        if (counts.isEmpty()) {
            line("No events in scope.");
            line("");
            return;
        }
        long max = 1;
        for (AuditReport.Count c : counts) {
            max = Math.max(max, c.events());
        }
        line("| " + what + " | events | |");
        line("|---|---:|---|");
        for (AuditReport.Count c : counts) {
            int n = (int) Math.max(1, Math.round((double) BAR * c.events() / max));
            line("| " + md(users ? Markup.user(c.label()) : c.label()) + " | " + c.events() + " | " + "\u2588".repeat(n)
                    + " |");
        }
        line("");
    }

    private static String change(AuditEntry e) {
        if (e.patch() == null) {
            return "`"
                    + Markup.abbreviate(e.event().payload().text(), 300)
                            .replace("`", "'")
                            .replace("|", "\\|") + "`";
        }
        if (e.patch().isEmpty()) {
            return "(no change)";
        }
        List<String> ops = new ArrayList<>();
        for (JsonNode op : e.patch()) {
            ops.add(md(Markup.op(op, e.before())));
        }
        return String.join("<br>", ops);
    }
}
