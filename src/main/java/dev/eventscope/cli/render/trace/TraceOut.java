package dev.eventscope.cli.render.trace;

import dev.eventscope.error.UsageException;
import dev.eventscope.trace.CorrelationRanking;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.draw.TraceHtml;
import dev.eventscope.trace.draw.TraceSvg;
import java.io.PrintWriter;

/** Writes a trace, or a ranking of correlations, in the format asked for. */
public final class TraceOut {

    /**
     * How to draw for people.
     *
     * @param summaryOnly only the summary, without the events
     * @param ascii plain ASCII instead of box-drawing characters
     * @param color ANSI colour
     * @param compact single effects straight below their cause
     */
    public record Look(boolean summaryOnly, boolean ascii, boolean color, boolean compact) {}

    private TraceOut() {}

    /** Fails as a usage error when {@code format} cannot show what {@code look} asks for. */
    public static void check(TraceFormat format, Look look) {
        if (look.summaryOnly()
                && (format == TraceFormat.DOT
                        || format == TraceFormat.MERMAID
                        || format == TraceFormat.SVG
                        || format == TraceFormat.HTML)) {
            throw new UsageException(
                    "--summary has no " + format.label() + " form", "use -o tree, table, json or ndjson");
        }
    }

    public static void trace(PrintWriter out, Trace trace, TraceFormat format, Look look) {
        check(format, look);
        boolean summary = look.summaryOnly();
        switch (format) {
            case JSON:
                trace.json(out, summary, true);
                break;
            case NDJSON:
                if (summary) {
                    trace.json(out, true, false);
                } else {
                    trace.jsonLines(out);
                }
                break;
            case DOT:
                TraceDot.print(out, trace);
                break;
            case MERMAID:
                TraceMermaid.print(out, trace);
                break;
            case SVG:
                out.print(TraceSvg.document(trace));
                break;
            case HTML:
                out.print(TraceHtml.page(trace));
                break;
            case TABLE:
                if (!summary) {
                    TraceTable.print(out, trace);
                    break;
                }
                new TraceSummaryText(out, look.ascii(), look.color()).print(trace);
                break;
            default:
                if (summary) {
                    new TraceSummaryText(out, look.ascii(), look.color()).print(trace);
                } else {
                    new TraceTree(out, look.ascii(), look.color(), look.compact()).print(trace);
                }
        }
    }

    /** A ranking as tables (the default), one JSON document, or JSON lines. */
    public static void ranking(PrintWriter out, CorrelationRanking ranking, TraceFormat format) {
        if (format == TraceFormat.JSON) {
            RankingOut.json(out, ranking);
        } else if (format == TraceFormat.NDJSON) {
            RankingOut.ndjson(out, ranking);
        } else {
            RankingOut.table(out, ranking);
        }
    }
}
