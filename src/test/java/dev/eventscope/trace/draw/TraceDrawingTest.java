package dev.eventscope.trace.draw;

import static dev.eventscope.trace.TraceStore.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceOptions;
import dev.eventscope.trace.TraceStore;
import dev.eventscope.trace.draw.TraceDrawing.Arrow;
import dev.eventscope.trace.draw.TraceDrawing.Box;
import dev.eventscope.trace.draw.TraceDrawing.Line;
import dev.eventscope.trace.draw.TraceDrawing.Look;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceDrawingTest {

    @TempDir
    Path dir;

    /** An order: placed, paid, two items reserved, one shipped a day later; a shipment with a missing cause; a refund elsewhere. */
    static Trace order(Path dir) {
        try (TraceStore s = TraceStore.create(dir)) {
            s.event(1, "OrderPlaced")
                    .causedBy("cmd-place-1")
                    .user("cust-1")
                    .at(0)
                    .add();
            s.event(2, "PaymentProcessed").stream("Payment", "pay-1")
                    .causedBy(1)
                    .user("payment-service")
                    .at(60)
                    .add();
            s.event(3, "StockReserved").stream("Inventory", "SKU-1")
                    .causedBy(2)
                    .at(62)
                    .add();
            s.event(4, "StockReserved").stream("Inventory", "SKU-2")
                    .causedBy(2)
                    .at(61)
                    .add();
            s.event(5, "OrderShipped").causedBy(3).user("shipping").at(86_400).add();
            s.event(6, "RefundRequested").stream("Payment", "pay-1")
                    .correlation("req-9")
                    .causedBy(2)
                    .at(90)
                    .add();
            s.event(7, "OrderShipped")
                    .causedBy(id(999))
                    .user("shipping")
                    .at(90_000)
                    .add();
            return s.tracer().trace("req-1", TraceOptions.DEFAULT);
        }
    }

    /** A root, and two events that cause each other with a third below them. */
    static Trace cycle(Path dir) {
        try (TraceStore s = TraceStore.create(dir)) {
            s.event(1, "Start").causedBy("cmd").at(0).add();
            s.event(2, "Ping").causedBy(3).at(10).add();
            s.event(3, "Pong").causedBy(2).at(20).add();
            s.event(4, "Echo").causedBy(3).at(30).add();
            return s.tracer().trace("req-1", TraceOptions.DEFAULT);
        }
    }

    private static Map<String, Box> boxes(TraceDrawing d) {
        return d.boxes().stream().collect(Collectors.toMap(Box::id, Function.identity()));
    }

    private static Arrow arrow(TraceDrawing d, String from, String to) {
        return d.arrows().stream()
                .filter(a -> a.from().equals(from) && a.to().equals(to))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no arrow " + from + " -> " + to + " in " + d.arrows()));
    }

    @Nested
    class when_a_trace_is_laid_out {

        @Test
        void every_cause_and_event_gets_a_box_and_every_link_an_arrow_with_its_delay() {
            // when
            TraceDrawing d = TraceDrawing.of(order(dir));

            // then
            assertThat(d.title()).isEqualTo("trace: correlation req-1");
            assertThat(d.boxes())
                    .extracting(Box::id, Box::look)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("c0", Look.COMMAND),
                            org.assertj.core.groups.Tuple.tuple("c1", Look.MISSING),
                            org.assertj.core.groups.Tuple.tuple("e1", Look.EVENT),
                            org.assertj.core.groups.Tuple.tuple("e2", Look.EVENT),
                            org.assertj.core.groups.Tuple.tuple("e3", Look.EVENT),
                            org.assertj.core.groups.Tuple.tuple("e4", Look.EVENT),
                            org.assertj.core.groups.Tuple.tuple("e5", Look.EVENT),
                            org.assertj.core.groups.Tuple.tuple("e7", Look.EVENT),
                            org.assertj.core.groups.Tuple.tuple("f6", Look.OUTSIDE_EFFECT));
            assertThat(boxes(d).get("c1").lines()).containsExactly(id(999), "missing event (broken link)");
            assertThat(boxes(d).get("e2").lines())
                    .containsExactly(
                            "#2 PaymentProcessed", "Payment/pay-1", "by payment-service", "2024-01-15T10:01:00Z");
            assertThat(arrow(d, "c0", "e1").line()).isEqualTo(Line.FROM_CAUSE);
            assertThat(arrow(d, "e1", "e2").label()).isEqualTo("+1m0s");
            assertThat(arrow(d, "e3", "e5").label()).isEqualTo("+23h58m58s");
            assertThat(arrow(d, "e2", "f6").line()).isEqualTo(Line.OUTSIDE);
            assertThat(d.arrows()).hasSize(7);
        }

        @Test
        void the_critical_path_is_marked_on_its_links() {
            // when
            TraceDrawing d = TraceDrawing.of(order(dir));

            // then: placed -> paid -> reserved SKU-1 -> shipped is the longest chain of delays
            assertThat(arrow(d, "e1", "e2").line()).isEqualTo(Line.CRITICAL);
            assertThat(arrow(d, "e2", "e3").line()).isEqualTo(Line.CRITICAL);
            assertThat(arrow(d, "e3", "e5").line()).isEqualTo(Line.CRITICAL);
            assertThat(arrow(d, "e2", "e4").line()).isEqualTo(Line.CAUSED);
        }

        @Test
        void a_cycle_is_drawn_with_its_closing_link_curved_back_and_marked() {
            // when
            TraceDrawing d = TraceDrawing.of(cycle(dir));

            // then
            assertThat(boxes(d).get("e2").look()).isEqualTo(Look.UNREACHABLE);
            assertThat(d.boxes())
                    .anyMatch(b -> b.look() == Look.CYCLE && b.lines().get(0).equals("cycle #2 → #3 → #2"));
            assertThat(d.arrows()).filteredOn(Arrow::curved).singleElement().satisfies(a -> {
                assertThat(a.line()).isEqualTo(Line.CYCLE);
                assertThat(a.label()).isEqualTo("cycle -10s");
            });
            assertThat(d.notes()).anyMatch(n -> n.startsWith("cycles: 1: #2 → #3 → #2"));
        }

        @Test
        void causes_sit_above_their_events_and_each_generation_below_the_one_before() {
            // when
            TraceDrawing d = TraceDrawing.of(order(dir));
            Map<String, Box> b = boxes(d);

            // then
            assertThat(b.get("c0").bottom()).isLessThan(b.get("e1").y());
            assertThat(b.get("e1").bottom()).isLessThan(b.get("e2").y());
            assertThat(b.get("e3").y()).isEqualTo(b.get("e4").y());
            assertThat(b.get("e3").bottom()).isLessThan(b.get("e5").y());
        }

        @Test
        void no_two_boxes_overlap_and_all_lie_inside_the_drawing() {
            // given: a wide and deep trace
            Trace trace;
            try (TraceStore s = TraceStore.create(dir)) {
                s.event(1, "Started").causedBy("cmd-1").at(0).add();
                int n = 2;
                for (int branch = 0; branch < 6; branch++) {
                    int parent = 1;
                    for (int depth = 0; depth < 1 + branch; depth++) {
                        s.event(n, "Step" + branch + "With" + "A".repeat(branch * 5))
                                .causedBy(parent)
                                .at(n)
                                .add();
                        parent = n++;
                    }
                }
                s.event(n, "Alone").causedBy("cmd-2").at(n).add();
                trace = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            }

            // when
            TraceDrawing d = TraceDrawing.of(trace);

            // then
            List<Box> all = d.boxes();
            assertThat(all).hasSize(trace.events().size() + trace.causes().size());
            for (int i = 0; i < all.size(); i++) {
                Box a = all.get(i);
                assertThat(a.x()).isGreaterThanOrEqualTo(0);
                assertThat(a.x() + a.width()).isLessThanOrEqualTo(d.width());
                assertThat(a.bottom()).isLessThanOrEqualTo(d.height());
                assertThat(a.y()).isGreaterThanOrEqualTo(d.top());
                for (int j = i + 1; j < all.size(); j++) {
                    Box b = all.get(j);
                    boolean apart = a.x() + a.width() <= b.x()
                            || b.x() + b.width() <= a.x()
                            || a.bottom() <= b.y()
                            || b.bottom() <= a.y();
                    assertThat(apart).as(a + " and " + b).isTrue();
                }
            }
        }

        @Test
        void a_long_chain_is_laid_out_without_running_out_of_stack() {
            // given: 3,000 generations
            Trace trace;
            try (TraceStore s = TraceStore.create(dir)) {
                s.event(1, "E").causedBy("cmd").at(0).add();
                for (int n = 2; n <= 3_000; n++) {
                    s.event(n, "E").causedBy(n - 1).at(n).add();
                }
                trace = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            }

            // when
            TraceDrawing d = TraceDrawing.of(trace);

            // then
            assertThat(d.boxes()).hasSize(3_001);
            assertThat(boxes(d).get("e3000").y())
                    .isGreaterThan(boxes(d).get("e2999").bottom());
        }

        @Test
        void the_same_trace_is_drawn_the_same_to_the_byte() {
            // when
            Trace trace = order(dir);

            // then
            assertThat(TraceSvg.document(trace)).isEqualTo(TraceSvg.document(trace));
            assertThat(TraceHtml.page(trace)).isEqualTo(TraceHtml.page(trace));
        }

        @Test
        void a_line_longer_than_a_box_holds_is_cut_and_kept_whole_in_the_detail() {
            // given
            Trace trace;
            try (TraceStore s = TraceStore.create(dir)) {
                s.event(1, "Placed").causedBy("cmd-" + "x".repeat(100)).at(0).add();
                trace = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            }

            // when
            Box cause = boxes(TraceDrawing.of(trace)).get("c0");

            // then
            assertThat(cause.lines().get(0)).hasSize(TraceDrawing.MAX_CHARS).endsWith("…");
            assertThat(cause.detail()).contains("cmd-" + "x".repeat(100));
        }
    }
}
