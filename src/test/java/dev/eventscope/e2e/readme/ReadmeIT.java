package dev.eventscope.e2e.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.Evs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README and each sample's walkthrough are true: every runnable block runs in order in a
 * scratch clone, as a user would run it, and every command exits as the document implies and
 * prints what the document shows (see {@link ReadmeRun}).
 */
class ReadmeIT {

    @TempDir
    static Path cache;

    @TempDir
    Path scratch;

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "README.md",
                "samples/orders/README.md",
                "samples/tasks/README.md",
                "samples/permits/README.md",
                "samples/fines/README.md"
            })
    void every_command_of_the_document_does_what_it_shows(String document) {
        // given
        ReadmeRun run = new ReadmeRun(scratch, cache);

        // when
        List<String> problems = run.run(Evs.baseDir().resolve(document));

        // then
        System.out.println(
                document + ", run in a scratch clone; what each command did:\n" + String.join("\n", run.log()));
        assertThat(String.join("\n\n", problems))
                .as(document + ", run in a scratch clone")
                .isEmpty();
    }
}
