package dev.eventscope.e2e.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.Evs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README is true: every runnable block runs in order in a scratch clone, as a user would run
 * it, and every command exits as the README implies and prints what it shows (see {@link
 * ReadmeRun}). The samples' walkthroughs are {@link SampleWalkthroughsIT}, a class of its own so
 * that the two run side by side.
 */
class ReadmeIT {

    @TempDir
    static Path cache;

    @TempDir
    Path scratch;

    @Test
    void every_command_of_the_readme_does_what_it_shows() {
        check("README.md", scratch, cache);
    }

    /**
     * Runs {@code document} in {@code scratch} and fails listing every problem; what each command did
     * goes to the test's output.
     */
    static void check(String document, Path scratch, Path cache) {
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
