package dev.eventscope.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.cli.Terminal;
import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.PatchView;
import dev.eventscope.cli.render.Table;
import dev.eventscope.cli.shell.Completes;
import dev.eventscope.cli.shell.LiveValues;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Cuts;
import dev.eventscope.replay.Differ;
import java.time.Instant;
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
        Cuts cuts = new Cuts(workspace().settings().zone(), Instant.now());
        Differ.Result r = new Differ(workspace().timeMachine())
                .diff(id, aggregateType, cuts.parse("--from", from), cuts.parse("--to", to));
        if (f == OutputFormat.JSON) {
            JsonOut.pretty(out(), json(r));
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

    private static ObjectNode json(Differ.Result r) {
        ObjectNode o = Json.object();
        o.put("aggregateType", r.stream().aggregateType());
        o.put("aggregateId", r.stream().aggregateId());
        o.set("from", side(r.from()));
        o.set("to", side(r.to()));
        o.set("patch", r.patch());
        o.set("events", events(r.added()));
        if (!r.removed().isEmpty()) {
            o.set("eventsOnlyInFrom", events(r.removed()));
        }
        return o;
    }

    private static ObjectNode side(AggregateState s) {
        ObjectNode o = s.json();
        o.remove("aggregateType");
        o.remove("aggregateId");
        return o;
    }

    private static ArrayNode events(List<RecordedEvent> events) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (RecordedEvent e : events) {
            a.add(EventJson.toNode(e, false));
        }
        return a;
    }
}
