package dev.eventscope.cli.render.trace;

import static dev.eventscope.cli.render.trace.TraceSamples.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.trace.Durations;
import dev.eventscope.trace.Trace;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceTreeTest {

    @TempDir
    Path dir;

    static String tree(Trace t, boolean ascii, boolean compact) {
        String all = render(out -> new TraceTree(out, ascii, false, compact).print(t));
        return all.substring(0, all.indexOf("\nsummary\n") + 1);
    }

    @Nested
    class when_drawing_the_tree {

        @Test
        void single_effects_continue_straight_below_their_cause_and_branches_mark_siblings() {
            // given
            Trace t = TraceSamples.order(dir);
            // when
            String tree = tree(t, false, true);
            // then
            assertThat(tree).isEqualTo("""
                    trace: correlation req-1

                    cmd-place-1 (command)
                    └─ #1 OrderPlaced  Order/order-1  by cust-1  2024-01-15T10:00:00Z
                       #2 PaymentProcessed  Payment/pay-1  by payment-service  2024-01-15T10:01:00Z  +1m0s
                       ├─ #4 StockReserved  Inventory/SKU-2  by inventory-service  2024-01-15T10:01:01Z  +1s
                       ├─ #3 StockReserved  Inventory/SKU-1  by inventory-service  2024-01-15T10:01:02Z  +2s
                       │  #5 OrderShipped  Order/order-1  by shipping  2024-01-16T10:00:00Z  +23h58m58s
                       └─ → #6 RefundRequested  Payment/pay-1  in correlation req-9 (outside this trace)

                    00000000-0000-4000-8000-000000000999 (missing event: no stored event has this id)
                    └─ #7 OrderShipped  Order/order-1  by shipping  2024-01-16T11:00:00Z

                    """);
        }

        @Test
        void ascii_without_compact_chains_indents_every_generation() {
            // given
            Trace t = TraceSamples.order(dir);
            // when
            String tree = tree(t, true, false);
            // then
            assertThat(tree).isEqualTo("""
                    trace: correlation req-1

                    cmd-place-1 (command)
                    `- #1 OrderPlaced  Order/order-1  by cust-1  2024-01-15T10:00:00Z
                       `- #2 PaymentProcessed  Payment/pay-1  by payment-service  2024-01-15T10:01:00Z  +1m0s
                          |- #4 StockReserved  Inventory/SKU-2  by inventory-service  2024-01-15T10:01:01Z  +1s
                          |- #3 StockReserved  Inventory/SKU-1  by inventory-service  2024-01-15T10:01:02Z  +2s
                          |  `- #5 OrderShipped  Order/order-1  by shipping  2024-01-16T10:00:00Z  +23h58m58s
                          `- -> #6 RefundRequested  Payment/pay-1  in correlation req-9 (outside this trace)

                    00000000-0000-4000-8000-000000000999 (missing event: no stored event has this id)
                    `- #7 OrderShipped  Order/order-1  by shipping  2024-01-16T11:00:00Z

                    """);
            assertThat(tree.chars().allMatch(c -> c < 128)).isTrue();
        }

        @Test
        void a_cycle_is_drawn_once_with_the_edge_that_closes_it() {
            // given
            Trace t = TraceSamples.cycle(dir);
            // when
            String tree = tree(t, false, true);
            // then
            assertThat(tree).endsWith("""
                    (cycle #2 → #3 → #2: no root reaches it)
                    └─ #2 Ping  Order/order-1  no user  2024-01-15T10:00:10Z  -10s
                       #3 Pong  Order/order-1  no user  2024-01-15T10:00:20Z  +10s
                       ├─ ↻ #2 Ping (closes the cycle)
                       └─ #4 Echo  Order/order-1  no user  2024-01-15T10:00:30Z  +10s

                    """);
        }

        @Test
        void control_characters_in_the_data_are_shown_as_escapes() {
            // given
            Trace t = TraceSamples.nasty(dir);
            // when
            String all = render(out -> new TraceTree(out, false, false, true).print(t));
            // then
            assertThat(all).doesNotContain("\u001b").contains("\\u001b[31m").contains("ev\"il\\user\\n<b>");
            assertThat(all.lines()).noneMatch(l -> l.contains("\r"));
        }

        @Test
        void colour_wraps_the_text_in_ansi_codes_only_when_asked() {
            // given
            Trace t = TraceSamples.order(dir);
            // when
            String plain = render(out -> new TraceTree(out, false, false, true).print(t));
            String coloured = render(out -> new TraceTree(out, false, true, true).print(t));
            // then
            assertThat(plain).doesNotContain("\u001b[");
            // event types are bold cyan, those on the critical path bold yellow
            assertThat(coloured).contains("\u001b[36;1mStockReserved\u001b[0m");
            assertThat(coloured).contains("\u001b[33;1mOrderPlaced\u001b[0m");
            assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
        }
    }

    @Nested
    class when_summarising {

        @Test
        void the_summary_names_the_figures_broken_links_and_what_lies_outside() {
            // given
            Trace t = TraceSamples.order(dir);
            // when
            String summary = render(out -> new TraceSummaryText(out, false, false).print(t));
            // then
            assertThat(summary).isEqualTo("""
                    summary
                      events         6 in correlation req-1
                      aggregates     4 (Inventory/SKU-1, Inventory/SKU-2, Order/order-1, Payment/pay-1)
                      services       3 aggregate types: Inventory, Order, Payment
                      users          4: cust-1, inventory-service, payment-service, shipping
                      depth          4
                      first          2024-01-15T10:00:00Z
                      last           2024-01-16T11:00:00Z
                      span           1d1h0m
                      critical path  #1 OrderPlaced → #2 PaymentProcessed → #3 StockReserved → #5 OrderShipped \
                    (4 events, 1d0h0m)
                      roots          2
                      broken links   1: 00000000-0000-4000-8000-000000000999 (missing; caused #7 OrderShipped)
                      cycles         none
                      unreachable    none
                      outside        1 event in other correlations caused by this trace \
                    (include them with --follow-causation)
                    """);
        }

        @Test
        void cycles_unreachable_events_and_events_before_their_cause_are_named() {
            // given
            Trace t = TraceSamples.cycle(dir);
            // when
            String summary = render(out -> new TraceSummaryText(out, true, false).print(t));
            // then
            assertThat(summary)
                    .contains("  cycles         1: #2 -> #3 -> #2\n")
                    .contains("  unreachable    3 events no root reaches: #2, #3, #4\n")
                    .contains("  before cause   1 event timestamped before their cause\n");
        }
    }

    @Nested
    class when_formatting_durations {

        @Test
        void each_magnitude_keeps_the_precision_that_matters() {
            assertThat(Durations.span(java.time.Duration.ofNanos(123_000))).isEqualTo("0.000123s");
            assertThat(Durations.span(java.time.Duration.ofMillis(47_322))).isEqualTo("47.322s");
            assertThat(Durations.span(java.time.Duration.ofMillis(855_774))).isEqualTo("14m15.774s");
            assertThat(Durations.span(java.time.Duration.ofSeconds(7_384))).isEqualTo("2h3m4s");
            assertThat(Durations.span(java.time.Duration.ofSeconds(93_784))).isEqualTo("1d2h3m");
            assertThat(Durations.delay(java.time.Duration.ofSeconds(-3))).isEqualTo("-3s");
            assertThat(Durations.delay(java.time.Duration.ZERO)).isEqualTo("+0s");
        }
    }
}
