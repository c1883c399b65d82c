package dev.eventscope.e2e.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README test fails when a command exits otherwise, or prints otherwise, than its document says. */
class ReadmeRunIT {

    @TempDir
    static Path cache;

    @TempDir
    Path dir;

    private static final String NO_EVENT = "evs: no event 1 in the store\nhint: list events with 'evs events'\n";

    private List<String> problems(String markdown) throws IOException {
        Path document = dir.resolve("DOC.md");
        Files.writeString(document, markdown);
        return new ReadmeRun(dir.resolve("scratch"), cache).run(document);
    }

    @Test
    void a_document_that_is_true_has_no_problems() throws IOException {
        assertThat(problems("```console\n$ evs init\ncreated store events.db\n$ evs show 1\n" + NO_EVENT
                        + "$ echo $?\n66\n```\n"))
                .isEmpty();
    }

    @Test
    void a_command_that_fails_where_the_document_implies_success_is_a_problem() throws IOException {
        // when
        List<String> problems = problems("# Doc\n\n```sh\nevs init\nevs show 1   # the first event\n```\n");

        // then
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("line 5: $ evs show 1   # the first event\nexited 66 where the document implies 0\n"
                        + "evs: no event 1 in the store");
    }

    @Test
    void an_exit_code_other_than_the_one_shown_is_a_problem() throws IOException {
        // when
        List<String> problems = problems(
                "```console\n$ evs init\ncreated store events.db\n$ evs show 1\n" + NO_EVENT + "$ echo $?\n0\n```\n");

        // then
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("line 7: $ echo $?\nprinted other than shown (first difference at shown line 1: 0)");
    }

    @Test
    void output_other_than_the_one_shown_is_a_problem() throws IOException {
        // when
        List<String> problems = problems("```console\n$ evs init\ncreated store other.db\n```\n");

        // then
        assertThat(problems)
                .singleElement()
                .asString()
                .isEqualTo(
                        "line 2: $ evs init\nprinted other than shown (first difference at shown line 1: created store"
                                + " other.db)\n--- shown\ncreated store other.db\n--- printed\ncreated store events.db");
    }

    @Test
    void the_environment_directory_and_variables_a_command_sets_stay_for_the_next() throws IOException {
        assertThat(problems("```sh\nexport EVENTSCOPE_DB=a.db\nmkdir sub && cd sub\nX=1\n```\n\n```console\n"
                        + "$ evs init && pwd | sed 's|.*/||' && echo $X\ncreated store a.db\nsub\n1\n```\n"))
                .isEmpty();
    }
}
