package dev.eventscope.trace;

import static dev.eventscope.trace.TraceStore.id;
import static dev.eventscope.trace.TraceStore.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.StreamId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracerTest {

    @TempDir
    Path dir;

    TraceStore s;

    @BeforeEach
    void open() {
        s = TraceStore.create(dir);
    }

    @AfterEach
    void close() {
        s.close();
    }

    /** An order: placed, paid, two items reserved (the second earlier), shipped a day later. */
    void order() {
        s.event(1, "OrderPlaced").causedBy("cmd-place-1").user("cust-1").at(0).add();
        s.event(2, "PaymentProcessed").stream("Payment", "pay-1")
                .causedBy(1)
                .user("payment-service")
                .at(60)
                .add();
        s.event(3, "StockReserved").stream("Inventory", "SKU-1")
                .causedBy(2)
                .user("inventory-service")
                .at(62)
                .add();
        s.event(4, "StockReserved").stream("Inventory", "SKU-2")
                .causedBy(2)
                .user("inventory-service")
                .at(61)
                .add();
        s.event(5, "OrderShipped").causedBy(3).user("shipping").at(86_400).add();
        s.event(10, "OrderPlaced").stream("Order", "order-2")
                .correlation("req-2")
                .causedBy("cmd-place-2")
                .add();
        s.event(11, "PaymentFailed").stream("Payment", "pay-2")
                .correlation("req-2")
                .causedBy(10)
                .add();
    }

    static List<UUID> ids(int... ns) {
        return java.util.Arrays.stream(ns).mapToObj(TraceStore::uuid).toList();
    }

    static List<UUID> inOrder(Trace t) {
        return t.inOrder().stream().map(TraceNode.Event::id).toList();
    }

    @Nested
    class when_tracing_a_correlation {

        @Test
        void a_correlation_id_traces_all_its_events_under_the_command_that_started_them() {
            // given
            order();
            // when
            Trace t = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            // then
            assertThat(t.entry()).isEqualTo(new TraceEntry.Correlation("req-1"));
            assertThat(t.events().keySet()).containsExactlyElementsOf(ids(1, 2, 3, 4, 5));
            assertThat(t.causes()).hasSize(1);
            TraceNode.Cause cause = t.causes().get(0);
            assertThat(cause.id()).isEqualTo("cmd-place-1");
            assertThat(cause.kind()).isEqualTo(TraceNode.CauseKind.COMMAND);
            assertThat(cause.roots()).containsExactly(uuid(1));
        }

        @Test
        void siblings_are_ordered_by_valid_time_then_position() {
            // given
            order();
            // when
            Trace t = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            // then
            assertThat(t.event(uuid(2)).children()).containsExactly(uuid(4), uuid(3));
            assertThat(inOrder(t)).containsExactlyElementsOf(ids(1, 2, 4, 3, 5));
        }

        @Test
        void an_event_id_traces_the_whole_correlation_of_that_event() {
            // given
            order();
            // when
            Trace t = s.tracer().trace(id(3), TraceOptions.DEFAULT);
            // then
            assertThat(t.entry()).isInstanceOf(TraceEntry.Event.class);
            assertThat(t.events().keySet()).containsExactlyElementsOf(ids(1, 2, 3, 4, 5));
            assertThat(t.event(uuid(3)).entry()).isTrue();
            assertThat(t.event(uuid(2)).entry()).isFalse();
        }

        @Test
        void an_upper_case_event_id_is_found_too() {
            // given
            order();
            // when
            Trace t = s.tracer().trace(id(3).toUpperCase(java.util.Locale.ROOT), TraceOptions.DEFAULT);
            // then
            assertThat(((TraceEntry.Event) t.entry()).event().eventId()).isEqualTo(uuid(3));
        }

        @Test
        void a_position_traces_the_whole_correlation_of_the_event_at_that_position() {
            // given
            order();
            // when (position 7 is event 11, in req-2)
            Trace t = s.tracer().trace("7", TraceOptions.DEFAULT);
            // then
            TraceEntry.Event entry = (TraceEntry.Event) t.entry();
            assertThat(entry.byPosition()).isTrue();
            assertThat(entry.event().eventId()).isEqualTo(uuid(11));
            assertThat(t.events().keySet()).containsExactlyElementsOf(ids(10, 11));
        }

        @Test
        void a_command_id_traces_the_correlation_of_the_events_it_caused() {
            // given
            order();
            // when
            Trace t = s.tracer().trace("cmd-place-2", TraceOptions.DEFAULT);
            // then
            assertThat(t.entry()).isInstanceOf(TraceEntry.Cause.class);
            assertThat(t.events().keySet()).containsExactlyElementsOf(ids(10, 11));
        }

        @Test
        void the_summary_counts_aggregates_services_users_depth_span_and_the_critical_path() {
            // given
            order();
            // when
            TraceSummary sum = s.tracer().trace("req-1", TraceOptions.DEFAULT).summary();
            // then
            assertThat(sum.events()).isEqualTo(5);
            assertThat(sum.correlations()).containsExactly("req-1");
            assertThat(sum.aggregates())
                    .containsExactly(
                            new StreamId("Inventory", "SKU-1"),
                            new StreamId("Inventory", "SKU-2"),
                            new StreamId("Order", "order-1"),
                            new StreamId("Payment", "pay-1"));
            assertThat(sum.aggregateTypes()).containsExactly("Inventory", "Order", "Payment");
            assertThat(sum.users()).containsExactly("cust-1", "inventory-service", "payment-service", "shipping");
            assertThat(sum.depth()).isEqualTo(4);
            assertThat(sum.first()).isEqualTo(TraceStore.T0);
            assertThat(sum.span()).isEqualTo(Duration.ofDays(1));
            assertThat(sum.criticalPath()).containsExactlyElementsOf(ids(1, 2, 3, 5));
            assertThat(sum.criticalDelay()).isEqualTo(Duration.ofDays(1));
            assertThat(sum.roots()).isEqualTo(1);
            assertThat(sum.missingCauses()).isZero();
            assertThat(sum.cycles()).isZero();
        }

        @Test
        void every_event_carries_its_depth_and_the_delay_since_its_cause() {
            // given
            order();
            // when
            Trace t = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            // then
            assertThat(t.event(uuid(1)).depth()).isEqualTo(1);
            assertThat(t.event(uuid(1)).delay()).isNull();
            assertThat(t.event(uuid(5)).depth()).isEqualTo(4);
            assertThat(t.event(uuid(5)).parent()).isEqualTo(uuid(3));
            assertThat(t.event(uuid(3)).delay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(t.event(uuid(5)).critical()).isTrue();
            assertThat(t.event(uuid(4)).critical()).isFalse();
        }

        @Test
        void an_event_timestamped_before_its_cause_has_a_negative_delay_and_is_counted() {
            // given
            s.event(1, "A").causedBy("cmd").at(100).add();
            s.event(2, "B").causedBy(1).at(40).add();
            // when
            Trace t = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            // then
            assertThat(t.event(uuid(2)).delay()).isEqualTo(Duration.ofSeconds(-60));
            assertThat(t.summary().beforeCause()).isEqualTo(1);
        }

        @Test
        void an_event_without_a_correlation_traces_the_causal_tree_it_belongs_to() {
            // given: 1 -> 2 -> {3, 4}, none with a correlation; 5 is unrelated
            s.event(1, "A").correlation(null).causedBy("cmd").add();
            s.event(2, "B").correlation(null).causedBy(1).add();
            s.event(3, "C").correlation(null).causedBy(2).add();
            s.event(4, "D").correlation(null).causedBy(2).add();
            s.event(5, "E").correlation(null).causedBy("cmd").add();
            // when
            Trace t = s.tracer().trace(id(3), TraceOptions.DEFAULT);
            // then
            assertThat(inOrder(t)).containsExactlyElementsOf(ids(1, 2, 3, 4));
            assertThat(t.summary().correlations()).isEmpty();
        }

        @Test
        void an_id_that_names_nothing_is_not_found() {
            // given
            order();
            // when / then
            assertThatThrownBy(() -> s.tracer().trace("req-404", TraceOptions.DEFAULT))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("req-404");
        }

        @Test
        void a_number_that_is_no_position_is_tried_as_a_correlation_id() {
            // given
            s.event(1, "A").correlation("4711").causedBy("cmd").add();
            // when
            Trace t = s.tracer().trace("4711", TraceOptions.DEFAULT);
            // then
            assertThat(t.entry()).isEqualTo(new TraceEntry.Correlation("4711"));
        }
    }

    @Nested
    class when_walking_up_or_down {

        @Test
        void up_reads_only_the_causation_chain_to_the_root() {
            // given
            order();
            // when
            Trace t = s.tracer().trace(id(5), TraceOptions.DEFAULT.withDirection(true, false));
            // then
            assertThat(inOrder(t)).containsExactlyElementsOf(ids(1, 2, 3, 5));
            assertThat(t.causes().get(0).id()).isEqualTo("cmd-place-1");
            assertThat(t.summary().depth()).isEqualTo(4);
        }

        @Test
        void down_reads_only_what_the_event_caused() {
            // given
            order();
            // when
            Trace t = s.tracer().trace(id(2), TraceOptions.DEFAULT.withDirection(false, true));
            // then
            assertThat(inOrder(t)).containsExactlyElementsOf(ids(2, 4, 3, 5));
            TraceNode.Cause above = t.causes().get(0);
            assertThat(above.kind()).isEqualTo(TraceNode.CauseKind.OUTSIDE);
            assertThat(above.event().eventId()).isEqualTo(uuid(1));
            assertThat(t.event(uuid(2)).delay()).isEqualTo(Duration.ofSeconds(60));
        }

        @Test
        void up_and_down_together_read_the_lineage_of_the_event_without_its_siblings() {
            // given
            order();
            // when
            Trace t = s.tracer().trace(id(3), TraceOptions.DEFAULT.withDirection(true, true));
            // then
            assertThat(inOrder(t)).containsExactlyElementsOf(ids(1, 2, 3, 5));
        }

        @Test
        void up_from_a_correlation_id_is_a_usage_error() {
            // given
            order();
            // when / then
            assertThatThrownBy(() -> s.tracer().trace("req-1", TraceOptions.DEFAULT.withDirection(true, false)))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("correlationId");
        }

        @Test
        void down_from_a_command_id_reads_everything_the_command_caused() {
            // given
            order();
            // when
            Trace t = s.tracer().trace("cmd-place-1", TraceOptions.DEFAULT.withDirection(false, true));
            // then
            assertThat(t.events()).hasSize(5);
        }
    }

    @Nested
    class when_causation_crosses_correlations {

        /** req-a's payment causes a refund in req-b, whose refund causes a notice in req-c. */
        void chain() {
            s.event(1, "OrderPlaced").correlation("req-a").causedBy("cmd-1").add();
            s.event(2, "PaymentProcessed").correlation("req-a").causedBy(1).add();
            s.event(3, "RefundIssued").correlation("req-b").causedBy(2).at(100).add();
            s.event(4, "RefundBooked").correlation("req-b").causedBy(3).add();
            s.event(5, "NoticeSent").correlation("req-c").causedBy(4).add();
            s.event(6, "Unrelated").correlation("req-d").causedBy("cmd-x").add();
        }

        @Test
        void without_following_the_other_correlations_are_named_but_not_read() {
            // given
            chain();
            // when
            Trace t = s.tracer().trace("req-b", TraceOptions.DEFAULT);
            // then
            assertThat(t.events().keySet()).containsExactlyElementsOf(ids(3, 4));
            TraceNode.Cause cause = t.causes().get(0);
            assertThat(cause.kind()).isEqualTo(TraceNode.CauseKind.OUTSIDE);
            assertThat(cause.event().correlationId()).isEqualTo("req-a");
            assertThat(t.effectsOutside()).singleElement().satisfies(o -> {
                assertThat(o.cause()).isEqualTo(uuid(4));
                assertThat(o.event().eventId()).isEqualTo(uuid(5));
            });
            assertThat(t.summary().effectsOutside()).isEqualTo(1);
        }

        @Test
        void following_causation_reads_every_correlation_reached_through_links() {
            // given
            chain();
            // when
            Trace t = s.tracer().trace("req-b", TraceOptions.DEFAULT.following(true));
            // then
            assertThat(t.events().keySet()).containsExactlyElementsOf(ids(1, 2, 3, 4, 5));
            assertThat(t.summary().correlations()).containsExactly("req-a", "req-b", "req-c");
            assertThat(t.causes())
                    .singleElement()
                    .satisfies(c -> assertThat(c.id()).isEqualTo("cmd-1"));
            assertThat(t.effectsOutside()).isEmpty();
            assertThat(t.limits()).isEmpty();
        }

        @Test
        void following_stops_at_the_correlation_bound_and_says_so() {
            // given
            chain();
            // when
            Trace t = s.tracer()
                    .trace("req-b", TraceOptions.DEFAULT.following(true).withLimits(100, 2));
            // then
            assertThat(t.summary().correlations()).hasSize(2);
            assertThat(t.limits()).singleElement().asString().contains("--max-correlations");
        }

        @Test
        void up_stops_at_the_correlation_boundary_unless_following() {
            // given
            chain();
            // when
            Trace stay = s.tracer().trace(id(4), TraceOptions.DEFAULT.withDirection(true, false));
            Trace follow = s.tracer()
                    .trace(
                            id(4),
                            TraceOptions.DEFAULT.withDirection(true, false).following(true));
            // then
            assertThat(inOrder(stay)).containsExactlyElementsOf(ids(3, 4));
            assertThat(stay.causes().get(0).kind()).isEqualTo(TraceNode.CauseKind.OUTSIDE);
            assertThat(inOrder(follow)).containsExactlyElementsOf(ids(1, 2, 3, 4));
        }

        @Test
        void down_records_effects_in_other_correlations_unless_following() {
            // given
            chain();
            // when
            Trace stay = s.tracer().trace(id(3), TraceOptions.DEFAULT.withDirection(false, true));
            Trace follow = s.tracer()
                    .trace(
                            id(3),
                            TraceOptions.DEFAULT.withDirection(false, true).following(true));
            // then
            assertThat(inOrder(stay)).containsExactlyElementsOf(ids(3, 4));
            assertThat(stay.effectsOutside())
                    .extracting(o -> o.event().eventId())
                    .containsExactly(uuid(5));
            assertThat(inOrder(follow)).containsExactlyElementsOf(ids(3, 4, 5));
        }
    }

    @Nested
    class when_links_are_broken {

        @Test
        void a_causation_id_shaped_like_an_event_id_that_no_event_has_is_a_missing_cause() {
            // given
            order();
            s.event(6, "OrderShipped").causedBy(id(999)).at(90_000).add();
            // when
            Trace t = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            // then
            assertThat(t.missingCauses()).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo(id(999));
                assertThat(c.roots()).containsExactly(uuid(6));
            });
            assertThat(t.summary().missingCauses()).isEqualTo(1);
            assertThat(t.summary().roots()).isEqualTo(2);
            assertThat(t.event(uuid(6)).depth()).isEqualTo(1);
        }

        @Test
        void a_causation_id_of_another_shape_is_a_command_not_a_missing_event() {
            // given
            s.event(1, "A").causedBy("cmd-0001").add();
            s.event(2, "B").causedBy("00000000-0000-4000-8000-00000000000Z").add();
            // when
            Trace t = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            // then
            assertThat(t.causes()).extracting(TraceNode.Cause::kind).containsOnly(TraceNode.CauseKind.COMMAND);
        }

        @Test
        void events_without_a_causation_id_are_roots_under_no_cause() {
            // given
            s.event(1, "A").add();
            s.event(2, "B").causedBy(1).add();
            // when
            Trace t = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            // then
            assertThat(t.causes()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(TraceNode.CauseKind.NONE);
                assertThat(c.id()).isEmpty();
            });
        }

        @Test
        void a_cycle_is_reported_once_and_its_events_are_unreachable() {
            // given: 2 is caused by 3 and 3 by 2; 4 hangs below the cycle; 1 is a normal root
            s.event(1, "Start").causedBy("cmd").add();
            s.event(2, "Ping").causedBy(3).add();
            s.event(3, "Pong").causedBy(2).add();
            s.event(4, "Echo").causedBy(3).add();
            // when
            Trace t = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            // then
            assertThat(t.cycles()).containsExactly(ids(2, 3));
            assertThat(t.unreachable()).containsExactlyElementsOf(ids(2, 3, 4));
            assertThat(t.summary().unreachable()).isEqualTo(3);
            assertThat(t.summary().cycles()).isEqualTo(1);
            assertThat(t.summary().depth()).isEqualTo(1);
            assertThat(t.causes().get(1).kind()).isEqualTo(TraceNode.CauseKind.CYCLE);
            assertThat(inOrder(t)).containsExactlyElementsOf(ids(1, 2, 3, 4));
        }

        @Test
        void an_event_caused_by_itself_is_a_cycle_of_one() {
            // given
            s.event(1, "Loop").causedBy(1).add();
            // when
            Trace t = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            // then
            assertThat(t.cycles()).containsExactly(ids(1));
        }

        @Test
        void walking_up_or_down_a_cycle_ends() {
            // given
            s.event(1, "A").causedBy(3).add();
            s.event(2, "B").causedBy(1).add();
            s.event(3, "C").causedBy(2).add();
            // when
            Trace up = s.tracer().trace(id(2), TraceOptions.DEFAULT.withDirection(true, false));
            Trace down = s.tracer().trace(id(2), TraceOptions.DEFAULT.withDirection(false, true));
            // then
            assertThat(up.cycles()).containsExactly(ids(1, 2, 3));
            assertThat(down.cycles()).containsExactly(ids(1, 2, 3));
            assertThat(up.events()).hasSize(3);
            assertThat(down.events()).hasSize(3);
        }
    }

    @Nested
    class when_the_trace_is_large {

        @Test
        void the_event_bound_cuts_the_trace_and_says_so() {
            // given
            for (int i = 1; i <= 30; i++) {
                s.event(i, "Step").causedBy(i == 1 ? "cmd" : id(i - 1)).add();
            }
            // when
            Trace t = s.tracer().trace("req-1", TraceOptions.DEFAULT.withLimits(10, 100));
            // then
            assertThat(t.events()).hasSize(10);
            assertThat(t.limits()).singleElement().asString().contains("--max-events");
        }

        @Test
        void a_causal_chain_of_thousands_of_events_is_traced_without_recursion() {
            // given
            int n = 5_000;
            for (int i = 1; i <= n; i++) {
                s.event(i, "Step").causedBy(i == 1 ? "cmd" : id(i - 1)).add();
            }
            // when
            Trace whole = s.tracer().trace("req-1", TraceOptions.DEFAULT);
            Trace up = s.tracer().trace(id(n), TraceOptions.DEFAULT.withDirection(true, false));
            // then
            assertThat(whole.summary().depth()).isEqualTo(n);
            assertThat(whole.inOrder()).hasSize(n);
            assertThat(up.summary().criticalPath()).hasSize(n);
        }
    }

    @Nested
    class when_reading_through_a_view {

        @Test
        void every_event_passes_through_the_view_before_the_tracer_sees_it() {
            // given
            order();
            s.flush();
            Tracer tracer = new Tracer(
                    s.store, s.store.links(), e -> e.withContent(e.eventType() + "V2", 2, e.payload(), e.metadata()));
            // when
            Trace t = tracer.trace(id(5), TraceOptions.DEFAULT.withDirection(true, false));
            // then
            assertThat(t.events().values())
                    .allSatisfy(n -> assertThat(n.event().eventType()).endsWith("V2"));
        }
    }
}
