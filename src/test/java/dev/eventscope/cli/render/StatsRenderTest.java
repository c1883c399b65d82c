package dev.eventscope.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.stats.Metric;
import dev.eventscope.stats.StatsFigures;
import dev.eventscope.stats.StatsReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsRenderTest {

    static StatsReport report() {
        ObjectNode o = Json.object();
        o.put("lastMinutePerSecond", 2.5);
        o.put("fileBytes", 2048);
        o.put("p99Seconds", 90);
        o.putArray("types").addObject().put("eventType", "Order\"Placed\"\n").put("events", 3);
        Metric m = new Metric(
                "eventscope_event_type_events",
                "Events of each event type.",
                Metric.Type.GAUGE,
                List.of(new Metric.Sample(Map.of("event_type", "Order\"Placed\"\n"), 3)));
        Metric rate = Metric.of("eventscope_rate", "A rate.", Metric.Type.GAUGE, 2.5);
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        return new StatsReport(at, 7, at, 7, List.of(new StatsFigures("demo", "Demo", o, List.of(m, rate))));
    }

    @Test
    void prometheus_output_has_help_and_type_lines_and_escaped_label_values() {
        // when
        StringWriter out = new StringWriter();
        PrometheusOut.print(new PrintWriter(out), report());

        // then
        assertThat(out.toString())
                .isEqualTo("# HELP eventscope_event_type_events Events of each event type.\n"
                        + "# TYPE eventscope_event_type_events gauge\n"
                        + "eventscope_event_type_events{event_type=\"Order\\\"Placed\\\"\\n\"} 3\n"
                        + "# HELP eventscope_rate A rate.\n"
                        + "# TYPE eventscope_rate gauge\n"
                        + "eventscope_rate 2.5\n");
    }

    @Test
    void text_output_names_units_by_the_key_suffix_and_escapes_names() {
        // when
        StringWriter out = new StringWriter();
        new StatsText(new PrintWriter(out), Palette.PLAIN, 80).print(report());

        // then
        assertThat(out.toString())
                .contains("last minute  2.500/s")
                .contains("file         2.0 KiB (2,048)")
                .contains("p99          1 min 30 s")
                .contains("Order\"Placed\"\\n");
    }

    @Test
    void a_sparkline_scales_to_the_largest_value_and_shows_idle_as_blank() {
        assertThat(Sparkline.of(new long[] {0, 1, 4, 8}, 10)).isEqualTo(" ▁▄█");
        assertThat(Sparkline.of(new long[] {5, 0, 8}, 2)).isEqualTo(" █");
    }

    @Test
    void a_top_frame_starts_with_the_title_and_is_cut_to_the_screen_height() {
        // when
        List<String> lines = TopFrame.lines("events.db", report(), new long[] {0, 2, 4}, 80, 5, Palette.PLAIN);

        // then
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("evs top  events.db  2024-01-01T00:00:00Z  head 7");
        assertThat(lines.get(1)).startsWith("events/s ▕ ▄█").contains("now 4").contains("max 4");
    }
}
