package dev.eventscope.cli.render.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.Table;
import dev.eventscope.event.Json;
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
        ObjectNode o = Json.object();
        o.put("events", ranking.events());
        o.put("correlations", ranking.correlations());
        ArrayNode slowest = o.putArray("slowest");
        ranking.slowest().forEach(s -> slowest.add(node(s)));
        ArrayNode deepest = o.putArray("deepest");
        ranking.deepest().forEach(s -> deepest.add(node(s)));
        JsonOut.pretty(out, o);
    }

    /** One line per ranked correlation, {@code ranking} saying which list and {@code rank} where. */
    public static void ndjson(PrintWriter out, CorrelationRanking ranking) {
        lines(out, "slowest", ranking.slowest());
        lines(out, "deepest", ranking.deepest());
    }

    private static void lines(PrintWriter out, String name, List<CorrelationStats> list) {
        int rank = 1;
        for (CorrelationStats s : list) {
            ObjectNode o = Json.object();
            o.put("ranking", name);
            o.put("rank", rank++);
            o.setAll(node(s));
            JsonOut.line(out, o);
        }
    }

    private static ObjectNode node(CorrelationStats s) {
        ObjectNode o = Json.object();
        o.put("correlationId", s.correlationId());
        o.put("events", s.events());
        o.put("depth", s.depth());
        o.put("span", s.span().toString());
        o.put("first", Times.format(s.first()));
        o.put("last", Times.format(s.last()));
        o.put("aggregates", s.aggregates());
        ArrayNode types = o.putArray("aggregateTypes");
        s.aggregateTypes().forEach(types::add);
        o.put("users", s.users());
        o.put("roots", s.roots());
        o.put("unreachable", s.unreachable());
        return o;
    }
}
