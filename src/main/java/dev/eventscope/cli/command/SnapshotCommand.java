package dev.eventscope.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/** {@code evs snapshot create|list|prune|verify}: manage snapshots of aggregate states. */
@Command(
        name = "snapshot",
        description = {
            "Manage snapshots: an aggregate's state after its first N events, stored in the store file so that"
                    + " state and replay fold only the events after it.",
            "Every snapshot carries a fingerprint of the rules that folded it (initial state, reducers, upcasters,"
                    + " a plugin's version). One made under other rules is never used: editing a reducer can"
                    + " never give a stale answer. A fold uses the newest snapshot inside its cut; for --at only"
                    + " one whose events all happened by then.",
            "state and replay write snapshots themselves when the model says 'snapshotEvery: N' for an aggregate"
                    + " and they folded more than N events past the snapshot they started from"
                    + " (--no-snapshot-write: never; --no-snapshot: neither use nor write).",
            ""
        },
        subcommands = {
            SnapshotCreateCommand.class,
            SnapshotListCommand.class,
            SnapshotPruneCommand.class,
            SnapshotVerifyCommand.class
        },
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs snapshot create order-0007",
            "  evs snapshot create --all",
            "  evs snapshot list order-0007",
            "  evs snapshot prune --stale --keep 3",
            "  evs snapshot verify --all"
        })
public final class SnapshotCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "snapshot needs a command: create, list, prune or verify");
    }
}
