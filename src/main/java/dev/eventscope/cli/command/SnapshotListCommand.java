package dev.eventscope.cli.command;

import dev.eventscope.cli.render.SnapshotOut;
import dev.eventscope.snapshot.SnapshotCatalog;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs snapshot list [ID]}: the stored snapshots. */
@Command(
        name = "list",
        description = {
            "The stored snapshots, by aggregate and newest first: stream version and position reached, the latest"
                    + " event timestamp folded (VALID_TIME), the fingerprint of the rules that folded it and"
                    + " whether it is the current model's (CURRENT: yes, no = stale, ? = no model), size and age."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs snapshot list",
            "  evs snapshot list order-0007",
            "  evs snapshot list --aggregate-type Order -o json"
        })
public final class SnapshotListCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", arity = "0..1", description = "Only this aggregate's snapshots.")
    String id;

    @Option(
            names = "--aggregate-type",
            paramLabel = "TYPE",
            description = "Only aggregates of this type (with ID: the type of that aggregate).")
    String aggregateType;

    @Mixin
    Output.Lists output;

    @Override
    public Integer call() {
        var format = output.get();
        List<SnapshotCatalog.Listed> listed = engine().snapshots().list(id, aggregateType);
        SnapshotOut.listed(out(), format, listed, Instant.now());
        out().flush();
        return 0;
    }
}
