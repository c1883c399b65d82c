package dev.eventscope.cli.command;

import dev.eventscope.cli.render.SnapshotOut;
import dev.eventscope.engine.SnapshotService;
import dev.eventscope.snapshot.SnapshotCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs snapshot prune [--keep N] [--stale]}: delete snapshots no longer wanted. */
@Command(
        name = "prune",
        description = {
            "Delete snapshots: --stale those made under other rules than the current model's (they are never"
                    + " used again), --keep N all but the N newest of each aggregate (per fingerprint). Lists what"
                    + " was deleted. Snapshots are derived data: deleting one only makes the next fold longer."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs snapshot prune --stale",
            "  evs snapshot prune --keep 2",
            "  evs snapshot prune --stale --keep 1 --dry-run"
        })
public final class SnapshotPruneCommand extends BaseCommand {

    @Option(names = "--keep", paramLabel = "N", description = "Keep the N newest snapshots of each aggregate.")
    Integer keep;

    @Option(names = "--stale", description = "Delete every snapshot made under other rules (needs the model).")
    boolean stale;

    @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
    boolean dryRun;

    @Mixin
    Output.Lists output;

    @Override
    public Integer call() {
        var format = output.get();
        SnapshotCatalog.PruneResult result =
                engine().snapshots().prune(new SnapshotService.PruneOptions(keep, stale, dryRun));
        SnapshotOut.pruned(out(), format, result.pruned());
        out().flush();
        note((dryRun ? "would prune " : "pruned ")
                + SnapshotOut.count(result.pruned().size()) + "; " + result.kept() + " kept");
        return 0;
    }
}
