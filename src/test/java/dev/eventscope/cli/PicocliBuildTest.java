package dev.eventscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** picocli as the build compiles it from its sources (ADR 0044). */
class PicocliBuildTest {

    @Test
    void is_the_version_the_pom_names_so_a_stale_compilation_is_caught() {
        // given: the pom passes its picocli.version to the tests
        String named = System.getProperty("eventscope.picocli.version");

        // then
        assertThat(named)
                .as("run through Maven, which sets eventscope.picocli.version")
                .isNotBlank();
        assertThat(CommandLine.VERSION).isEqualTo(named);
    }

    @Test
    void is_compiled_for_java_17_so_the_class_data_archive_can_hold_it() throws IOException {
        // when
        int major;
        try (InputStream in = CommandLine.class.getResourceAsStream("CommandLine.class")) {
            assertThat(in).isNotNull();
            byte[] head = in.readNBytes(8);
            major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
        }

        // then: 61 is Java 17; the released jar holds Java 5 class files (49), which CDS refuses
        assertThat(major).isEqualTo(61);
    }
}
