package dev.eventscope.cli.command;

import dev.eventscope.cli.console.ExitCodes;
import dev.eventscope.cli.console.Interrupts;
import dev.eventscope.cli.console.ProgressBars;
import dev.eventscope.cli.render.DeadLetterOut;
import dev.eventscope.engine.DeadLetterService;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.process.RetryReport;
import dev.eventscope.process.RetrySelection;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs dlq retry}: reprocess dead letters through the current pipeline and handlers. */
@Command(
        name = "retry",
        description = {
            "Retry parked dead letters: each event is read again from the store through the current upcasters"
                    + " and run through the handler as the model defines it now (with its retry policy).",
            "The letters of one aggregate are retried as a sequence, in order, whichever of them was selected;"
                    + " the first that fails again keeps the rest parked. A success resolves the letter (kept, with"
                    + " the time); a failure updates its error and attempts. Exit 1 when any letter is still"
                    + " parked afterwards. --dry-run lists what would be retried, in order, and changes nothing."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs dlq retry 3",
            "  evs dlq retry --all --dry-run",
            "  evs dlq retry --handler notify",
            "  evs dlq retry --type OrderPlaced -o json"
        })
public final class DlqRetryCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The dead letter to retry (with its sequence).")
    Long id;

    @Option(names = "--all", description = "Every parked letter.")
    boolean all;

    @Option(names = "--handler", paramLabel = "NAME", description = "The parked letters of this handler.")
    String handler;

    @Option(names = "--type", paramLabel = "TYPE", description = "The parked letters of events of this type.")
    String type;

    @Option(names = "--dry-run", description = "Only list what would be retried, in order.")
    boolean dryRun;

    @Mixin
    Output.Lists output;

    @Override
    public Integer call() {
        var format = output.get();
        var selection = new RetrySelection(id, all, handler, type);
        BooleanSupplier stop = dryRun ? () -> false : Interrupts.install();
        Progress progress = dryRun ? Progress.NONE : ProgressBars.of(main().quiet());
        RetryReport report =
                engine().deadLetters().retry(new DeadLetterService.RetryOptions(selection, dryRun, stop, progress));
        DeadLetterOut.retry(out(), format, report);
        if (report.steps().isEmpty()) {
            note("nothing to retry: no parked dead letter matches");
        } else if (dryRun) {
            note(report.steps().size() + " letters would be retried, in this order; nothing was changed");
        } else {
            note("resolved " + report.resolved() + " of " + report.steps().size() + " letters; " + report.stillFailing()
                    + " still parked");
        }
        if (report.stopped()) {
            note("stopped; run the retry again to continue");
            return ExitCodes.INTERRUPTED;
        }
        return report.stillFailing() > 0 ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }
}
