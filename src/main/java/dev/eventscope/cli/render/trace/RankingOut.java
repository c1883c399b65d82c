package dev.eventscope.cli.render.trace;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.Table;
import dev.eventscope.event.Times;
import dev.eventscope.trace.CorrelationRanking;
import dev.eventscope.trace.CorrelationStats;
import dev.eventscope.trace.Durations;
import java.io.PrintWriter;
import java.util.List;

/** The slowest and deepest correlations of a store, as tables, one JSON document or JSON lines. */
public final class RankingOut {

    private RankingOut() {}

    public static void table(PrintWriter out, CorrelationRanking ranking) {
        out.println("slowest correlations (longest span from first to last event)");
        rows(out, ranking.slowest());
        out.println();
        out.println("deepest correlations (longest causal chain)");
        rows(out, ranking.deepest());
        out.println();
        out.println(ranking.correlations() + " correlations, " + ranking.events()
                + " events (events without a correlationId are not counted)");
    }

    private static void rows(PrintWriter out, List<CorrelationStats> list) {
        try (Table table = new Table(
                out,
                new String[] {
                    ">RANK",
                    "CORRELATION",
                    ">EVENTS",
                    ">DEPTH",
                    ">SPAN",
                    "FIRST",
                    "LAST",
                    ">AGGREGATES",
                    ">USERS",
                    "AGGREGATE_TYPES",
                    "NOTE"
                },
                new int[] {0, 48, 0, 0, 0, 0, 0, 0, 0, 48, 40})) {
            int rank = 1;
            for (CorrelationStats s : list) {
                table.row(
                        rank++,
                        s.correlationId(),
                        s.events(),
                        s.depth(),
                        Durations.span(s.span()),
                        Times.format(s.first()),
                        Times.format(s.last()),
                        s.aggregates(),
                        s.users(),
                        String.join(", ", s.aggregateTypes()),
                        s.unreachable() > 0 ? s.unreachable() + " events in causation cycles" : "");
            }
        }
    }

    public static void json(PrintWriter out, CorrelationRanking ranking) {
        JsonOut.pretty(out, ranking.json());
    }

    /** One line per ranked correlation, {@code ranking} saying which list and {@code rank} where. */
    public static void ndjson(PrintWriter out, CorrelationRanking ranking) {
        ranking.lines().forEach(o -> JsonOut.line(out, o));
    }
}
