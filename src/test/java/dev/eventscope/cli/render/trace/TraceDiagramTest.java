package dev.eventscope.cli.render.trace;

import static dev.eventscope.cli.render.trace.TraceSamples.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.cli.render.trace.DiagramParsers.Edge;
import dev.eventscope.cli.render.trace.DiagramParsers.Graph;
import dev.eventscope.event.Times;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DOT and Mermaid output, parsed back and compared with the trace it came from. */
class TraceDiagramTest {

    @TempDir
    Path dir;

    static Graph dot(Trace t) {
        return DiagramParsers.dot(render(out -> TraceDot.print(out, t)));
    }

    static Graph mermaid(Trace t) {
        return DiagramParsers.mermaid(render(out -> TraceMermaid.print(out, t)));
    }

    /** The edges the trace holds, as diagram node ids (causes are c0, c1, … in trace order). */
    static Set<List<String>> expectedEdges(Trace t) {
        Set<List<String>> edges = new HashSet<>();
        int c = 0;
        for (TraceNode.Cause cause : t.causes()) {
            if (cause.kind() == TraceNode.CauseKind.CYCLE) {
                continue;
            }
            String id = "c" + c++;
            cause.roots()
                    .forEach(r -> edges.add(List.of(id, "e" + t.event(r).event().position())));
        }
        for (TraceNode.Event e : t.events().values()) {
            if (e.parent() != null) {
                edges.add(List.of(
                        "e" + t.event(e.parent()).event().position(),
                        "e" + e.event().position()));
            }
        }
        t.effectsOutside()
                .forEach(o -> edges.add(List.of(
                        "e" + t.event(o.cause()).event().position(),
                        "f" + o.event().position())));
        return edges;
    }

    static Set<List<String>> edges(Graph g) {
        Set<List<String>> edges = new HashSet<>();
        g.edges().forEach(e -> edges.add(List.of(e.from(), e.to())));
        return edges;
    }

    @Nested
    class when_writing_diagrams {

        void readsBackAsTheTrace(Function<Trace, Graph> format, Trace t) {
            // when
            Graph g = format.apply(t);
            // then
            assertThat(edges(g)).isEqualTo(expectedEdges(t));
            assertThat(g.edges()).hasSize(expectedEdges(t).size());
            List<String> eventNodes = new ArrayList<>();
            t.events().values().forEach(e -> eventNodes.add("e" + e.event().position()));
            assertThat(g.nodes().keySet()).containsAll(eventNodes);
            for (TraceNode.Event e : t.events().values()) {
                assertThat(g.nodes().get("e" + e.event().position()))
                        .containsExactly(
                                "#" + e.event().position() + " " + e.event().eventType(),
                                TraceLabels.stream(e.event()),
                                TraceLabels.user(e.event()),
                                Times.format(e.event().timestamp()));
            }
        }

        @Test
        void dot_reads_back_as_the_trace_with_every_node_and_edge() {
            readsBackAsTheTrace(TraceDiagramTest::dot, TraceSamples.order(dir));
        }

        @Test
        void mermaid_reads_back_as_the_trace_with_every_node_and_edge() {
            readsBackAsTheTrace(TraceDiagramTest::mermaid, TraceSamples.order(dir));
        }

        @Test
        void dot_keeps_quotes_backslashes_and_markup_in_the_data_inside_the_labels() {
            // given
            Trace t = TraceSamples.nasty(dir);
            // when
            Graph g = dot(t);
            // then
            assertThat(g.nodes().get("c0")).containsExactly(TraceSamples.NASTY_CAUSE, "command");
            assertThat(g.nodes().get("e1").get(1)).isEqualTo("Order/o\"1");
            assertThat(g.nodes().get("e1").get(2))
                    .isEqualTo("by ev\"il\\user\\n<b>#1 & `x` *y* [z] {w} |v| \\u001b[31m");
            readsBackAsTheTrace(TraceDiagramTest::dot, t);
        }

        @Test
        void mermaid_writes_every_markup_character_of_the_data_as_an_entity() {
            // given
            Trace t = TraceSamples.nasty(dir);
            // when
            Graph g = mermaid(t);
            // then
            assertThat(g.nodes().get("c0")).containsExactly(TraceSamples.NASTY_CAUSE, "command");
            assertThat(g.nodes().get("e1").get(2))
                    .isEqualTo("by ev\"il\\user\\n<b>#1 & `x` *y* [z] {w} |v| \\u001b[31m");
            assertThat(g.nodes().get("e2").get(2)).isEqualTo("by Zoë");
            readsBackAsTheTrace(TraceDiagramTest::mermaid, t);
        }

        @Test
        void the_edges_of_a_cycle_and_of_the_critical_path_are_marked() {
            // given
            Trace cycle = TraceSamples.cycle(dir.resolve("c"));
            Trace order = TraceSamples.order(dir.resolve("o"));
            // when
            String cycleDot = render(out -> TraceDot.print(out, cycle));
            String orderMermaid = render(out -> TraceMermaid.print(out, order));
            // then
            assertThat(cycleDot)
                    .contains("  e3 -> e2 [label=\"-10s\", color=red, fontcolor=red];\n")
                    .contains("  e2 -> e3 [label=\"+10s\", color=red, fontcolor=red];\n")
                    .contains("  e3 -> e4 [label=\"+10s\"];\n");
            assertThat(orderMermaid).contains("  linkStyle 2,3,5 stroke:#e67e00,stroke-width:3px\n");
            assertThat(mermaid(order).edges()).contains(new Edge("e1", "e2", "+1m0s"));
        }

        @Test
        void the_same_trace_is_written_the_same_way_every_time() {
            // given
            Trace t = TraceSamples.order(dir);
            // when / then
            assertThat(render(out -> TraceDot.print(out, t))).isEqualTo(render(out -> TraceDot.print(out, t)));
            assertThat(render(out -> TraceMermaid.print(out, TraceSamples.order(dir.resolve("again")))))
                    .isEqualTo(render(out -> TraceMermaid.print(out, t)));
        }
    }
}
