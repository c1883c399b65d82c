package dev.eventscope.cli.command;

import dev.eventscope.cli.render.trace.TraceFormat;
import dev.eventscope.cli.render.trace.TraceOut;
import dev.eventscope.engine.TraceService;
import dev.eventscope.error.UsageException;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs trace ID}: the correlation and causation graph around an event. */
@Command(
        name = "trace",
        description = {
            "Trace correlation and causation: the events that caused each other around ID, as a tree or graph.",
            "ID is a position (a number), an eventId, a correlationId, or a causationId that is not an event"
                    + " (a command id), tried in that order. From an event, the trace covers its correlation.",
            "An edge A -> B means B's causationId is A's eventId. Events whose cause is not an event of the"
                    + " trace are roots, grouped under that cause: a command, a missing event (a broken link), or"
                    + " an event outside the trace. Cycles are reported, never followed.",
            "In the tree, a line without a branch is the only event caused by the line above it.",
            "A trace reads only its own events, through the correlation and causation indexes;"
                    + " --summary --all reads the whole store.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs trace req-5c2102a9                   # a whole correlation",
            "  evs trace 292 --up                       # the causes of event 292",
            "  evs trace e5397f62-d39d-4e18-b6c6-2a2147ce4661 --down",
            "  evs trace cmd-place-order-0007 -o table  # from a command id",
            "  evs trace req-5c2102a9 -o svg > trace.svg  # a drawing; -o html: a page",
            "  evs trace req-5c2102a9 -o dot | dot -Tpng > trace.png  # Graphviz",
            "  evs trace req-5c2102a9 -o mermaid        # for a ```mermaid block",
            "  evs trace 28 --follow-causation -o json",
            "  evs trace --summary --all --limit 5      # slowest, deepest correlations"
        })
public final class TraceCommand extends BaseCommand implements Paged {

    @Parameters(arity = "0..1", paramLabel = "ID", description = "Position, eventId, correlationId or command id.")
    String id;

    @Option(names = "--up", description = "Only the causes of the event: its causation chain up to the root.")
    boolean up;

    @Option(names = "--down", description = "Only what the event caused, and what that caused, and so on.")
    boolean down;

    @Option(
            names = "--follow-causation",
            description = "Also cross into other correlations reached through causation links.")
    boolean follow;

    @Option(
            names = "--max-events",
            paramLabel = "N",
            defaultValue = "" + TraceOptions.DEFAULT_MAX_EVENTS,
            description = "Read at most N events; a larger trace is cut and says so (default ${DEFAULT-VALUE}).")
    int maxEvents;

    @Option(
            names = "--max-correlations",
            paramLabel = "N",
            defaultValue = "" + TraceOptions.DEFAULT_MAX_CORRELATIONS,
            description = "With --follow-causation: read at most N correlations (default ${DEFAULT-VALUE}).")
    int maxCorrelations;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "tree (default), json (nested), ndjson or table (one row per event with depth and parent),"
                    + " svg (a drawing of the causation graph: critical path, delays, broken links and cycles"
                    + " marked), html (one self-contained page: summary, drawing, events), dot (Graphviz) or"
                    + " mermaid. With --all: table (default), json or ndjson.")
    String format;

    @Option(names = "--raw", description = "Show events as stored, without the model's upcasters.")
    boolean raw;

    @Option(names = "--ascii", description = "Draw the tree with plain ASCII characters.")
    boolean ascii;

    @Option(names = "--no-compact", description = "Indent every generation, also in chains of single effects.")
    boolean noCompact;

    @Option(names = "--summary", description = "Only the summary: events, aggregates, users, depth, span, path.")
    boolean summary;

    @Option(
            names = "--all",
            description = "With --summary: rank every correlation of the store by span and by depth."
                    + " Reads the whole store once.")
    boolean all;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "10",
            description = "With --all: how many correlations each ranking lists (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (maxEvents < 1 || maxCorrelations < 1 || limit < 1) {
            throw new UsageException("--max-events, --max-correlations and --limit must be 1 or more");
        }
        if (all) {
            if (id != null || up || down || follow) {
                throw new UsageException("--all ranks every correlation; it takes no ID, --up, --down or --follow");
            }
            TraceFormat f = TraceFormat.parse(
                    format, TraceFormat.TABLE, TraceFormat.TABLE, TraceFormat.JSON, TraceFormat.NDJSON);
            TraceOut.ranking(out(), engine().traces().rank(limit), f);
            return 0;
        }
        if (id == null) {
            throw new UsageException("trace needs an ID", "pass an eventId, a position, a correlationId, or --all");
        }
        TraceFormat f = TraceFormat.parse(format, TraceFormat.TREE, TraceFormat.values());
        var look = new TraceOut.Look(summary, ascii, main().color(), !noCompact);
        TraceOut.check(f, look);
        var options =
                TraceOptions.DEFAULT.withDirection(up, down).following(follow).withLimits(maxEvents, maxCorrelations);
        Trace trace = engine().traces().trace(new TraceService.TraceRequest(id, options, raw));
        TraceOut.trace(out(), trace, f, look);
        trace.limits().forEach(l -> note("evs: warning: the trace is incomplete: " + l));
        return 0;
    }
}
