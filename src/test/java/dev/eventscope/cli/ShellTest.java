package dev.eventscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eventscope.cli.shell.LiveValues;
import dev.eventscope.cli.shell.Session;
import dev.eventscope.cli.shell.Shell;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evs shell} in-process: piped scripts, and the interactive loop over a dumb terminal. */
class ShellTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Main session = new Main();

    static final String SETUP =
            "init\n" + "append --type Opened --aggregate-type Account --aggregate-id acc-1 --payload '{\"n\": 1}'\n";

    final PrintWriter outWriter = new PrintWriter(out, true);
    final PrintWriter errWriter = new PrintWriter(err, true);

    Shell shell(boolean keepGoing) {
        session.db = dir.resolve("events.db").toString();
        return new Shell(outWriter, errWriter, keepGoing);
    }

    /** The lines of a session started by this test's root, as a terminal session or a piped one. */
    Shell.LineRunner lines(Terminal terminal) {
        return session.shell(new Session(terminal), outWriter, errWriter);
    }

    int script(boolean keepGoing, String text) {
        Shell shell = shell(keepGoing);
        return shell.script(lines(null), new BufferedReader(new StringReader(text)));
    }

    @AfterEach
    void close() {
        session.closeEngine();
    }

    @Nested
    class when_reading_a_script {

        @Test
        void each_line_runs_in_order_and_comments_and_blank_lines_are_skipped() {
            // when
            int code = script(false, SETUP + "\n# the event, as JSON\nevents -o ndjson --fields-free\n");

            // then: an unknown option is a usage error of that line
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("evs: line 5 failed (exit 2): events -o ndjson --fields-free");
        }

        @Test
        void the_commands_share_one_store_and_print_their_results() {
            // when
            int code = script(false, SETUP + "# the event\n\nevents -o ndjson\nstreams -o csv\n");

            // then
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("\"eventType\":\"Opened\"").contains("Account,acc-1,1,1,1,1,");
        }

        @Test
        void the_first_failure_stops_the_script_with_its_exit_code() {
            // when
            int code = script(false, SETUP + "show 99\nevents -o ndjson\n");

            // then
            assertThat(code).isEqualTo(66);
            assertThat(err.toString())
                    .contains("evs: no event 99 in the store")
                    .contains("evs: line 3 failed (exit 66): show 99");
            assertThat(out.toString()).doesNotContain("\"eventType\"");
        }

        @Test
        void with_keep_going_every_line_runs_and_the_first_failure_is_the_exit_code() {
            // when
            int code = script(true, SETUP + "show 99\nshow not-an-id\nevents -o ndjson\n");

            // then
            assertThat(code).isEqualTo(66);
            assertThat(err.toString()).contains("line 3 failed (exit 66)").contains("line 4 failed (exit 2)");
            assertThat(out.toString()).contains("\"eventType\":\"Opened\"");
        }

        @Test
        void an_unclosed_quote_is_a_usage_error_of_that_line() {
            assertThat(script(false, "events --where '.x\n")).isEqualTo(2);
            assertThat(err.toString()).contains("cannot read the line");
        }

        @Test
        void a_shell_inside_the_shell_is_refused() {
            assertThat(script(false, "shell\n")).isEqualTo(2);
            assertThat(err.toString()).contains("evs: already in a shell");
        }

        @Test
        void exit_ends_the_script_with_its_code() {
            assertThat(script(false, SETUP + "exit 4\nshow 99\n")).isEqualTo(4);
            assertThat(err.toString()).doesNotContain("show 99");
        }
    }

    @Nested
    class when_interactive {

        Terminal terminal(String input, ByteArrayOutputStream screen) throws Exception {
            return new DumbTerminal(
                    "test",
                    "dumb",
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    screen,
                    StandardCharsets.UTF_8);
        }

        @Test
        void commands_run_until_exit_and_a_failure_does_not_end_the_session() throws Exception {
            // given
            script(false, SETUP);
            out.getBuffer().setLength(0);
            ByteArrayOutputStream screen = new ByteArrayOutputStream();

            // when
            int code;
            try (Terminal t = terminal("show 99\nevents -o ndjson\nexit 3\n", screen)) {
                Shell shell = shell(false);
                code = shell.interactive(lines(t), t, null, new LiveValues());
            }

            // then
            assertThat(code).isEqualTo(3);
            assertThat(err.toString()).contains("evs: no event 99 in the store");
            assertThat(out.toString()).contains("\"eventType\":\"Opened\"");
            assertThat(screen.toString(StandardCharsets.UTF_8)).contains("evs> ");
        }

        @Test
        void ctrl_c_cancels_the_running_command_and_the_shell_goes_on() throws Exception {
            // given
            script(false, SETUP);
            out.getBuffer().setLength(0);
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            try (Terminal t = terminal("events --follow --poll 20 -o ndjson\nstreams -o csv\nexit\n", screen)) {
                Shell shell = shell(false);
                int[] code = {-1};
                Shell.LineRunner lines = lines(t);
                Thread session = new Thread(() -> code[0] = shell.interactive(lines, t, null, new LiveValues()));
                session.start();

                // when: the follow has printed the stored event, Ctrl-C
                assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                    while (!out.toString().contains("Opened")) {
                        Thread.onSpinWait();
                    }
                    t.raise(Terminal.Signal.INT);
                    session.join();
                });

                // then
                assertThat(code[0]).isZero();
                assertThat(err.toString()).contains("evs: cancelled");
                assertThat(out.toString()).contains("Account,acc-1,1,1");
            }
        }
    }
}
