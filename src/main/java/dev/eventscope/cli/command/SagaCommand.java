package dev.eventscope.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code evs saga}: orchestrated saga instances, worked out from the events. */
@Command(
        name = "saga",
        description = {
            "Orchestrated sagas of the model ('sagas:'): their instances, worked out from the events inside a cut"
                    + " with the same rules and in the same order as 'evs process SAGA' (what it would append but"
                    + " has not yet is kept in memory; nothing is written).",
            "An instance is stuck when it runs, no deadline of it is pending, and nothing has happened to it for"
                    + " longer than the saga's stuckAfter (or --stuck-for); or when a rule failed on it."
        },
        subcommands = {SagaListCommand.class, SagaShowCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs saga list --stuck",
            "  evs saga list fulfilment --at 2024-01-19T12:00:00Z --stuck",
            "  evs saga list review --status stuck --stuck-for 2d -o json",
            "  evs saga show fulfilment order-0042"
        })
public final class SagaCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list or show");
    }
}
