package dev.eventscope.cli.command;

import dev.eventscope.cli.render.DeadLetterOut;
import dev.eventscope.cli.render.OutputFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs dlq skip ID --reason TEXT}: resolve a letter without processing it. */
@Command(
        name = "skip",
        description = "Resolve a parked dead letter without processing its event, recording the reason. Letters"
                + " parked behind it stay parked until they are retried. A rebuild of a projection skips the event"
                + " again.",
        footerHeading = "%nExamples:%n",
        footer = {"  evs dlq skip 7 --reason 'test order, never to be shipped'"})
public final class DlqSkipCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", description = "The dead letter's id.")
    long id;

    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (kept with the letter).")
    String reason;

    @Mixin
    Output.Lists output;

    @Override
    public Integer call() {
        var format = output.get();
        var letter = engine().deadLetters().skip(id, reason);
        DeadLetterOut.list(out(), format == OutputFormat.JSON ? OutputFormat.NDJSON : format, List.of(letter));
        return 0;
    }
}
