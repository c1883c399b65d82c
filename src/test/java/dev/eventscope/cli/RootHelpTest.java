package dev.eventscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.cli.console.Terminal;
import dev.eventscope.cli.render.Palette;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

/** The root help laid out by {@link RootHelp}, and the quick answers of {@link Main#main}. */
class RootHelpTest {

    private static String picocli(String... args) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        int code = Main.commandLine(new Main(), out, out, args).execute(args);
        out.flush();
        assertThat(code).as(text.toString()).isZero();
        return text.toString();
    }

    @Nested
    class the_quick_answer {

        @Test
        void to_help_is_what_picocli_prints_for_every_way_to_the_root_help() {
            // given: surefire's stdout is no terminal, as the quick answer requires
            assertThat(Terminal.stdoutIsTerminal()).isFalse();

            // when
            String quick = RootHelp.answer(new String[] {"--help"}, false, 0, null);

            // then
            assertThat(quick)
                    .isEqualTo(picocli("--help"))
                    .isEqualTo(picocli("-h"))
                    .isEqualTo(picocli("help"))
                    .isEqualTo(RootHelp.answer(new String[] {"-h"}, false, 0, null));
        }

        @Test
        void to_version_is_the_version_provider_line() {
            assertThat(RootHelp.answer(new String[] {"--version"}, true, 0, null))
                    .isEqualTo(picocli("--version"))
                    .isEqualTo(new VersionProvider().getVersion()[0] + "\n")
                    .startsWith("eventscope ");
        }

        @Test
        void is_given_only_to_exactly_one_help_or_version_argument() {
            assertThat(RootHelp.quick(new String[] {"--help"}, false, 0)).isTrue();
            assertThat(RootHelp.quick(new String[] {"-h"}, false, 120)).isTrue();
            assertThat(RootHelp.quick(new String[] {"--version"}, false, 0)).isTrue();
            assertThat(RootHelp.quick(new String[] {"-V"}, true, 0)).isTrue();
            // on a terminal the launcher must have measured its width; else only picocli can ask
            assertThat(RootHelp.quick(new String[] {"--help"}, true, 100)).isTrue();
            assertThat(RootHelp.quick(new String[] {"--help"}, true, 0)).isFalse();

            assertThat(RootHelp.quick(new String[] {"--help", "--no-color"}, false, 0))
                    .isFalse();
            assertThat(RootHelp.quick(new String[] {"append", "--help"}, false, 0))
                    .isFalse();
            assertThat(RootHelp.quick(new String[] {"help"}, false, 0)).isFalse();
            assertThat(RootHelp.quick(new String[] {}, false, 0)).isFalse();
        }
    }

    @Nested
    class on_a_terminal {

        @Test
        void is_as_wide_as_the_terminal_and_never_narrower_than_picocli_allows() {
            assertThat(RootHelp.width(true, 132)).isEqualTo(132);
            assertThat(RootHelp.width(true, 30)).isEqualTo(RootHelp.MIN_WIDTH);
            assertThat(RootHelp.width(true, 0)).as("unknown: picocli asks").isZero();
            assertThat(RootHelp.width(false, 132)).as("a pipe").isEqualTo(RootHelp.PIPE_WIDTH);
        }

        @Test
        void is_coloured_unless_no_color_is_set() {
            String plain = RootHelp.render(100, Palette.PLAIN);

            assertThat(RootHelp.answer(new String[] {"--help"}, true, 100, null))
                    .contains("\u001b[")
                    .isNotEqualTo(plain);
            assertThat(RootHelp.answer(new String[] {"--help"}, true, 100, "1")).isEqualTo(plain);
        }
    }

    @Nested
    class the_layout {

        @Test
        void names_every_global_option_and_every_command() {
            // when
            String help = RootHelp.render(80, Palette.PLAIN);

            // then
            for (Field f : Main.class.getDeclaredFields()) {
                Option o = f.getAnnotation(Option.class);
                if (o != null) {
                    assertThat(help).contains(o.names()[o.names().length - 1]);
                }
            }
            for (String command : Main.COMMANDS.keySet()) {
                assertThat(help).containsPattern("\n  " + command + " +\\S");
            }
            assertThat(help)
                    .startsWith("Eventscope: an event store and forensics tool over SQLite or PostgreSQL.\n"
                            + "Usage: evs [OPTIONS] COMMAND [ARGS...]\n\n")
                    .contains("\n  -q, --quiet       Print results only: no summaries or warnings.\n")
                    .contains("\n  75    store busy past the timeout (retry later)\n")
                    .contains("\n  PAGER              pager of long output on a terminal (less -FRX; empty: none)\n")
                    .endsWith("\nRun 'evs COMMAND --help' for a command's options and examples.\n");
        }

        @Test
        void fits_every_width_and_keeps_every_character_but_spaces() {
            String words = RootHelp.render(80, Palette.PLAIN).replaceAll("\\s+", "");
            for (int width = 40; width <= 200; width += 7) {
                // when
                String help = RootHelp.render(width, Palette.PLAIN);

                // then
                for (String line : help.split("\n")) {
                    assertThat(line.length()).as("width %d: %s", width, line).isLessThanOrEqualTo(width);
                    assertThat(line).as("width %d", width).doesNotEndWith(" ");
                }
                assertThat(help.replaceAll("\\s+", "")).as("width %d", width).isEqualTo(words);
            }
        }

        @Test
        void continues_a_wrapped_description_two_columns_further_in() {
            // when
            String help = RootHelp.render(80, Palette.PLAIN);

            // then
            assertThat(help)
                    .contains("\n  init        Create an empty store (other commands create it on first write\n"
                            + "                too).\n");
        }

        @Test
        void continues_a_wrapped_footer_row_under_its_text() {
            // when: too narrow for the PAGER row
            List<String> lines = RootHelp.render(60, Palette.PLAIN).lines().toList();

            // then
            int pager = lines.indexOf(lines.stream()
                    .filter(l -> l.startsWith("  PAGER "))
                    .findFirst()
                    .orElseThrow());
            assertThat(lines.get(pager)).startsWith("  PAGER              pager of");
            assertThat(lines.get(pager + 1)).matches(" {23}\\S.*");
        }

        @Test
        void in_colour_is_the_same_text_with_escape_sequences() {
            // when
            String colour = RootHelp.render(80, Palette.of(true));

            // then
            assertThat(colour).contains("\u001b[");
            assertThat(colour.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(RootHelp.render(80, Palette.PLAIN));
        }
    }

    @Nested
    class annotation_text {

        @Test
        void takes_percent_n_as_a_line_break_and_a_double_percent_as_one() {
            assertThat(RootHelp.text("%nCommands:%n")).isEqualTo("\nCommands:\n");
            assertThat(RootHelp.text("100%% sure")).isEqualTo("100% sure");
        }

        @Test
        void refuses_what_picocli_would_have_rendered_otherwise() {
            assertThatThrownBy(() -> RootHelp.text("%s files")).hasMessageContaining("format specifier");
            assertThatThrownBy(() -> RootHelp.text("@|bold x|@")).hasMessageContaining("markup");
            assertThatThrownBy(() -> RootHelp.text("${DEFAULT-VALUE}")).hasMessageContaining("variable");
        }
    }
}
