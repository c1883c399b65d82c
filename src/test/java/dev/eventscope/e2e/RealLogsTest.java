package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed copies of the real logs and how the tests find the logs (ADR 0200). */
class RealLogsTest {

    @ParameterizedTest
    @ValueSource(strings = {RealLogs.PERMITS, RealLogs.FINES})
    void the_committed_copy_is_byte_identical_to_the_log_the_tests_read(String name) throws IOException {
        // given: shared/data beside the repository when it is there, else the unpacked committed copy
        Path read = RealLogs.file(name);

        // when
        String committed = sha256(RealLogs.committed(name));
        String source = sha256(Files.readAllBytes(read));

        // then
        assertThat(committed)
                .as(
                        "src/test/resources/data/%s.gz unpacks to other bytes than %s: refresh it with"
                                + " 'gzip -9 -n -c %s > src/test/resources/data/%s.gz' (ADR 0200)",
                        name, read, read, name)
                .isEqualTo(source);
    }

    @Test
    void the_committed_copies_hold_8577_permit_events_and_390_fine_events() {
        assertThat(lines(RealLogs.committed(RealLogs.PERMITS))).isEqualTo(8_577);
        assertThat(lines(RealLogs.committed(RealLogs.FINES))).isEqualTo(390);
    }

    @Nested
    class when_finding_the_logs {

        @TempDir
        Path root;

        Path repository;
        Path unpacked;

        @BeforeEach
        void a_repository_in_a_projects_folder() throws IOException {
            repository = Files.createDirectories(root.resolve("projects/eventscope"));
            unpacked = repository.resolve("target/real-logs");
        }

        @Test
        void a_given_directory_comes_before_shared_data() throws IOException {
            // given
            logsIn(root.resolve("projects/shared/data"));
            Path given = logsIn(root.resolve("elsewhere"));

            // when
            Path found = RealLogs.resolve(given.toString(), repository, unpacked);

            // then
            assertThat(found).isEqualTo(given);
            assertThat(unpacked).doesNotExist();
        }

        @Test
        void a_given_directory_without_both_logs_fails_and_says_so() throws IOException {
            // given
            Path given = Files.createDirectories(root.resolve("half"));
            Files.writeString(given.resolve(RealLogs.PERMITS), "{}\n");

            // when / then
            assertThatThrownBy(() -> RealLogs.resolve(given.toString(), repository, unpacked))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("-Deventscope.data=" + given + " does not hold both real logs"
                            + " [receipt.ndjson, roadtraffic.ndjson]");
        }

        @Test
        void shared_data_beside_the_repository_comes_next() throws IOException {
            // given
            Path beside = logsIn(root.resolve("projects/shared/data"));
            logsIn(root.resolve("shared/data"));

            // when
            Path found = RealLogs.resolve(null, repository, unpacked);

            // then
            assertThat(found).isEqualTo(beside);
            assertThat(unpacked).doesNotExist();
        }

        @Test
        void shared_data_two_levels_up_serves_a_worktree_one_level_down() throws IOException {
            // given
            Path above = logsIn(root.resolve("shared/data"));

            // when
            Path found = RealLogs.resolve(null, repository, unpacked);

            // then
            assertThat(found).isEqualTo(above);
        }

        @Test
        void without_shared_data_the_committed_copies_are_unpacked_into_target() throws IOException {
            // given: a shared/data beside the repository that lacks the fines log does not count
            Path half = Files.createDirectories(root.resolve("projects/shared/data"));
            Files.writeString(half.resolve(RealLogs.PERMITS), "{}\n");

            // when
            Path found = RealLogs.resolve(null, repository, unpacked);

            // then
            assertThat(found).isEqualTo(unpacked);
            for (String name : RealLogs.NAMES) {
                assertThat(Files.readAllBytes(found.resolve(name))).isEqualTo(RealLogs.committed(name));
            }
            try (var files = Files.list(found)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder(RealLogs.PERMITS, RealLogs.FINES);
            }
        }

        private Path logsIn(Path d) throws IOException {
            Files.createDirectories(d);
            for (String name : RealLogs.NAMES) {
                Files.writeString(d.resolve(name), "{}\n");
            }
            return d;
        }
    }

    private static long lines(byte[] log) {
        return new String(log, StandardCharsets.UTF_8).lines().count();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
