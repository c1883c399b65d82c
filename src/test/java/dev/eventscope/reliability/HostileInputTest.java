package dev.eventscope.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.cli.Main;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile input corpus ({@code src/test/resources/hostile}, described in docs/RELIABILITY.md)
 * through the real command line, in this JVM: every file is either refused whole (exit 65, the
 * problem named, the empty store left empty) or stored so that what is read back is exactly what
 * was written. The 200 MB line and the run under {@code -Xmx256m} are in
 * {@code scripts/reliability/10-hostile-input.sh}.
 */
class HostileInputTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String stdout, String stderr) {}

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("truncated-line", "line 2: malformed JSON: Unexpected end-of-input"),
                Arguments.of("two-objects-on-a-line", "line 2: malformed JSON: Trailing token"),
                Arguments.of("invalid-utf8", "line 2: malformed JSON: Invalid UTF-8 middle byte 0x28"),
                Arguments.of("overlong-utf8", "line 2: malformed JSON: Invalid UTF-8 start byte 0xc0"),
                Arguments.of("encoded-surrogate", "line 2: malformed JSON: Invalid UTF-8: Illegal surrogate character"),
                Arguments.of(
                        "lone-surrogate-escape", "line 2: unpaired surrogate (not valid Unicode) at $.payload.text"),
                Arguments.of(
                        "lone-low-surrogate-escape",
                        "line 2: unpaired surrogate (not valid Unicode) at $.payload.text"),
                Arguments.of("duplicate-keys", "line 2: malformed JSON: Duplicate field 'a'"),
                Arguments.of("duplicate-top-level-keys", "line 2: malformed JSON: Duplicate field 'eventId'"),
                Arguments.of("deep-nesting-10000", "line 2: malformed JSON: Document nesting depth (501) exceeds"),
                Arguments.of("timestamp-without-offset", "line 2: '2024-01-15T10:30:00' has no offset"),
                Arguments.of("impossible-timestamps", "9 of 9 lines are invalid"),
                Arguments.of("uuid-variants", "6 of 9 lines are invalid"),
                Arguments.of(
                        "terminal-escape-raw",
                        "line 2: malformed JSON: Illegal unquoted character ((CTRL-CHAR, code 27))"),
                Arguments.of("terminal-escapes-in-names", "line 1: aggregateId contains the control character U+001B"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void a_hostile_file_is_refused_whole_with_the_problem_named_and_nothing_written(String name, String problem)
            throws Exception {
        // given: an empty store
        assertThat(evs("init").exitCode()).isZero();

        // when
        Run r = evs("import", corpus(name).toString());

        // then
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(65);
        assertThat(r.stderr()).contains("nothing was imported").contains(problem);
        assertThat(column("SELECT count(*) FROM events")).containsExactly("0");
    }

    @Nested
    class when_the_input_is_valid_but_unusual {

        @Test
        void a_byte_order_mark_before_the_first_line_is_skipped() throws Exception {
            assertThat(imported("bom")).isEqualTo(1);
            assertThat(column("SELECT payload FROM events")).containsExactly("{\"ok\":true}");
        }

        @Test
        void crlf_line_ends_read_like_lf_and_an_escaped_cr_in_a_string_is_kept() throws Exception {
            assertThat(imported("crlf")).isEqualTo(2);
            assertThat(column("SELECT payload FROM events WHERE position = 2"))
                    .containsExactly("{\"text\":\"a\\r\\nb\"}");
        }

        @Test
        void a_surrogate_pair_escaped_or_raw_is_stored_as_the_utf8_character() throws Exception {
            assertThat(imported("surrogate-pair")).isEqualTo(2);
            assertThat(column("SELECT payload FROM events WHERE position = 2"))
                    .containsExactly("{\"text\":\"\uD83D\uDE00 \uD83D\uDE00\"}");
        }

        @Test
        void huge_numbers_and_negative_zero_are_stored_as_written() throws Exception {
            assertThat(imported("huge-numbers")).isEqualTo(1);
            assertThat(column("SELECT payload FROM events"))
                    .containsExactly("{\"big\":123456789012345678901234567890123456789012345678901234567890"
                            + ".123456789012345678901234567890,\"huge\":1E+400,\"tiny\":-1e-400,\"negzero\":-0,"
                            + "\"exp\":1.0E10,\"int\":9223372036854775808}");
        }

        @Test
        void sql_and_shell_metacharacters_in_every_text_field_are_stored_as_written() throws Exception {
            // given
            JsonNode input = Json.parseTrusted(Files.readString(corpus("metacharacters")));
            String m = input.get("eventType").asText();
            assertThat(m).contains("'; DROP TABLE events; --").contains("$(touch /tmp/pwned)");

            // when
            assertThat(imported("metacharacters")).isEqualTo(1);

            // then
            assertThat(column(
                            "SELECT event_type || '|' || aggregate_type || '|' || aggregate_id || '|' || user_id || '|'"
                                    + " || correlation_id || '|' || causation_id FROM events"))
                    .containsExactly(String.join("|", m, m, m, m, m, m));
            assertThat(Json.parseTrusted(column("SELECT payload FROM events").get(0)))
                    .isEqualTo(input.get("payload"));
            assertThat(Json.parseTrusted(column("SELECT metadata FROM events").get(0))
                            .get(m)
                            .asText())
                    .isEqualTo(m);
        }

        @Test
        void terminal_escapes_in_payload_and_metadata_are_stored_escaped_and_read_back_as_the_same_strings()
                throws Exception {
            // given
            JsonNode input = Json.parseTrusted(Files.readString(corpus("terminal-escapes-in-payload")));

            // when
            assertThat(imported("terminal-escapes-in-payload")).isEqualTo(1);

            // then: the same strings, and no raw C0 control character in the stored text
            String payload = column("SELECT payload FROM events").get(0);
            assertThat(Json.parseTrusted(payload)).isEqualTo(input.get("payload"));
            assertThat(payload.chars().filter(c -> c < 0x20)).isEmpty();
            assertThat(Json.parseTrusted(column("SELECT metadata FROM events").get(0)))
                    .isEqualTo(input.get("metadata"));
        }

        @Test
        void uuid_variants_in_canonical_form_are_stored_lower_case_and_the_rest_skipped_when_asked() throws Exception {
            // when
            Run r = evs("import", "--skip-invalid", corpus("uuid-variants").toString());

            // then
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(column("SELECT event_id FROM events ORDER BY position"))
                    .containsExactly(
                            "00000000-0000-4000-8000-00000000000a",
                            "00000000-0000-0000-0000-000000000000",
                            "ffffffff-ffff-ffff-ffff-ffffffffffff");
        }
    }

    // ------------------------------------------------------------------ helpers

    private long imported(String name) throws IOException, SQLException {
        Run r = evs("import", corpus(name).toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return Long.parseLong(column("SELECT count(*) FROM events").get(0));
    }

    private Path corpus(String name) throws IOException {
        Path file = dir.resolve(name + ".ndjson");
        if (!Files.exists(file)) {
            try (InputStream in = getClass().getResourceAsStream("/hostile/" + name + ".ndjson")) {
                assertThat(in).as("corpus file %s", name).isNotNull();
                Files.copy(in, file);
            }
        }
        return file;
    }

    private Run evs(String... command) {
        List<String> args =
                new ArrayList<>(List.of("--db", dir.resolve("events.db").toString(), "--no-color"));
        args.addAll(List.of(command));
        String[] argv = args.toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main();
        int code = Main.run(Main.commandLine(main, new PrintWriter(out), new PrintWriter(err), argv), main, argv);
        return new Run(code, out.toString(), err.toString());
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
