package dev.eventscope.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code evs dlq}: the dead-letter queue. */
@Command(
        name = "dlq",
        description = {
            "The dead-letter queue: events a handler or projection failed on (after its retry policy), and events"
                    + " parked behind them (later events of the same aggregate, kept back to stay in order).",
            "Letters are kept after they are resolved or skipped, with the time and reason."
        },
        subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqRetryCommand.class, DlqSkipCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs dlq list --status parked",
            "  evs dlq show 3",
            "  evs dlq retry --all --dry-run",
            "  evs dlq retry --handler notify",
            "  evs dlq skip 7 --reason 'test order, never to be shipped'"
        })
public final class DlqCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a subcommand is required: list, show, retry or skip");
    }
}
