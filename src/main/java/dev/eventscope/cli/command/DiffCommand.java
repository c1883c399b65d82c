package dev.eventscope.cli.command;

import dev.eventscope.cli.console.Terminal;
import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.PatchView;
import dev.eventscope.cli.render.Table;
import dev.eventscope.cli.shell.Completes;
import dev.eventscope.cli.shell.LiveValues;
import dev.eventscope.engine.FoldService;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Differ;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs diff ID --from CUT --to CUT}: how one aggregate's state changed between two cuts. */
@Command(
        name = "diff",
        description = {
            "How one aggregate's state changed between two cuts: an RFC 6902 JSON Patch, and the events in"
                    + " between.",
            "A CUT is at:TIME, as-of:TIME, version:N, position:P, latest, or a bare TIME (meaning at:); join two"
                    + " with a comma: at:2024-01-20,as-of:2024-01-25.",
            "In a terminal the patch is shown for people (coloured); elsewhere as JSON (-o json or -o table to"
                    + " choose)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs diff order-0007 --from version:1 --to latest",
            "  evs diff order-0007 --from 2024-01-15T00:00:00Z --to 2024-01-17T00:00:00Z \\",
            "           -o json",
            "  evs diff case-3998 --from at:2010-10-27T00:00:00Z --to latest -o table"
        })
public final class DiffCommand extends BaseCommand {

    @Completes(LiveValues.Kind.AGGREGATE_ID)
    @Parameters(paramLabel = "ID", description = "The aggregate id.")
    String id;

    @Option(names = "--aggregate-type", paramLabel = "TYPE", description = "The aggregate type, if ambiguous.")
    String aggregateType;

    @Option(names = "--from", paramLabel = "CUT", required = true, description = "The earlier cut.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "CUT",
            defaultValue = "latest",
            description = "The later cut (default: latest).")
    String to;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "table (for people; default in a terminal) or json (default elsewhere).")
    String format;

    @Override
    public Integer call() {
        OutputFormat f = OutputFormat.parse(
                format,
                Terminal.stdoutIsTerminal() ? OutputFormat.TABLE : OutputFormat.JSON,
                OutputFormat.TABLE,
                OutputFormat.JSON);
        Differ.Result r = engine().folds().diff(new FoldService.DiffOptions(id, aggregateType, from, to));
        if (f == OutputFormat.JSON) {
            JsonOut.pretty(out(), r.json());
            return 0;
        }
        out().println("diff " + r.stream() + "  from " + describe(r.from()) + "  to " + describe(r.to()));
        PatchView.print(out(), r.patch(), r.from().state(), "  ", main().color());
        events(r.added(), "events in between");
        events(r.removed(), "events folded at --from but not at --to");
        return 0;
    }

    private static String describe(AggregateState s) {
        return "v" + s.version() + " (" + s.cut().asOptions() + ")";
    }

    private void events(List<RecordedEvent> events, String title) {
        if (events.isEmpty()) {
            return;
        }
        out().println(title + " (" + events.size() + "):");
        try (Table table = new Table(
                out(), new String[] {">POSITION", ">VER", "TIMESTAMP", "TYPE", "PAYLOAD"}, new int[] {0, 0, 0, 40, 80
                })) {
            for (RecordedEvent e : events) {
                table.row(
                        e.position(),
                        e.streamVersion(),
                        Times.format(e.timestamp()),
                        e.eventType(),
                        e.payload().text());
            }
        }
    }
}
