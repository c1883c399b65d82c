package dev.eventscope.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's correlations ranked: the slowest (longest span from first to last event) and the
 * deepest (longest causal chain).
 *
 * @param events how many events with a correlationId were read
 * @param correlations how many correlations they form
 * @param slowest by span, longest first (ties: more depth, then correlationId)
 * @param deepest by depth, deepest first (ties: longer span, then correlationId)
 */
public record CorrelationRanking(
        long events, long correlations, List<CorrelationStats> slowest, List<CorrelationStats> deepest) {

    public CorrelationRanking {
        slowest = List.copyOf(slowest);
        deepest = List.copyOf(deepest);
    }

    /** The public JSON shape ({@code trace --summary --all -o json}): both rankings in one document. */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("events", events);
        o.put("correlations", correlations);
        ArrayNode slow = o.putArray("slowest");
        slowest.forEach(s -> slow.add(s.json()));
        ArrayNode deep = o.putArray("deepest");
        deepest.forEach(s -> deep.add(s.json()));
        return o;
    }

    /**
     * The public JSON lines ({@code -o ndjson}): one per ranked correlation, {@code ranking} saying
     * which list ({@code slowest}, {@code deepest}) and {@code rank} where in it.
     */
    public List<ObjectNode> lines() {
        List<ObjectNode> lines = new ArrayList<>();
        lines("slowest", slowest, lines);
        lines("deepest", deepest, lines);
        return lines;
    }

    private static void lines(String name, List<CorrelationStats> list, List<ObjectNode> out) {
        int rank = 1;
        for (CorrelationStats s : list) {
            ObjectNode o = Json.object();
            o.put("ranking", name);
            o.put("rank", rank++);
            o.setAll(s.json());
            out.add(o);
        }
    }
}
