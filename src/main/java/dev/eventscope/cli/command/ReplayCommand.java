package dev.eventscope.cli.command;

import dev.eventscope.cli.console.ProgressBars;
import dev.eventscope.cli.render.Csv;
import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.Palette;
import dev.eventscope.cli.render.Table;
import dev.eventscope.engine.FoldService;
import dev.eventscope.event.Json;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.replay.Replayer;
import dev.eventscope.replay.TimeMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs replay}: every aggregate's state at a cut. */
@Command(
        name = "replay",
        description = {
            "The state of every aggregate (of a type) at a cut, one per line, sorted by type and id.",
            "Only aggregates with at least one event inside the cut are listed. One read in position order;"
                    + " memory holds one state per aggregate.",
            "Each aggregate starts from its newest snapshot made under the current model inside the cut (its"
                    + " earlier events are read but not folded again); aggregates that folded more events than"
                    + " their snapshotEvery get a new snapshot afterwards."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs replay --aggregate-type Order",
            "  evs replay --aggregate-type Order --at 2024-01-20T00:00:00Z -o ndjson",
            "  evs replay --as-of 2024-01-18T00:00:00Z -o csv",
            "  evs replay --position 200 -o json",
            "  evs replay --aggregate-type Order --no-snapshot-write"
        })
public final class ReplayCommand extends BaseCommand implements Paged {

    @Option(
            names = "--aggregate-type",
            paramLabel = "TYPE",
            description = "Only aggregates of this type (default: every type the model has).")
    String aggregateType;

    @Mixin
    CutOptions cutOptions;

    @Mixin
    Output.Lists output;

    @Mixin
    SnapshotOptions snapshotOptions;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        var options = new FoldService.ReplayOptions(
                aggregateType, cutOptions.spec(null), snapshotOptions.use(), ProgressBars.of(main().quiet()));
        engine().folds().checkCut(options.cut());
        Table table = format == OutputFormat.TABLE
                ? new Table(
                                out(),
                                new String[] {"AGGREGATE_TYPE", "AGGREGATE_ID", ">VERSION", ">POSITION", "STATE"},
                                new int[] {32, 40, 0, 0, 100})
                        .colors(
                                main().palette(),
                                Palette.Role.AGGREGATE,
                                Palette.Role.AGGREGATE,
                                null,
                                Palette.Role.POSITION)
                : null;
        if (format == OutputFormat.CSV) {
            Csv.row(out(), "aggregateType", "aggregateId", "version", "position", "state");
        }
        JsonOut.Array array = format == OutputFormat.JSON ? JsonOut.array(out()) : null;
        TimeMachine.ReplayResult result = engine().folds().replay(options, s -> {
            switch (format) {
                case TABLE:
                    table.row(
                            s.stream().aggregateType(),
                            s.stream().aggregateId(),
                            s.version(),
                            s.position(),
                            Json.write(s.state()));
                    break;
                case CSV:
                    Csv.row(
                            out(),
                            s.stream().aggregateType(),
                            s.stream().aggregateId(),
                            s.version(),
                            s.position(),
                            Json.write(s.state()));
                    break;
                case JSON:
                    array.add(s.json());
                    break;
                default:
                    JsonOut.line(out(), s.json());
            }
        });
        if (table != null) {
            table.close();
        } else if (array != null) {
            array.close();
        }
        out().flush();
        report(result);
        return 0;
    }

    private void report(TimeMachine.ReplayResult result) {
        Replayer.Summary summary = result.summary();
        String snapshots = "";
        if (result.fromSnapshots() > 0 || !result.written().snapshots().isEmpty()) {
            snapshots = "; " + result.fromSnapshots() + " started from a snapshot, "
                    + result.written().snapshots().size() + " snapshot"
                    + (result.written().snapshots().size() == 1 ? "" : "s") + " written";
        }
        note("replayed " + summary.aggregates() + " aggregate" + (summary.aggregates() == 1 ? "" : "s") + " ("
                + summary.events() + " events) at " + summary.cut().asOptions() + snapshots);
        if (result.written().problem() != null) {
            note("warning: no snapshot written: " + result.written().problem());
        }
        if (!summary.skippedTypes().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Long> e : summary.skippedTypes().entrySet()) {
                parts.add(e.getKey() + " (" + e.getValue() + ")");
            }
            note("skipped events of aggregate types the model has no rules for: " + String.join(", ", parts));
        }
        if (summary.outOfOrderCount() > 0) {
            List<String> names = new ArrayList<>();
            for (StreamId id : summary.outOfOrder()) {
                names.add(id.toString());
            }
            note("warning: " + summary.outOfOrderCount() + " stream"
                    + (summary.outOfOrderCount() == 1 ? " has" : "s have")
                    + " events whose timestamps are out of order with their versions; folded exactly those with"
                    + " timestamp <= " + Times.format(summary.cut().validTime()) + ", in version order: "
                    + String.join(", ", names) + (summary.outOfOrderCount() > names.size() ? ", ..." : ""));
        }
    }
}
