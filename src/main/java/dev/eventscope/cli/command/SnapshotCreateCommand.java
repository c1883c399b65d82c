package dev.eventscope.cli.command;

import dev.eventscope.cli.render.SnapshotOut;
import dev.eventscope.engine.SnapshotService;
import dev.eventscope.snapshot.Snapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs snapshot create ID|--aggregate-type T|--all}: fold and store snapshots. */
@Command(
        name = "create",
        description = {
            "Fold aggregates (from their newest usable snapshot) up to a cut and store their states as snapshots:"
                    + " one aggregate, every aggregate of a type, or every aggregate the model has rules for.",
            "Lists the snapshots written. Aggregates that already have a snapshot at the point reached are left"
                    + " as they are. Written in short transactions of their own, so readers and writers carry on."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs snapshot create order-0007",
            "  evs snapshot create order-0007 --version 2",
            "  evs snapshot create --aggregate-type Order --position 400",
            "  evs snapshot create --all --as-of 2024-02-01T00:00:00Z -o ndjson"
        })
public final class SnapshotCreateCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The aggregate id (or --aggregate-type, or --all).")
    String id;

    @Option(
            names = "--aggregate-type",
            paramLabel = "TYPE",
            description = "Every aggregate of this type; with ID, the type of that aggregate.")
    String aggregateType;

    @Option(names = "--all", description = "Every aggregate of every type the model has rules for.")
    boolean all;

    @Mixin
    CutOptions cutOptions;

    @Mixin
    VersionOption versionOption;

    @Mixin
    Output.Lists output;

    @Override
    public Integer call() {
        var options = new SnapshotService.CreateOptions(id, aggregateType, all, cutOptions.spec(versionOption.version));
        var format = output.get();
        Snapshots.CreateResult result = engine().snapshots().create(options);
        SnapshotOut.infos(out(), format, result.created(), null);
        out().flush();
        note("created " + SnapshotOut.count(result.created().size()) + " at "
                + result.cut().asOptions() + " (" + result.upToDate() + " already up to date, " + result.empty()
                + " without events inside the cut)");
        return 0;
    }
}
