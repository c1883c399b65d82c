package dev.eventscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which commands a run registers with picocli (only what the arguments need, for start-up). */
class MainCommandsTest {

    @Nested
    class when_the_arguments_name_a_command {

        @Test
        void only_that_command_is_registered() {
            assertThat(Main.needed(new String[] {"--db", "x.db", "append", "--type", "T"}))
                    .containsOnlyKeys("append");
        }

        @Test
        void a_global_option_value_that_looks_like_a_command_is_not_taken_for_one() {
            assertThat(Main.needed(new String[] {"--db", "events", "show", "1"}))
                    .containsOnlyKeys("show");
        }

        @Test
        void help_registers_every_command_it_may_be_asked_about() {
            assertThat(Main.needed(new String[] {"help", "append"})).isEqualTo(Main.COMMANDS);
        }

        @Test
        void an_unknown_command_registers_every_command_so_picocli_can_suggest_one() {
            assertThat(Main.needed(new String[] {"improt"})).isEqualTo(Main.COMMANDS);
        }
    }

    @Nested
    class when_the_arguments_name_no_command {

        @Test
        void a_bare_version_registers_none() {
            assertThat(Main.needed(new String[] {"--version"})).isEmpty();
        }

        @Test
        void help_and_errors_register_every_command() {
            assertThat(Main.needed(new String[] {"--help"})).isEqualTo(Main.COMMANDS);
            assertThat(Main.needed(new String[] {})).isEqualTo(Main.COMMANDS);
        }
    }

    @Test
    void the_root_help_lists_every_command_in_order() {
        // given
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);

        // when
        int code =
                Main.commandLine(new Main(), out, out, new String[] {"--help"}).execute("--help");

        // then
        out.flush();
        assertThat(code).isZero();
        String help = text.toString();
        int at = 0;
        for (String name : Main.COMMANDS.keySet()) {
            int found = help.indexOf("\n  " + name + " ", at);
            assertThat(found).as(name).isGreaterThan(at);
            at = found;
        }
        assertThat(help.indexOf("\n  help ", at)).isGreaterThan(at);
    }

    @Test
    void a_command_registered_alone_still_has_the_global_options() {
        // given
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        String[] args = {"--db", "nowhere/x.db", "events"};

        // when
        int code = Main.commandLine(new Main(), out, out, args).execute(args);

        // then
        out.flush();
        assertThat(code).isEqualTo(66);
        assertThat(text.toString()).startsWith("evs: no store at nowhere/x.db");
    }
}
