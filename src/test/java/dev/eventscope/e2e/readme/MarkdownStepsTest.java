package dev.eventscope.e2e.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MarkdownStepsTest {

    private static List<Steps.Step> steps(String markdown) {
        return Markdown.blocks(markdown).stream()
                .flatMap(b -> Steps.of(b).stream())
                .toList();
    }

    @Nested
    class when_a_block_is_sh {

        @Test
        void each_command_is_a_step_that_shows_nothing_and_comments_are_skipped() {
            // when
            List<Steps.Step> steps = steps("text\n\n```sh\n# a comment\nevs init   # why\n\nevs head\n```\n");

            // then
            assertThat(steps)
                    .containsExactly(new Steps.Step(5, "evs init   # why", null), new Steps.Step(7, "evs head", null));
        }

        @Test
        void a_command_goes_on_over_a_trailing_backslash_an_open_quote_and_a_here_document() {
            // when
            List<Steps.Step> steps =
                    steps("```sh\nevs append \\\n  --payload '{\n}'\ncat > f <<'EOF'\n$x\nEOF\nevs a |\n  jq .\n```\n");

            // then
            assertThat(steps)
                    .extracting(Steps.Step::command)
                    .containsExactly(
                            "evs append \\\n  --payload '{\n}'", "cat > f <<'EOF'\n$x\nEOF", "evs a |\n  jq .");
        }
    }

    @Nested
    class when_a_block_is_a_console_transcript {

        @Test
        void each_dollar_line_is_a_step_with_the_lines_after_it_as_its_output() {
            // when
            List<Steps.Step> steps = steps("```console\n$ evs init\ncreated store events.db\n\n$ echo $?\n0\n```\n");

            // then
            assertThat(steps)
                    .containsExactly(
                            new Steps.Step(2, "evs init", List.of("created store events.db")),
                            new Steps.Step(5, "echo $?", List.of("0")));
            assertThat(steps.get(1).echoesExitCode()).isTrue();
        }

        @Test
        void a_quoted_argument_over_several_lines_is_part_of_the_command_not_its_output() {
            // when
            List<Steps.Step> steps = steps("```console\n$ evs query \"SELECT a,\n    b FROM t\"\na  b\n```\n");

            // then
            assertThat(steps)
                    .containsExactly(new Steps.Step(2, "evs query \"SELECT a,\n    b FROM t\"", List.of("a  b")));
        }

        @Test
        void output_before_any_command_is_refused() {
            assertThatThrownBy(() -> steps("```console\nnot a command\n```\n"))
                    .hasMessageContaining("line 2: a console block must start each command with '$ '");
        }
    }

    @Nested
    class when_a_block_is_not_run {

        @Test
        void a_marked_block_is_not_run_and_a_data_block_is_neither_run_nor_a_command() {
            // when
            List<Markdown.Block> blocks = Markdown.blocks(
                    "<!-- not run: needs zsh -->\n```sh\nevs completion zsh\n```\n\n```yaml\na: 1\n```\n");

            // then
            assertThat(blocks)
                    .extracting(Markdown.Block::kind)
                    .containsExactly(Markdown.Kind.NOT_RUN, Markdown.Kind.NOT_RUN);
            assertThat(blocks.get(0).notRun()).isEqualTo("needs zsh");
            assertThat(blocks).noneMatch(Markdown.Block::unmarkedCommand);
            assertThat(steps("<!-- not run: needs zsh -->\n```sh\nevs completion zsh\n```\n"))
                    .isEmpty();
        }

        @Test
        void an_unmarked_block_that_shows_a_command_is_found() {
            // when
            List<Markdown.Block> blocks =
                    Markdown.blocks("```\nevs trace X | dot -Tsvg\n```\n```text\n$ evs shell\n```\n");

            // then
            assertThat(blocks).allMatch(Markdown.Block::unmarkedCommand);
        }
    }
}
