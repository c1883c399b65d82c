package dev.eventscope.engine;

import dev.eventscope.audit.AuditReport;
import dev.eventscope.audit.AuditReports;
import dev.eventscope.audit.AuditTrail;
import dev.eventscope.audit.HtmlReport;
import dev.eventscope.audit.MarkdownReport;
import dev.eventscope.audit.ReportFile;
import dev.eventscope.audit.Timeline;
import dev.eventscope.error.UsageException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Who changed what, when: the audit timeline of one aggregate or one user ({@code audit}), and a
 * self-contained report for compliance reviews ({@code audit report}). States are folded from the
 * first event through the model's reducers (without reducers, payloads are shown). Reached through
 * {@link Engine#audit()}; one thread at a time, as its engine.
 */
public final class AuditService {

    private final Workspace workspace;

    AuditService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Whose timeline: one aggregate ({@code aggregateId}, with its type when ambiguous) or one
     * {@code user} (exactly one of them), limited by valid time to [since, until] (text as the
     * CLI takes it; null: open).
     */
    public record TimelineOptions(String aggregateId, String aggregateType, String user, String since, String until) {
        public TimelineOptions {
            if ((aggregateId == null) == (user == null)) {
                throw new UsageException(
                        aggregateId == null
                                ? "audit needs an aggregate ID or --user USER"
                                : "pass an aggregate ID or --user, not both",
                        "evs audit ID, evs audit --user USER, or evs audit report FILE");
            }
        }
    }

    /** The changes, in order, with who made them, both times, and the patch of the state. */
    public Timeline timeline(TimelineOptions o) {
        Instant now = Instant.now();
        ZoneId zone = workspace.settings().zone();
        Instant from = EventFilter.time("--since", o.since(), zone, now);
        Instant to = EventFilter.time("--until", o.until(), zone, now);
        AuditTrail trail = trail();
        return o.aggregateId() != null
                ? trail.ofAggregate(o.aggregateId(), o.aggregateType(), from, to)
                : trail.ofUser(o.user(), o.aggregateType(), from, to);
    }

    /**
     * A report: its scope (an aggregate type, a valid-time window; nulls: all), the aggregates
     * whose timelines it includes, Markdown rather than HTML, and the file to write (null: none,
     * the text is returned only).
     */
    public record ReportOptions(
            String aggregateType, String since, String until, List<String> aggregates, boolean markdown, Path file) {
        public ReportOptions {
            aggregates = aggregates == null ? List.of() : List.copyOf(aggregates);
        }
    }

    /** A report's figures and its text. */
    public record Document(AuditReport report, String text) {}

    /**
     * Builds the report and, when a file is given, writes it to a temporary file renamed into
     * place (whole or absent).
     */
    public Document report(ReportOptions o) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ZoneId zone = workspace.settings().zone();
        AuditReport report = new AuditReports(workspace.readStore(), trail())
                .build(
                        o.aggregateType(),
                        EventFilter.time("--since", o.since(), zone, now),
                        EventFilter.time("--until", o.until(), zone, now),
                        o.aggregates(),
                        now);
        String text = o.markdown() ? MarkdownReport.render(report) : HtmlReport.render(report);
        if (o.file() != null) {
            ReportFile.write(o.file(), text);
        }
        return new Document(report, text);
    }

    private AuditTrail trail() {
        return new AuditTrail(
                workspace.readStore(), workspace.eventSource(), workspace.hasModel() ? workspace.timeMachine() : null);
    }
}
