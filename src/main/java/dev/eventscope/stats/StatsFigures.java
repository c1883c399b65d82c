package dev.eventscope.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The figures of one section: as JSON (the contract of {@code stats -o json}; keys name their unit
 * by suffix: {@code ...Bytes}, {@code ...Seconds}, {@code ...PerSecond}, times are ISO strings),
 * and as metrics for Prometheus.
 *
 * @param title a heading for people
 */
public record StatsFigures(String name, String title, ObjectNode json, List<Metric> metrics) {

    public StatsFigures {
        metrics = List.copyOf(metrics);
    }
}
