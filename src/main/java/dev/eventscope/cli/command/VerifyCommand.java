package dev.eventscope.cli.command;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.engine.IntegrityService;
import dev.eventscope.event.Text;
import dev.eventscope.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs verify}: integrity, schema and hash chain. */
@Command(
        name = "verify",
        description = {
            "Check the store: SQLite's quick_check (integrity_check with --full), that the schema holds"
                    + " nothing Eventscope did not create, and that every event's hash recomputes from its"
                    + " content and the hash before it. Exit 1 if anything is wrong, naming the first bad position.",
            "With --expect-head (from 'evs head', kept elsewhere) it also proves that nothing up to that"
                    + " head was changed or removed, even if someone recomputed the whole chain."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  evs verify", "  evs verify --full -o json", "  evs verify --expect-head 8577:3f1c…"})
public final class VerifyCommand extends BaseCommand {

    @Option(names = "--full", description = "Run SQLite's full integrity_check (slower) instead of quick_check.")
    boolean full;

    @Option(
            names = "--expect-head",
            paramLabel = "[POSITION:]HASH",
            description = "A head printed earlier by 'evs head'.")
    String expectHead;

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        VerifyReport report = engine().integrity().verify(new IntegrityService.VerifyOptions(full, expectHead));
        if (format == OutputFormat.TABLE) {
            if (report.ok()) {
                out().println("ok: " + report.eventsChecked() + " events, hash chain intact, head "
                        + report.head().position() + ":" + report.head().hash()
                        + (report.pinGiven() ? " (pinned head found)" : ""));
            } else {
                out().println("FAILED: " + report.problems().size() + " problem"
                        + (report.problems().size() == 1 ? "" : "s") + " in " + report.eventsChecked() + " events"
                        + (report.firstBadPosition() > 0 ? "; first bad position " + report.firstBadPosition() : ""));
                for (String p : report.problems()) {
                    out().println("  " + Text.printable(p, 1_000));
                }
            }
        } else if (format == OutputFormat.JSON) {
            JsonOut.pretty(out(), report.json());
        } else {
            JsonOut.line(out(), report.json());
        }
        return report.ok() ? 0 : 1;
    }
}
