package dev.eventscope.cli.render.trace;

import static dev.eventscope.cli.render.trace.TraceSamples.render;
import static dev.eventscope.trace.TraceStore.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceOptions;
import dev.eventscope.trace.TraceStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceJsonTest {

    /** A reader for documents nested deeper than Jackson's default allows. */
    static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(100_000).build())
            .build());

    @TempDir
    Path dir;

    static JsonNode document(Trace t, boolean summaryOnly) throws Exception {
        return READER.readTree(render(out -> t.json(out, summaryOnly, true)));
    }

    static List<Long> positions(JsonNode events) {
        List<Long> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("position").asLong()));
        return out;
    }

    @Nested
    class when_writing_one_nested_document {

        @Test
        void causes_hold_their_events_and_events_hold_what_they_caused() throws Exception {
            // given
            Trace t = TraceSamples.order(dir);
            // when
            JsonNode doc = document(t, false);
            // then
            assertThat(doc.get("entry").get("kind").asText()).isEqualTo("correlationId");
            assertThat(doc.get("scope").asText()).isEqualTo("correlation");
            JsonNode command = doc.get("causes").get(0);
            assertThat(command.get("causationId").asText()).isEqualTo("cmd-place-1");
            assertThat(command.get("kind").asText()).isEqualTo("command");
            JsonNode placed = command.get("events").get(0);
            assertThat(placed.get("position").asLong()).isEqualTo(1);
            JsonNode paid = placed.get("children").get(0);
            assertThat(paid.get("delay").asText()).isEqualTo("PT1M");
            assertThat(paid.get("depth").asInt()).isEqualTo(2);
            assertThat(positions(paid.get("children"))).containsExactly(4L, 3L);
            assertThat(positions(paid.get("children").get(1).get("children"))).containsExactly(5L);
            assertThat(doc.get("causes").get(1).get("kind").asText()).isEqualTo("missing");
            assertThat(doc.get("missingCauses").get(0).get("causationId").asText())
                    .isEqualTo(id(999));
            assertThat(doc.get("effectsOutside").get(0).get("correlationId").asText())
                    .isEqualTo("req-9");
            JsonNode summary = doc.get("summary");
            assertThat(summary.get("events").asInt()).isEqualTo(6);
            assertThat(summary.get("span").asText()).isEqualTo("PT25H");
            assertThat(summary.get("criticalPath").get("events")).hasSize(4);
            assertThat(doc.get("limits")).isEmpty();
        }

        @Test
        void the_summary_alone_leaves_the_events_out() throws Exception {
            // given
            Trace t = TraceSamples.order(dir);
            // when
            JsonNode doc = document(t, true);
            // then
            assertThat(doc.has("causes")).isFalse();
            assertThat(doc.get("summary").get("depth").asInt()).isEqualTo(4);
        }

        @Test
        void a_cycle_is_written_once_without_its_closing_edge() throws Exception {
            // given
            Trace t = TraceSamples.cycle(dir);
            // when
            JsonNode doc = document(t, false);
            // then
            JsonNode cycle = doc.get("causes").get(1);
            assertThat(cycle.get("kind").asText()).isEqualTo("cycle");
            assertThat(cycle.get("cycle")).hasSize(2);
            JsonNode ping = cycle.get("events").get(0);
            assertThat(ping.get("depth").isNull()).isTrue();
            assertThat(positions(ping.get("children"))).containsExactly(3L);
            assertThat(positions(ping.get("children").get(0).get("children"))).containsExactly(4L);
            assertThat(doc.get("unreachable")).hasSize(3);
        }

        @Test
        void a_chain_thousands_of_events_deep_nests_without_failing() throws Exception {
            // given
            int n = 3_000;
            Trace t;
            try (TraceStore s = TraceStore.create(dir)) {
                for (int i = 1; i <= n; i++) {
                    s.event(i, "Step").causedBy(i == 1 ? "cmd" : id(i - 1)).add();
                }
                t = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            }
            // when
            JsonNode node =
                    document(t, false).get("causes").get(0).get("events").get(0);
            // then
            int depth = 1;
            while (!node.get("children").isEmpty()) {
                node = node.get("children").get(0);
                depth++;
            }
            assertThat(depth).isEqualTo(n);
            assertThat(node.get("depth").asInt()).isEqualTo(n);
        }
    }

    @Nested
    class when_writing_one_line_per_event {

        @Test
        void each_row_follows_its_parent_one_level_deeper() throws Exception {
            // given
            Trace t = TraceSamples.order(dir);
            // when
            List<String> lines = render(out -> t.jsonLines(out)).lines().toList();
            // then
            assertThat(lines).hasSize(6);
            Map<String, Integer> depthOf = new HashMap<>();
            List<String> links = new ArrayList<>();
            for (String line : lines) {
                JsonNode row = READER.readTree(line);
                links.add(row.get("link").asText());
                if (!row.get("parent").isNull()) {
                    assertThat(depthOf).containsKey(row.get("parent").asText());
                    assertThat(row.get("depth").asInt())
                            .isEqualTo(depthOf.get(row.get("parent").asText()) + 1);
                }
                depthOf.put(row.get("eventId").asText(), row.get("depth").asInt());
            }
            assertThat(links).containsExactly("command", "event", "event", "event", "event", "missing");
        }
    }
}
