package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --help}, {@code --version}, each command's help, and usage errors (exit 2). */
class CliBasicsIT {

    @TempDir
    Path dir;

    @Nested
    class when_asking_for_help {

        @Test
        void help_lists_every_command_and_every_exit_code() {
            // when
            Evs.Result r = Evs.in(dir).run("--help");

            // then
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stderr()).isEmpty();
            assertThat(r.stdout())
                    .startsWith("Eventscope: an event store and forensics tool over SQLite or PostgreSQL.\n");
            for (String command :
                    new String[] {"init", "append", "import", "export", "events", "show", "streams", "verify", "head"
                    }) {
                assertThat(r.stdout()).containsPattern("\n  " + command + " +\\S");
            }
            for (String code : new String[] {"0", "1", "2", "3", "65", "66", "70", "74", "75"}) {
                assertThat(r.stdout()).containsPattern("\n  " + code + " +\\S");
            }
            assertThat(r.stdout()).contains("Run 'evs COMMAND --help' for a command's options and examples.");
        }

        @Test
        void regression_every_command_has_its_own_help_option() {
            // was: only the root had --help, so 'evs append --help' (the hint of every usage error) exited 2
            Evs evs = Evs.in(dir);
            for (String command :
                    new String[] {"init", "append", "import", "export", "events", "show", "streams", "verify", "head"
                    }) {
                Evs.Result r = evs.run(command, "--help");
                assertThat(r.exitCode()).as(command + ": " + r).isZero();
                assertThat(r.stdout()).as(command).startsWith("Usage: evs " + command + " ");
                assertThat(r.stderr()).as(command).isEmpty();
            }
            assertThat(dir.resolve("events.db")).doesNotExist();
        }

        @Test
        void the_quick_root_help_is_the_same_text_as_the_help_command_and_as_the_help_with_options() {
            // given: '--help' alone into a pipe is answered before any command line is built (ADR 0044)
            Evs evs = Evs.in(dir);

            // when
            Evs.Result quick = evs.run("--help");
            Evs.Result viaPicocli = evs.run("help");
            Evs.Result withOption = evs.run("--no-color", "--help");

            // then
            assertThat(viaPicocli.exitCode()).isZero();
            assertThat(withOption.exitCode()).isZero();
            assertThat(quick.stdout())
                    .isEqualTo(viaPicocli.stdout())
                    .isEqualTo(withOption.stdout())
                    .contains("\nOptions:\n      --db=FILE ");
            assertThat(quick.stdout().lines())
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        }

        @Test
        void on_a_terminal_of_known_width_the_quick_help_is_the_coloured_text_of_the_help_command() {
            // given: what scripts/evs tells a JVM whose stdout is a terminal 100 columns wide
            Evs terminal = Evs.in(dir)
                    .withJvmOption("-Deventscope.stdout.tty=1")
                    .withJvmOption("-Deventscope.columns=100")
                    .withEnv("NO_COLOR", "");

            // when
            Evs.Result quick = terminal.run("--help");
            Evs.Result viaPicocli = terminal.run("help");

            // then
            assertThat(quick.exitCode()).isZero();
            assertThat(quick.stdout()).contains("\u001b[").isEqualTo(viaPicocli.stdout());
            String plain = quick.stdout().replaceAll("\u001b\\[[0-9;]*m", "");
            assertThat(plain.lines())
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
            assertThat(plain.lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(80);
        }
    }

    @Test
    void version_prints_the_build_version_and_the_commit_it_was_built_from() throws Exception {
        // given: the commit the repository is at (the build ran scripts/build-info on it)
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD")
                .directory(Evs.baseDir().toFile())
                .start();
        String head = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(git.waitFor()).isZero();

        // when
        Evs.Result r = Evs.in(dir).run("--version");

        // then
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout())
                .matches("eventscope " + java.util.regex.Pattern.quote(Evs.version()) + " \\(commit "
                        + head.substring(0, 12) + ", \\d{4}-\\d\\d-\\d\\d(, with local changes)?\\)\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Nested
    class when_the_command_line_is_wrong {

        @Test
        void no_command_is_a_usage_error() {
            Evs.Result r = Evs.in(dir).run();

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).isEqualTo("evs: a command is required\nhint: see 'evs --help'\n");
        }

        @Test
        void an_unknown_command_is_a_usage_error() {
            Evs.Result r = Evs.in(dir).run("improt");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr())
                    .isEqualTo("evs: unknown command 'improt'; did you mean 'import'?\nhint: see 'evs --help'\n");
        }

        @Test
        void an_unknown_option_is_a_usage_error_and_writes_nothing() {
            Evs.Result r = Evs.in(dir).run("append", "--bogus");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).isEqualTo("evs: Unknown option: '--bogus'\nhint: see 'evs append --help'\n");
            assertThat(dir.resolve("events.db")).doesNotExist();
        }

        @Test
        void an_unknown_output_format_is_a_usage_error() {
            Evs.Result r = Evs.in(dir).run("streams", "-o", "xml");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr())
                    .isEqualTo(
                            "evs: -o xml is not a format of this command\nhint: use one of table, json, ndjson, csv\n");
        }

        @Test
        void an_unknown_time_zone_is_a_usage_error() {
            Evs.Result r = Evs.in(dir).run("--tz", "Mars/Olympus", "events");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr())
                    .isEqualTo("evs: --tz: 'Mars/Olympus' is not a time zone such as UTC or Europe/Amsterdam\n"
                            + "hint: use an IANA zone id such as Europe/Amsterdam\n");
        }
    }
}
