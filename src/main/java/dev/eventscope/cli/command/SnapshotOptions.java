package dev.eventscope.cli.command;

import dev.eventscope.engine.SnapshotUse;
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

    /** How these options let a fold use snapshots. */
    SnapshotUse use() {
        return noSnapshot ? SnapshotUse.NONE : noWrite ? SnapshotUse.READ_ONLY : SnapshotUse.READ_AND_WRITE;
    }
}
