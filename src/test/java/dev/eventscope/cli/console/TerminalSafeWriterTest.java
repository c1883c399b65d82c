package dev.eventscope.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.cli.render.Palette;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TerminalSafeWriterTest {

    static String through(String text) throws IOException {
        StringWriter sink = new StringWriter();
        try (TerminalSafeWriter w = new TerminalSafeWriter(sink)) {
            w.write(text);
        }
        return sink.toString();
    }

    @Nested
    class when_data_tries_to_drive_the_terminal {

        @Test
        void a_window_title_sequence_is_escaped() throws IOException {
            assertThat(through("a\u001b]0;pwned\u0007b")).isEqualTo("a\\u001b]0;pwned\\u0007b");
        }

        @Test
        void a_screen_clear_is_escaped() throws IOException {
            assertThat(through("\u001b[2J\u001b[H")).isEqualTo("\\u001b[2J\\u001b[H");
        }

        @Test
        void c1_controls_such_as_the_single_byte_csi_are_escaped() throws IOException {
            assertThat(through("x\u009b2Jy\u0085\u007f")).isEqualTo("x\\u009b2Jy\\u0085\\u007f");
        }

        @Test
        void carriage_return_backspace_and_bidi_overrides_are_escaped() throws IOException {
            assertThat(through("ok\rno\bx\u202ey")).isEqualTo("ok\\u000dno\\u0008x\\u202ey");
        }

        @Test
        void an_escape_at_the_very_end_is_escaped_on_close() throws IOException {
            assertThat(through("tail\u001b[3")).isEqualTo("tail\\u001b[3");
        }
    }

    @Nested
    class when_the_text_is_ordinary_or_our_own_colour {

        @Test
        void newlines_tabs_and_unicode_pass_unchanged() throws IOException {
            assertThat(through("a\tb\nçé€😀")).isEqualTo("a\tb\nçé€😀");
        }

        @Test
        void the_palette_colours_pass_unchanged() throws IOException {
            String painted = Palette.of(true).paint(Palette.Role.EVENT_TYPE, "OrderPlaced");
            assertThat(painted).contains("\u001b[");
            assertThat(through(painted)).isEqualTo(painted);
        }
    }

    @Test
    void json_with_a_c1_control_stays_valid_json_with_the_same_value() throws IOException {
        // given: Jackson writes C1 controls raw inside strings
        String json = Json.write(Json.parseTrusted("{\"t\":\"\\u009b31m\"}"));
        assertThat(json).contains("\u009b");

        // when
        String shown = through(json);

        // then
        assertThat(shown).doesNotContain("\u009b");
        assertThat(Json.parseTrusted(shown)).isEqualTo(Json.parseTrusted(json));
    }
}
