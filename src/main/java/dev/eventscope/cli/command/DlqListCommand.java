package dev.eventscope.cli.command;

import dev.eventscope.cli.render.DeadLetterOut;
import dev.eventscope.engine.DeadLetterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs dlq list}: the dead letters, filtered. */
@Command(
        name = "list",
        description = "List dead letters in event order: id, handler, status, position, event type, aggregate,"
                + " attempts, and the error (or the reason, once resolved or skipped).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs dlq list",
            "  evs dlq list --handler notify --status parked",
            "  evs dlq list --type OrderPlaced -o json"
        })
public final class DlqListCommand extends BaseCommand {

    @Option(names = "--handler", paramLabel = "NAME", description = "Only letters of this handler or projection.")
    String handler;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only letters of events of this type.")
    String type;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            description = "Only letters with this status: parked, resolved or skipped.")
    String status;

    @Option(names = "--limit", paramLabel = "N", description = "At most N letters.")
    Integer limit;

    @Mixin
    Output.Lists output;

    @Override
    public Integer call() {
        var format = output.get();
        var letters = engine().deadLetters().list(new DeadLetterService.ListOptions(handler, type, status, limit));
        DeadLetterOut.list(out(), format, letters);
        return 0;
    }
}
