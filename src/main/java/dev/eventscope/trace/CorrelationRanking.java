package dev.eventscope.trace;

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
}
