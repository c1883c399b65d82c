package dev.eventscope.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TableTest {

    private static List<String> table(int[] maxWidths, int sample, Object[]... rows) {
        StringWriter text = new StringWriter();
        try (Table t =
                new Table(new PrintWriter(text), new String[] {">POSITION", "TIMESTAMP", "TYPE"}, maxWidths, sample)) {
            for (Object[] row : rows) {
                t.row(row);
            }
        }
        return text.toString().lines().toList();
    }

    @Nested
    class when_a_later_row_is_wider_than_the_first_ones {

        @Test
        void a_time_position_or_id_column_is_never_cut_regression_issue_23() {
            // when: the first rows fix the widths; a microsecond time and a longer position come later
            List<String> lines = table(
                    new int[] {0, 0, 12},
                    2,
                    new Object[] {7, "2024-01-15T22:55:49.397Z", "OrderPlaced"},
                    new Object[] {8, "2024-01-15T22:55:49Z", "OrderShipped"},
                    new Object[] {123456789, "2026-12-07T00:51:15.584123Z", "OrderCancelled"});

            // then
            assertThat(lines)
                    .containsExactly(
                            "POSITION  TIMESTAMP                 TYPE",
                            "       7  2024-01-15T22:55:49.397Z  OrderPlaced",
                            "       8  2024-01-15T22:55:49Z      OrderShipped",
                            "123456789  2026-12-07T00:51:15.584123Z  OrderCancel…");
        }

        @Test
        void live_output_keeps_whole_values_too() {
            assertThat(table(new int[] {0, 0, 12}, 1, new Object[] {1, "2024-01-15T22:55:49Z", "A"}, new Object[] {
                        2, "2024-01-15T22:55:49.397123Z", "B"
                    }))
                    .containsExactly(
                            "POSITION  TIMESTAMP             TYPE",
                            "       1  2024-01-15T22:55:49Z  A",
                            "       2  2024-01-15T22:55:49.397123Z  B");
        }
    }

    @Test
    void free_text_is_cut_to_its_column_with_an_ellipsis() {
        assertThat(table(new int[] {0, 0, 5}, 200, new Object[] {1, "t", "OrderPlaced"}))
                .containsExactly("POSITION  TIMESTAMP  TYPE", "       1  t          Orde…");
    }
}
