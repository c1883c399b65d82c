package dev.eventscope.e2e.readme;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each sample's README walkthrough is true, checked as the README is ({@link ReadmeIT}). */
class SampleWalkthroughsIT {

    @TempDir
    static Path cache;

    @TempDir
    Path scratch;

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "samples/orders/README.md",
                "samples/tasks/README.md",
                "samples/permits/README.md",
                "samples/fines/README.md"
            })
    void every_command_of_the_walkthrough_does_what_it_shows(String document) {
        ReadmeIT.check(document, scratch, cache);
    }
}
