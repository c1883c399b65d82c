package dev.eventscope.cli.command;

import dev.eventscope.audit.AuditReport;
import dev.eventscope.engine.AuditService;
import dev.eventscope.error.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs audit report FILE}: a self-contained report for compliance reviews. */
@Command(
        name = "report",
        description = {
            "Write a report for compliance reviews: summary figures, changes per user and per day (per month"
                    + " over more than 92 days) as charts, the slowest correlations (first to last event time),"
                    + " integrity (the verify result over the whole store and its head hash), and the detailed"
                    + " timeline of each --aggregate.",
            "HTML is one self-contained file (inline CSS and SVG, no script, nothing loaded from the network);"
                    + " md is Markdown. The format follows -o, else the file name (.md: Markdown, else HTML)."
                    + " The file is written whole or not at all (a temporary file, then renamed); '-' writes to"
                    + " stdout.",
            "Exit 1 when the integrity check failed (the report is written all the same)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs audit report report.html",
            "  evs audit report --aggregate-type Task --since 2024-03-01 \\",
            "                   --aggregate task-0042 review.html",
            "  evs audit report -o md - > AUDIT.md"
        })
public final class AuditReportCommand extends BaseCommand {

    @Parameters(paramLabel = "FILE", description = "Where to write the report ('-': stdout).")
    String file;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "html (default, unless FILE ends in .md) or md.")
    String format;

    @Option(names = "--aggregate-type", paramLabel = "TYPE", description = "Only events of this aggregate type.")
    String aggregateType;

    @Option(names = "--since", paramLabel = "TIME", description = "Only events whose timestamp is at or after TIME.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only events whose timestamp is at or before TIME.")
    String until;

    @Option(
            names = "--aggregate",
            paramLabel = "ID",
            description = "Include this aggregate's detailed timeline (repeatable).")
    List<String> aggregates = new ArrayList<>();

    @Override
    public Integer call() {
        boolean markdown = markdown();
        boolean stdout = file.equals("-");
        AuditService.Document document = engine().audit()
                .report(new AuditService.ReportOptions(
                        aggregateType, since, until, aggregates, markdown, stdout ? null : Path.of(file)));
        AuditReport report = document.report();
        if (stdout) {
            out().print(document.text());
            out().flush();
        } else {
            note("wrote " + file + ": " + report.events() + " events, " + report.users() + " users, integrity "
                    + (report.integrity().ok() ? "ok" : "FAILED"));
        }
        return report.integrity().ok() ? 0 : 1;
    }

    private boolean markdown() {
        if (format == null) {
            return file.toLowerCase(Locale.ROOT).endsWith(".md");
        }
        switch (format.toLowerCase(Locale.ROOT)) {
            case "md":
            case "markdown":
                return true;
            case "html":
                return false;
            default:
                throw new UsageException("-o " + format + " is not a format of this command", "use one of html, md");
        }
    }
}
