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
        void only_that_command_is_registered_in_full() {
            Main.Plan plan = Main.plan(new String[] {"--db", "x.db", "append", "--type", "T"});
            assertThat(plan.commands()).containsOnlyKeys("append");
            assertThat(plan.listOnly()).isFalse();
        }

        @Test
        void a_global_option_value_that_looks_like_a_command_is_not_taken_for_one() {
            assertThat(Main.plan(new String[] {"--db", "events", "show", "1"}).commands())
                    .containsOnlyKeys("show");
        }

        @Test
        void help_registers_every_command_in_full_since_it_may_be_asked_about_any() {
            assertThat(Main.plan(new String[] {"help", "append"})).isEqualTo(new Main.Plan(Main.COMMANDS, false));
        }

        @Test
        void an_unknown_command_lists_every_command_so_picocli_can_suggest_one() {
            assertThat(Main.plan(new String[] {"improt"})).isEqualTo(new Main.Plan(Main.COMMANDS, true));
        }
    }

    @Nested
    class when_the_arguments_name_no_command {

        @Test
        void a_bare_version_registers_none() {
            assertThat(Main.plan(new String[] {"--version"}).commands()).isEmpty();
        }

        @Test
        void help_and_errors_list_every_command() {
            assertThat(Main.plan(new String[] {"--help"})).isEqualTo(new Main.Plan(Main.COMMANDS, true));
            assertThat(Main.plan(new String[] {})).isEqualTo(new Main.Plan(Main.COMMANDS, true));
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
    void an_unknown_command_is_answered_with_a_suggestion() {
        // given
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        String[] args = {"improt", "x.ndjson"};

        // when
        int code = Main.commandLine(new Main(), out, out, args).execute(args);

        // then
        assertThat(code).isEqualTo(2);
        // picocli lists every close name (import, project, snapshot): import must come first
        assertThat(text.toString()).contains("Did you mean: evs import");
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
