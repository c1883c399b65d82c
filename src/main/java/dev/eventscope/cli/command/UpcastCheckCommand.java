package dev.eventscope.cli.command;

import dev.eventscope.cli.console.ExitCodes;
import dev.eventscope.cli.console.ProgressBars;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.UpcastOut;
import dev.eventscope.engine.UpcastService;
import dev.eventscope.upcast.CheckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs upcast check}: every stored event through the chain and the latest schema. */
@Command(
        name = "check",
        description = {
            "Read every stored event through the upcaster chain and check the result: no upcaster fails, the event"
                    + " ends at the latest schema version of its type, and it matches that version's schema (when"
                    + " the model has one).",
            "Reports, per stored event type, the count by stored version, how many were upcast and checked against"
                    + " a schema, and the first failures with position, eventId, upcaster and error.",
            "Exit 0 when every event passes, 1 when any fails."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs upcast check",
            "  evs --model eventscope.yaml --db events.db upcast check -o json \\",
            "      > upcast-report.json",
            "  evs upcast check --max-failures 100"
        })
public final class UpcastCheckCommand extends BaseCommand {

    @Option(
            names = "--max-failures",
            paramLabel = "N",
            defaultValue = "" + UpcastService.CheckOptions.DEFAULT_MAX_FAILURES,
            description = "List at most N failures; all are counted (default ${DEFAULT-VALUE}).")
    int maxFailures;

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        CheckReport report =
                engine().upcasts().check(new UpcastService.CheckOptions(maxFailures, ProgressBars.of(main().quiet())));
        UpcastOut.check(out(), report, format);
        return report.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
