package dev.eventscope.cli.command;

import dev.eventscope.cli.render.DeadLetterOut;
import dev.eventscope.cli.render.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code evs dlq show ID}: one dead letter, its event and what is parked behind it. */
@Command(
        name = "show",
        description = "Show one dead letter: the handler, the event (as the pipeline gives it now, after"
                + " upcasting), the error and attempts, and the letters parked behind it.",
        footerHeading = "%nExamples:%n",
        footer = {"  evs dlq show 3", "  evs dlq show 3 -o json"})
public final class DlqShowCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", description = "The dead letter's id (see 'evs dlq list').")
    long id;

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        DeadLetterOut.show(out(), format, engine().deadLetters().show(id));
        return 0;
    }
}
