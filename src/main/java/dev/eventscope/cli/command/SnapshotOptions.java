package dev.eventscope.cli.command;

import dev.eventscope.snapshot.Policy;
import picocli.CommandLine.Option;

/** {@code --no-snapshot} and {@code --no-snapshot-write} of the commands that fold. */
final class SnapshotOptions {

    @Option(names = "--no-snapshot", description = "Fold from the first event: use no snapshot, and write none.")
    boolean noSnapshot;

    @Option(
            names = "--no-snapshot-write",
            description = "Use snapshots but never write one (stay read-only), even when the model's snapshotEvery"
                    + " asks for it.")
    boolean noWrite;

    /** The policy these options ask for; {@code forcedOffBy} names another option that turns reading off. */
    Policy policy(String forcedOffBy) {
        if (noSnapshot) {
            return new Policy("--no-snapshot", false);
        }
        if (forcedOffBy != null) {
            return new Policy(forcedOffBy, false);
        }
        return new Policy(null, !noWrite);
    }
}
