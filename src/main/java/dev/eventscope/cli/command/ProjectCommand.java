package dev.eventscope.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code evs project}: manage read models. */
@Command(
        name = "project",
        description = "Manage projections' read models (tables rm_<name>).",
        subcommands = {ProjectRebuildCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  evs project rebuild orders"})
public final class ProjectCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: rebuild");
    }
}
