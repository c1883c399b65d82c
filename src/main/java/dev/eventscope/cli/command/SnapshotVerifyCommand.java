package dev.eventscope.cli.command;

import dev.eventscope.cli.render.SnapshotOut;
import dev.eventscope.engine.SnapshotService;
import dev.eventscope.snapshot.SnapshotCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs snapshot verify [ID|--all]}: compare snapshots with a fold from the first event. */
@Command(
        name = "verify",
        description = {
            "Fold each aggregate that has snapshots from its first event, without snapshots, and compare every"
                    + " snapshot made under the current model with the fold at its version: state, position,"
                    + " latest timestamp and checksum. Exit 1 if any differs, naming it; 'snapshot prune' or"
                    + " 'snapshot create' replaces it. Snapshots of other models are counted, not checked."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  evs snapshot verify", "  evs snapshot verify order-0007", "  evs snapshot verify --all -o json"})
public final class SnapshotVerifyCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", arity = "0..1", description = "Only this aggregate's snapshots.")
    String id;

    @Option(
            names = "--aggregate-type",
            paramLabel = "TYPE",
            description = "Only aggregates of this type (with ID: the type of that aggregate).")
    String aggregateType;

    @Option(names = "--all", description = "Every snapshot (the default without ID).")
    boolean all;

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        var options = new SnapshotService.VerifyOptions(id, aggregateType, all);
        var format = output.get();
        SnapshotCheck.Result result = engine().snapshots().verify(options);
        SnapshotOut.verified(out(), format, result);
        out().flush();
        return result.ok() ? 0 : 1;
    }
}
