package dev.eventscope.cli.command;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.event.Json;
import dev.eventscope.verify.StoreVerifier;
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
    OutputOption output;

    @Override
    public Integer call() {
        OutputFormat format =
                output.get(OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.NDJSON);
        StoreVerifier.Pin pin = expectHead == null ? null : StoreVerifier.Pin.parse(expectHead);
        VerifyReport report = new StoreVerifier(workspace().readStore()).verify(full, pin);
        if (format == OutputFormat.TABLE) {
            if (report.ok()) {
                out().println("ok: " + report.eventsChecked() + " events, hash chain intact, head "
                        + report.head().position() + ":" + report.head().hash()
                        + (pin != null ? " (pinned head found)" : ""));
            } else {
                out().println("FAILED: " + report.problems().size() + " problem"
                        + (report.problems().size() == 1 ? "" : "s") + " in " + report.eventsChecked() + " events"
                        + (report.firstBadPosition() > 0 ? "; first bad position " + report.firstBadPosition() : ""));
                for (String p : report.problems()) {
                    out().println("  " + dev.eventscope.event.Text.printable(p, 1_000));
                }
            }
        } else {
            var o = Json.object();
            o.put("ok", report.ok());
            o.put("events", report.eventsChecked());
            o.put("headPosition", report.head().position());
            o.put("headHash", report.head().hash());
            if (report.firstBadPosition() > 0) {
                o.put("firstBadPosition", report.firstBadPosition());
            } else {
                o.putNull("firstBadPosition");
            }
            if (pin != null) {
                o.put("pinnedHeadFound", report.headPinned());
            }
            var problems = o.putArray("problems");
            report.problems().forEach(problems::add);
            if (format == OutputFormat.JSON) {
                JsonOut.pretty(out(), o);
            } else {
                JsonOut.line(out(), o);
            }
        }
        return report.ok() ? 0 : 1;
    }
}
