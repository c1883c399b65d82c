package dev.eventscope.cli.command;

import dev.eventscope.cli.render.Csv;
import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.Table;
import dev.eventscope.cli.shell.Completes;
import dev.eventscope.cli.shell.LiveValues;
import dev.eventscope.engine.FoldService;
import dev.eventscope.event.Json;
import dev.eventscope.event.Times;
import dev.eventscope.replay.Bisector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs bisect ID --when EXPR}: the first event after which a condition on the state holds. */
@Command(
        name = "bisect",
        description = {
            "The first event after which a JSLT condition on the state holds, with the state before and after it.",
            "The condition sees $state (the state after the event) and the event as . and $event; it must give"
                    + " true or false. With --all: the first such event for every aggregate of a type."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs bisect order-0007 --when '$state.status == \"SHIPPED\"'",
            "  evs bisect case-891 --when '$state.stopAdviceDrafted'",
            "  evs bisect S45359 --when '$state.outstanding > 50'",
            "  evs bisect --all --aggregate-type Fine --when '$state.status == \"PAID\"'"
        })
public final class BisectCommand extends BaseCommand {

    @Completes(LiveValues.Kind.AGGREGATE_ID)
    @Parameters(paramLabel = "ID", arity = "0..1", description = "The aggregate id (not with --all).")
    String id;

    @Option(names = "--aggregate-type", paramLabel = "TYPE", description = "The aggregate type.")
    String aggregateType;

    @Option(names = "--when", paramLabel = "EXPR", required = true, description = "The condition (JSLT).")
    String when;

    @Option(names = "--all", description = "Every aggregate of --aggregate-type.")
    boolean all;

    @Mixin
    CutOptions cutOptions;

    @Mixin
    VersionOption versionOption;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "One aggregate: json (default), ndjson or table; with --all: table (default), ndjson or csv.")
    String format;

    @Override
    public Integer call() {
        var options = new FoldService.BisectOptions(id, aggregateType, when, cutOptions.spec(versionOption.version));
        if (all) {
            return all(options);
        }
        OutputFormat f = OutputFormat.parse(
                format, OutputFormat.JSON, OutputFormat.JSON, OutputFormat.NDJSON, OutputFormat.TABLE);
        Bisector.Result r = engine().folds().bisect(options);
        switch (f) {
            case NDJSON:
                JsonOut.line(out(), r.json(true));
                break;
            case TABLE:
                out().println("aggregate  " + r.stream());
                out().println("when       " + r.condition());
                if (!r.found()) {
                    out().println("found      no (never holds in " + r.examined() + " events, "
                            + r.cut().asOptions() + ")");
                } else if (r.fromStart()) {
                    out().println("found      already on the initial state");
                } else {
                    out().println("found      after position " + r.event().position() + ", version "
                            + r.event().streamVersion() + ": " + r.event().eventType() + " at "
                            + Times.format(r.event().timestamp()));
                    out().println("before     " + Json.write(r.before().state()));
                    out().println("after      " + Json.write(r.after().state()));
                }
                break;
            default:
                JsonOut.pretty(out(), r.json(true));
        }
        if (!r.found()) {
            note("the condition never holds for " + r.stream() + " within "
                    + r.cut().asOptions());
        }
        return 0;
    }

    private int all(FoldService.BisectOptions options) {
        OutputFormat f = OutputFormat.parse(
                format, OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.NDJSON, OutputFormat.CSV);
        Table table = f == OutputFormat.TABLE
                ? new Table(
                        out(),
                        new String[] {"AGGREGATE_ID", "FOUND", ">POSITION", ">VER", "TIMESTAMP", "TYPE"},
                        new int[] {48, 0, 0, 0, 0, 40})
                : null;
        boolean[] header = {f == OutputFormat.CSV};
        long n = engine().folds().bisectAll(options, r -> {
            String found = !r.found() ? "no" : r.fromStart() ? "initial" : "yes";
            Object pos = r.event() == null ? null : r.event().position();
            Object ver = r.event() == null ? null : r.event().streamVersion();
            String time = r.event() == null ? null : Times.format(r.event().timestamp());
            String type = r.event() == null ? null : r.event().eventType();
            if (table != null) {
                table.row(r.stream().aggregateId(), found, pos, ver, time, type);
            } else if (f == OutputFormat.CSV) {
                csvHeader(header);
                Csv.row(out(), r.stream().aggregateType(), r.stream().aggregateId(), found, pos, ver, time, type);
            } else {
                JsonOut.line(out(), r.json(false));
            }
        });
        csvHeader(header);
        if (table != null) {
            table.close();
        }
        note("bisected " + n + " aggregate" + (n == 1 ? "" : "s") + " of " + aggregateType);
        return 0;
    }

    /** The CSV header, once, when the first row is ready (or at the end): nothing before a failed check. */
    private void csvHeader(boolean[] pending) {
        if (pending[0]) {
            pending[0] = false;
            Csv.row(out(), "aggregateType", "aggregateId", "found", "position", "version", "timestamp", "eventType");
        }
    }
}
