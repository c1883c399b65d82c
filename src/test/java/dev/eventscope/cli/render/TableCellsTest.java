package dev.eventscope.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Tables line up in terminal cells: wide characters take two, combining marks none. */
class TableCellsTest {

    static List<String> table(int[] maxWidths, Object[]... rows) {
        StringWriter text = new StringWriter();
        try (Table t = new Table(new PrintWriter(text), new String[] {"ID", "NOTE"}, maxWidths)) {
            for (Object[] row : rows) {
                t.row(row);
            }
        }
        return text.toString().lines().toList();
    }

    @Nested
    class when_cells_hold_wide_characters {

        @Test
        void the_next_column_starts_in_the_same_terminal_cell_on_every_line() {
            // when
            List<String> lines = table(
                    new int[] {0, 0},
                    new Object[] {"東京", "x"},
                    new Object[] {"abcd", "y"},
                    new Object[] {"🎉🎉", "z"},
                    new Object[] {"e\u0301", "w"});

            // then: the second column starts after 4 cells and 2 spaces everywhere
            assertThat(lines).containsExactly("ID    NOTE", "東京  x", "abcd  y", "🎉🎉  z", "e\u0301     w");
            assertThat(lines.subList(1, lines.size()))
                    .allSatisfy(l -> assertThat(Cells.width(l.substring(0, l.length() - 1)))
                            .isEqualTo(6));
        }

        @Test
        void a_cell_cut_to_its_widest_takes_at_most_that_many_cells() {
            // when: at most 5 cells for the id
            List<String> lines = table(new int[] {5, 0}, new Object[] {"東京都庁舎", "x"}, new Object[] {"a", "y"});

            // then: two wide characters (4 cells) and the ellipsis (1 cell)
            assertThat(lines).containsExactly("ID     NOTE", "東京…  x", "a      y");
        }
    }

    @Test
    void widths_count_cells_not_characters() {
        assertThat(Cells.width("abc")).isEqualTo(3);
        assertThat(Cells.width("東京")).isEqualTo(4);
        assertThat(Cells.width("ｆｕｌｌ")).isEqualTo(8);
        assertThat(Cells.width("🎉")).isEqualTo(2);
        assertThat(Cells.width("e\u0301")).isEqualTo(1);
    }
}
