package dev.eventscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines as people type them: a command's options before its name, and unknown commands (issue 23). */
class CommandArgumentsTest {

    /** What one run printed and its exit code. */
    record Ran(int code, String out, String err) {}

    private static Ran run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main();
        int code = Main.run(Main.commandLine(main, new PrintWriter(out), new PrintWriter(err), args), main, args);
        return new Ran(code, out.toString(), err.toString());
    }

    private static String[] arranged(String... args) {
        StringWriter sink = new StringWriter();
        return CommandArguments.arrange(
                Main.commandLine(new Main(), new PrintWriter(sink), new PrintWriter(sink), args), args);
    }

    @Nested
    class when_a_command_s_options_come_before_its_name {

        @Test
        void they_are_moved_after_the_name_with_their_values() {
            assertThat(arranged("-o", "ndjson", "events", "--type", "X"))
                    .containsExactly("events", "-o", "ndjson", "--type", "X");
            assertThat(arranged("--at", "2024-01-16T00:00:00Z", "state", "order-0007"))
                    .containsExactly("state", "--at", "2024-01-16T00:00:00Z", "order-0007");
            assertThat(arranged("--db", "x.db", "--at=2024-01-16T00:00:00Z", "-q", "state", "order-0007"))
                    .containsExactly("--db", "x.db", "-q", "state", "--at=2024-01-16T00:00:00Z", "order-0007");
        }

        @Test
        void a_subcommand_s_options_go_after_the_whole_command() {
            assertThat(arranged("-o", "json", "dlq", "list")).containsExactly("dlq", "list", "-o", "json");
        }

        @Test
        void global_options_and_lines_in_the_usual_order_stay_as_they_are() {
            String[] usual = {"--db", "x.db", "-qv", "events", "--type", "X", "-o", "csv"};
            assertThat(arranged(usual)).containsExactly(usual);
        }

        @Test
        void the_command_runs_with_them(@TempDir Path dir) {
            // given
            String db = dir.resolve("e.db").toString();
            assertThat(run("--db", db, "append", "--type", "X", "--aggregate-type", "T", "--aggregate-id", "t-1")
                            .code())
                    .isZero();

            // when
            Ran r = run("--db", db, "-o", "csv", "--fields", "type,aggregateId", "events", "--type", "X");

            // then
            assertThat(r.err()).isEmpty();
            assertThat(r.out().lines()).containsExactly("type,aggregateId", "X,t-1");
            assertThat(r.code()).isZero();
        }

        @Test
        void an_option_neither_evs_nor_the_command_has_is_named_with_the_command() {
            // when
            Ran r = run("--type", "X", "streams");

            // then
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err())
                    .isEqualTo("evs: unknown option '--type': neither evs nor 'evs streams' has it\n"
                            + "hint: see 'evs streams --help'\n");
        }

        @Test
        void version_before_a_command_with_a_stream_version_is_ambiguous_and_refused() {
            // when
            Ran r = run("--version", "3", "state", "order-0007");

            // then
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err())
                    .isEqualTo(
                            "evs: --version before the command asks for evs's version; the stream version of"
                                    + " 'evs state' goes after its name: evs state ... --version N\nhint: see 'evs state --help'\n");
        }
    }

    @Nested
    class when_the_command_is_unknown {

        @Test
        void the_commands_close_to_it_are_suggested() {
            // when
            Ran r = run("stat");

            // then
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err())
                    .isEqualTo(
                            "evs: unknown command 'stat'; did you mean 'state' or 'stats'?\nhint: see 'evs --help'\n");
        }

        @Test
        void version_and_help_as_words_point_at_the_options() {
            assertThat(run("version").err())
                    .isEqualTo("evs: unknown command 'version'; did you mean --version?\nhint: see 'evs --help'\n");
            assertThat(run("--db", "x.db", "help").code()).isZero();
        }

        @Test
        void a_word_close_to_nothing_is_only_unknown() {
            assertThat(run("--db", "x.db", "frobnicate", "--all").err())
                    .isEqualTo("evs: unknown command 'frobnicate'\nhint: see 'evs --help'\n");
        }

        @Test
        void an_unknown_subcommand_is_named_with_its_group() {
            assertThat(run("dlq", "lst").err())
                    .isEqualTo(
                            "evs: unknown command 'dlq lst'; did you mean 'dlq list'?\nhint: see 'evs dlq --help'\n");
        }

        @Test
        void a_typo_of_a_command_behind_a_command_s_options_is_still_found() {
            assertThat(run("-o", "json", "evnts").err())
                    .isEqualTo("evs: unknown command 'evnts'; did you mean 'events'?\nhint: see 'evs --help'\n");
        }
    }
}
