package dev.eventscope.cli.command;

import dev.eventscope.cli.console.ExitCodes;
import dev.eventscope.cli.console.Interrupts;
import dev.eventscope.cli.console.ProgressBars;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.ProcessOut;
import dev.eventscope.engine.ProcessService;
import dev.eventscope.process.RebuildReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs project rebuild NAME}: rebuild a read model from position 1 and swap it in. */
@Command(
        name = "rebuild",
        description = {
            "Rebuild a projection's read model from position 1 into a new table, then swap it in with its"
                    + " checkpoint in one transaction: readers (evs query, sqlite3) see the old table until then and"
                    + " the complete new one after, never a half-built one.",
            "Use it after changing a projection's rules or columns. Events skipped with 'evs dlq skip' stay"
                    + " skipped; parked letters the rebuild handles are resolved; events that fail are parked."
                    + " Ctrl-C leaves the old table as it was (exit 130)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  evs project rebuild orders", "  evs project rebuild orders --batch 2000 -o json"})
public final class ProjectRebuildCommand extends BaseCommand {

    @Parameters(paramLabel = "NAME", description = "The projection.")
    String name;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "500",
            description = "Events per transaction while building (default ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        RebuildReport report = engine().processing()
                .rebuild(new ProcessService.RebuildOptions(
                        name, batch, Interrupts.install(), ProgressBars.of(main().quiet())));
        if (report.stopped()) {
            note("stopped: " + report.table() + " is unchanged; run 'evs project rebuild " + name + "' again");
            return ExitCodes.INTERRUPTED;
        }
        ProcessOut.rebuild(out(), format, report);
        if (report.deadLettered() > 0) {
            note("hint: see the failures with 'evs dlq list --handler " + name + " --status parked'");
        }
        return ExitCodes.OK;
    }
}
