package dev.eventscope.cli.command;

import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.StateOut;
import dev.eventscope.cli.shell.Completes;
import dev.eventscope.cli.shell.LiveValues;
import dev.eventscope.engine.FoldService;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.TimeMachine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs state ID}: one aggregate's state at a cut. */
@Command(
        name = "state",
        description = {
            "The state of one aggregate at a cut, folded with the reducers of the model (eventscope.yaml).",
            "Prints the aggregate, the version reached, the highest position included, the cut as resolved"
                    + " (ask again with the same --position for the same answer) and the state.",
            "The fold starts from the newest snapshot made under the current model inside the cut, if any; when"
                    + " it applied more events than the aggregate's snapshotEvery, it writes a new snapshot"
                    + " afterwards (see 'evs snapshot --help')."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs state order-0007",
            "  evs state order-0007 --at 2024-01-16T12:00:00Z",
            "  evs state order-0007 --version 1 --explain",
            "  evs state order-0007 --at 2024-01-20T00:00:00Z --as-of 2024-01-18T00:00:00Z",
            "  evs state order-0007 --trace-state",
            "  evs state order-0007 --explain --no-snapshot",
            "  evs --tz Europe/Amsterdam state case-3998 --at 2010-11-02T14:38:23"
        })
public final class StateCommand extends BaseCommand {

    @Completes(LiveValues.Kind.AGGREGATE_ID)
    @Parameters(paramLabel = "ID", description = "The aggregate id.")
    String id;

    @Option(
            names = "--aggregate-type",
            paramLabel = "TYPE",
            description = "The aggregate type (needed when several types have this id).")
    String aggregateType;

    @Mixin
    CutOptions cutOptions;

    @Mixin
    VersionOption versionOption;

    @Mixin
    SnapshotOptions snapshotOptions;

    @Option(
            names = "--explain",
            description = "On stderr: which snapshot the fold started from (or why none), the events applied"
                    + " after it, the time taken, and any snapshot written.")
    boolean explain;

    @Option(
            names = "--trace-state",
            description = "Print the state after every event: a timeline (table), or one JSON line per event"
                    + " (-o ndjson).")
    boolean trace;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "json (default), ndjson or table; with --trace-state: table (default), ndjson or json.")
    String format;

    @Override
    public Integer call() {
        TimeMachine.StateResult result = engine().folds()
                .state(new FoldService.StateOptions(
                        id,
                        aggregateType,
                        cutOptions.spec(versionOption.version),
                        explain,
                        trace,
                        snapshotOptions.use()));
        AggregateState state = result.state();
        if (trace) {
            OutputFormat f = OutputFormat.parse(
                    format, OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.NDJSON, OutputFormat.JSON);
            StateOut.trace(out(), state, f, main().palette());
        } else {
            OutputFormat f = OutputFormat.parse(
                    format, OutputFormat.JSON, OutputFormat.JSON, OutputFormat.NDJSON, OutputFormat.TABLE);
            StateOut.state(out(), state, f);
        }
        out().flush();
        if (explain) {
            StateOut.explain(err(), result);
        }
        if (result.written().problem() != null) {
            note("warning: no snapshot written: " + result.written().problem());
        }
        warnOutOfOrder(state);
        return 0;
    }

    private void warnOutOfOrder(AggregateState state) {
        if (state.outOfOrder()) {
            note("warning: " + state.stream() + " has events whose timestamps are out of order with their versions;"
                    + " folded exactly those with timestamp <= "
                    + dev.eventscope.event.Times.format(state.cut().validTime()) + ", in version order");
        }
    }
}
