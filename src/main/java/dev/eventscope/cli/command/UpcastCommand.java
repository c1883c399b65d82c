package dev.eventscope.cli.command;

import dev.eventscope.error.UsageException;
import picocli.CommandLine.Command;

/** {@code evs upcast check|show|migrate}: the upcaster chain over the stored events. */
@Command(
        name = "upcast",
        description = {
            "Upcasters (the model's 'upcasters:') turn stored events of an older schema version into the latest one"
                    + " when they are read, by every command; the stored events never change.",
            "check proves every stored event still upcasts and validates against the latest schema (for CI),"
                    + " show previews the chain on one event, migrate copies the store into a new file with every"
                    + " event upcast.",
            ""
        },
        subcommands = {UpcastCheckCommand.class, UpcastShowCommand.class, UpcastMigrateCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs upcast check                       # exit 1 when an event fails",
            "  evs upcast show 42",
            "  evs upcast migrate --to migrated.db --dry-run"
        })
public final class UpcastCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw new UsageException("upcast needs a subcommand: check, show or migrate", "see 'evs upcast --help'");
    }
}
