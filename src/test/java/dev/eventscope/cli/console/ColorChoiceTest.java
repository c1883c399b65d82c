package dev.eventscope.cli.console;

import static dev.eventscope.cli.console.ColorChoice.Mode.ALWAYS;
import static dev.eventscope.cli.console.ColorChoice.Mode.AUTO;
import static dev.eventscope.cli.console.ColorChoice.Mode.NEVER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ColorChoiceTest {

    @Nested
    class when_auto {

        @Test
        void a_terminal_gets_colour() {
            assertThat(ColorChoice.colored(AUTO, false, null, true)).isTrue();
            assertThat(ColorChoice.colored(null, false, null, true)).isTrue();
        }

        @Test
        void a_file_or_pipe_gets_none() {
            assertThat(ColorChoice.colored(AUTO, false, null, false)).isFalse();
        }

        @Test
        void no_color_set_to_anything_turns_it_off_but_an_empty_one_does_not() {
            assertThat(ColorChoice.colored(AUTO, false, "1", true)).isFalse();
            assertThat(ColorChoice.colored(AUTO, false, "", true)).isTrue();
        }
    }

    @Test
    void always_wins_over_no_color_and_a_pipe() {
        assertThat(ColorChoice.colored(ALWAYS, false, "1", false)).isTrue();
    }

    @Test
    void never_and_the_no_color_flag_win_over_a_terminal_and_always() {
        assertThat(ColorChoice.colored(NEVER, false, null, true)).isFalse();
        assertThat(ColorChoice.colored(ALWAYS, true, null, true)).isFalse();
    }
}
