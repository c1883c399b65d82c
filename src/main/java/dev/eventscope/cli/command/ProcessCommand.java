package dev.eventscope.cli.command;

import dev.eventscope.cli.console.ExitCodes;
import dev.eventscope.cli.console.Interrupts;
import dev.eventscope.cli.console.ProgressBars;
import dev.eventscope.cli.render.ProcessOut;
import dev.eventscope.cli.shell.Completes;
import dev.eventscope.cli.shell.LiveValues;
import dev.eventscope.engine.ProcessService;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.process.ProcessReport;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs process NAME}: feed a projection or handler from its checkpoint. */
@Command(
        name = "process",
        description = {
            "Feed a projection, handler or saga of the model the events after its checkpoint, in position order,"
                    + " through the upcasters, and advance the checkpoint.",
            "Projections and reactors take effect exactly once: what they write, the checkpoint and any dead"
                    + " letter commit in one transaction per batch. Exec and plugin handlers get each event at least"
                    + " once (the eventId is the idempotency key). An event that fails every attempt is"
                    + " dead-lettered; later events of its aggregate are parked behind it (unless the handler has"
                    + " 'sequencing: none'). Ctrl-C or SIGTERM stops after the current transaction (exit 130);"
                    + " run again to continue.",
            "A saga takes exactly once too: its instances, the events it emits, its deadlines and dead letters"
                    + " commit with the checkpoint. Its deadlines due by now (or --now) pass in order of due time,"
                    + " then what they emit is taken; with --follow they pass on time. A rule that fails"
                    + " dead-letters the event for its instance only."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs process orders                # the read model rm_orders, up to the head",
            "  evs process notify --batch 50     # an exec handler",
            "  evs process compensate --follow   # a reactor, on new events; Ctrl-C stops",
            "  evs process fulfilment            # a saga: events, then deadlines due",
            "  evs dlq list --handler notify     # what failed"
        })
public final class ProcessCommand extends BaseCommand {

    @Completes(LiveValues.Kind.HANDLER)
    @Parameters(paramLabel = "NAME", description = "The projection, handler or saga (names from the model).")
    String name;

    @Option(names = "--follow", description = "After catching up, keep processing new events until stopped.")
    boolean follow;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "500",
            description = "Events per transaction (default ${DEFAULT-VALUE}); exec and plugin handlers record"
                    + " each event on its own.")
    int batch;

    @Option(
            names = "--poll",
            paramLabel = "DURATION",
            defaultValue = "500ms",
            description = "With --follow: how often to look for new events (default ${DEFAULT-VALUE}; a plain number"
                    + " is milliseconds).")
    String poll;

    @Option(
            names = "--now",
            paramLabel = "TIME",
            description = "For a saga: the time its deadlines are measured against (default: the clock), so a run"
                    + " can be repeated exactly; deadlines due by then pass.")
    String now;

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        var format = output.get();
        ProcessReport report = engine().processing()
                .process(new ProcessService.ProcessOptions(
                        name,
                        batch,
                        follow,
                        DurationOptions.parse("--poll", poll, ChronoUnit.MILLIS),
                        Interrupts.install(),
                        follow ? Progress.NONE : ProgressBars.of(main().quiet()),
                        now));
        ProcessOut.report(out(), format, report);
        report.warnings().forEach(w -> note("warning: " + w));
        if (report.deadLettered() + report.parked() > 0) {
            note("hint: see them with 'evs dlq list --handler " + name + "'; retry with 'evs dlq retry --handler "
                    + name + "'");
        }
        if (report.stopped()) {
            note("stopped at position " + report.to() + "; run 'evs process " + name + "' again to continue");
            return ExitCodes.INTERRUPTED;
        }
        return ExitCodes.OK;
    }
}
