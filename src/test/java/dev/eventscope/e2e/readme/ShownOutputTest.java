package dev.eventscope.e2e.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ShownOutputTest {

    private static final ShownOutput.Window RUN =
            new ShownOutput.Window(Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T10:05:00Z"));

    private static boolean same(String shown, String printed) {
        return ShownOutput.difference(shown.lines().toList(), printed.lines().toList(), RUN) == null;
    }

    @Nested
    class when_values_differ_from_run_to_run {

        @Test
        void a_record_time_of_this_run_an_id_a_hash_and_a_duration_may_differ() {
            assertThat(same(
                            "v1  2024-03-27T08:13:38Z (recorded 2026-11-27T17:24:26.333029Z)  maria",
                            "v1  2024-03-27T08:13:38Z (recorded 2026-12-07T10:01:02.5Z)  maria"))
                    .isTrue();
            assertThat(same(
                            "appended at position 419 (eventId 24dad9bf-665f-41a7-938d-db2ea6084949)",
                            "appended at position 419 (eventId 0e1f2a3b-665f-41a7-938d-db2ea6084949)"))
                    .isTrue();
            assertThat(same(
                            "13696:f341df9d17f08eb6347c7610f9f084348925368261e50a358e8a81e72f2ec37f",
                            "13696:0000000000000000000000000000000000000000000000000000000000000000"))
                    .isTrue();
            assertThat(same(
                            "imported 390 events in 1 transactions, 3.0 s",
                            "imported 390 events in 1 transactions, 11.5 s"))
                    .isTrue();
            assertThat(same(
                            "  position 1 FineCreated: recorded 26y 263d after",
                            "  position 1 FineCreated: recorded 26y 273d after"))
                    .isTrue();
        }

        @Test
        void a_time_that_is_not_of_this_run_must_be_the_one_shown() {
            assertThat(same("v1  2024-03-27T08:13:38Z  maria", "v1  2024-03-27T08:13:39Z  maria"))
                    .isFalse();
        }

        @Test
        void the_spaces_beside_a_value_of_another_width_may_differ_but_not_elsewhere() {
            assertThat(same("done, 3.0 s  ok", "done, 11.5 s ok")).isTrue();
            assertThat(same("a  b 3.0 s", "a b 3.0 s")).isFalse();
        }

        @Test
        void any_other_difference_counts() {
            assertThat(same("imported 390 events", "imported 391 events")).isFalse();
            assertThat(same("exit 1: OrderPlaced 1e48bc41-… has no total…", "exit 1: OrderPlaced has no total…"))
                    .isFalse();
        }
    }

    @Nested
    class when_lines_are_left_out {

        @Test
        void a_line_of_three_dots_stands_for_any_number_of_lines() {
            assertThat(same("a\n...\nz", "a\nb\nc\nz")).isTrue();
            assertThat(same("a\n...\nz", "a\nz")).isTrue();
            assertThat(same("a\n...", "a\nb")).isTrue();
            assertThat(same("a\n...\nz", "a\nb\ny")).isFalse();
        }

        @Test
        void a_line_more_or_less_counts_but_trailing_blank_lines_do_not() {
            assertThat(same("a\nb", "a\nb\nc")).isFalse();
            assertThat(same("a\nb\nc", "a\nb")).isFalse();
            assertThat(same("a\n", "a\n\n\n")).isTrue();
        }

        @Test
        void the_difference_names_the_first_shown_line_that_is_not_printed() {
            assertThat(ShownOutput.difference(List.of("a", "b", "c"), List.of("a", "x", "c"), RUN))
                    .isEqualTo("first difference at shown line 2: b");
        }
    }
}
