package dev.eventscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionProviderTest {

    static final String COMMIT = "8d8410acf912a6072b452a4f044fce1840e44f52";

    @Test
    void the_version_line_names_the_version_and_twelve_digits_of_the_commit_with_its_date() {
        assertThat(VersionProvider.line("1.2.0", COMMIT, "2026-11-27", false))
                .isEqualTo("eventscope 1.2.0 (commit 8d8410acf912, 2026-11-27)");
    }

    @Test
    void a_build_from_a_changed_tree_says_so() {
        assertThat(VersionProvider.line("1.2.0-SNAPSHOT", COMMIT, "2026-11-27", true))
                .isEqualTo("eventscope 1.2.0-SNAPSHOT (commit 8d8410acf912, 2026-11-27, with local changes)");
    }

    @Test
    void a_build_without_git_says_the_commit_is_unknown() {
        assertThat(VersionProvider.line("1.2.0", "", "", false)).isEqualTo("eventscope 1.2.0 (commit unknown)");
    }

    @Test
    void this_build_prints_what_scripts_build_info_recorded() {
        assertThat(new VersionProvider().getVersion())
                .containsExactly(VersionProvider.line(
                        BuildInfo.VERSION, BuildInfo.COMMIT, BuildInfo.COMMIT_DATE, BuildInfo.MODIFIED));
        assertThat(BuildInfo.VERSION).isEqualTo(System.getProperty("eventscope.project.version"));
    }
}
