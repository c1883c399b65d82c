package dev.eventscope.stats;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One metric for the Prometheus text format: a name (prefixed {@code eventscope_}), its help text,
 * its type, and one sample per label set.
 */
public record Metric(String name, String help, Type type, List<Sample> samples) {

    /** The Prometheus metric types used here. */
    public enum Type {
        GAUGE,
        COUNTER
    }

    /** One value, with its labels (empty for none). */
    public record Sample(Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }

    public Metric {
        Objects.requireNonNull(help);
        Objects.requireNonNull(type);
        if (!name.matches("eventscope_[a-z0-9_]+")) {
            throw new IllegalArgumentException("a metric name is eventscope_ and [a-z0-9_], got " + name);
        }
        samples = List.copyOf(samples);
    }

    /** A metric with one unlabelled sample. */
    public static Metric of(String name, String help, Type type, double value) {
        return new Metric(name, help, type, List.of(new Sample(Map.of(), value)));
    }
}
