package dev.eventscope.cli.render;

import dev.eventscope.stats.Metric;
import dev.eventscope.stats.StatsFigures;
import dev.eventscope.stats.StatsReport;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus text exposition format (version 0.0.4), for node-exporter's textfile collector:
 * {@code # HELP} and {@code # TYPE} lines, then one sample per line. Label values are escaped
 * (backslash, quote, newline) as the format asks.
 */
public final class PrometheusOut {

    private PrometheusOut() {}

    public static void print(PrintWriter out, StatsReport report) {
        for (StatsFigures s : report.sections()) {
            for (Metric m : s.metrics()) {
                out.print("# HELP " + m.name() + " "
                        + m.help().replace("\\", "\\\\").replace("\n", "\\n") + "\n");
                out.print("# TYPE " + m.name() + " " + m.type().name().toLowerCase(java.util.Locale.ROOT) + "\n");
                for (Metric.Sample sample : m.samples()) {
                    out.print(m.name() + labels(sample.labels()) + " " + number(sample.value()) + "\n");
                }
            }
        }
        out.flush();
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (s.length() > 1) {
                s.append(',');
            }
            s.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
        }
        return s.append('}').toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
