package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportIT {

    @TempDir
    Path dir;

    private Evs evs;

    @BeforeEach
    void runner() {
        evs = Evs.in(dir);
    }

    private Path db() {
        return dir.resolve("events.db");
    }

    private long count() {
        return Long.parseLong(
                Fixtures.column(db(), "SELECT count(*) FROM events").get(0));
    }

    /** The summary line, with the transaction count and seconds left open. */
    private static String summary(long imported, String source, long present, long invalid) {
        return "imported " + imported + " events from " + Pattern.quote(source) + " \\(" + present
                + " already present, " + invalid + " invalid skipped\\) in \\d+ transactions, \\d+\\.\\d s\n";
    }

    /** One good line, each kind of bad line the issue names, and another good line. */
    private static byte[] badFile() {
        byte[][] lines = {
            ("{\"eventId\":\"00000000-0000-4000-8000-0000000000a1\",\"eventType\":\"A\",\"aggregateType\":\"T\","
                            + "\"aggregateId\":\"1\",\"timestamp\":\"2024-01-01T00:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8),
            "{\"eventType\":\"A\",".getBytes(StandardCharsets.UTF_8),
            concat(
                    "{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"".getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xFF, (byte) 0xFE},
                    "\"}".getBytes(StandardCharsets.UTF_8)),
            ("{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\",\"payload\":" + "{\"a\":".repeat(600)
                            + "1" + "}".repeat(600) + "}")
                    .getBytes(StandardCharsets.UTF_8),
            "{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\",\"timestamp\":\"2024-01-01T00:00:00\"}"
                    .getBytes(StandardCharsets.UTF_8),
            "{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\",\"timestamp\":\"2024-02-30T00:00:00Z\"}"
                    .getBytes(StandardCharsets.UTF_8),
            "{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\",\"eventType\":\"B\"}"
                    .getBytes(StandardCharsets.UTF_8),
            ("{\"eventId\":\"00000000-0000-4000-8000-0000000000a2\",\"eventType\":\"A\",\"aggregateType\":\"T\","
                            + "\"aggregateId\":\"1\",\"timestamp\":\"2024-01-02T00:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8)
        };
        byte[] out = new byte[0];
        for (byte[] line : lines) {
            out = concat(out, line, new byte[] {'\n'});
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static final String BAD_FILE_PROBLEMS = "  line 2: malformed JSON: Unexpected end-of-input within/between"
            + " Object entries (column 18)\n"
            + "  line 3: malformed JSON: Invalid UTF-8 start byte 0xff (column 54)\n"
            + "  line 4: malformed JSON: Document nesting depth (501) exceeds the maximum allowed (500, from"
            + " `StreamReadConstraints.getMaxNestingDepth()`)\n"
            + "  line 5: '2024-01-01T00:00:00' has no offset: add Z or an offset such as +01:00, or pass --tz ZONE\n"
            + "  line 6: '2024-02-30T00:00:00Z' is not a real date and time\n"
            + "  line 7: malformed JSON: Duplicate field 'eventType' (column 67)\n";

    @Nested
    class when_the_input_is_valid {

        @Test
        void the_sample_imports_and_a_second_run_imports_nothing_new() {
            // given
            String sample =
                    Evs.baseDir().resolve("samples/orders/events.ndjson").toString();

            // when
            Evs.Result first = evs.run("import", sample);
            Evs.Result again = evs.run("import", sample);

            // then
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.stderr()).matches(summary(418, sample, 0, 0));
            assertThat(first.stdout()).isEmpty();
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.stderr()).matches(summary(0, sample, 418, 0));
            assertThat(count()).isEqualTo(418);
        }

        @Test
        void regression_issue_23_the_summary_is_for_people_on_stderr_and_quiet_leaves_it_out() {
            // given
            String sample =
                    Evs.baseDir().resolve("samples/orders/events.ndjson").toString();

            // when: it was printed on stdout, and -q did not remove it
            Evs.Result quiet = evs.run("-q", "import", sample);
            Evs.Result again = evs.run("import", sample);

            // then
            assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
            assertThat(quiet.stdout()).isEmpty();
            assertThat(quiet.stderr()).isEmpty();
            assertThat(again.stdout()).isEmpty();
            assertThat(again.stderr()).matches(summary(0, sample, 418, 0));
            assertThat(count()).isEqualTo(418);
        }

        @Test
        void standard_input_imports_like_a_file_and_reports_as_json() {
            // when
            Evs.Result r = evs.runWithInput(Fixtures.ORDERS, "import", "-", "-o", "ndjson");

            // then
            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode report = Json.parseTrusted(r.stdout());
            assertThat(report.get("source").asText()).isEqualTo("standard input");
            assertThat(report.get("lines").asLong()).isEqualTo(4);
            assertThat(report.get("imported").asLong()).isEqualTo(4);
            assertThat(report.get("skipped").asLong()).isZero();
            assertThat(report.get("rejected").asLong()).isZero();
            assertThat(Fixtures.column(db(), "SELECT event_id FROM events ORDER BY position"))
                    .containsExactly(Fixtures.ID_1, Fixtures.ID_2, Fixtures.ID_3, Fixtures.ID_4);
        }

        @Test
        void regression_a_json_array_imports_element_by_element() {
            // was: the array was read as NDJSON, so every line of it was "malformed JSON" (exit 65)
            Fixtures.write(
                    dir,
                    "batch.json",
                    "[\n  {\"eventType\": \"A\", \"aggregateType\": \"T\", \"aggregateId\": \"1\",\n"
                            + "   \"payload\": {\"note\": \"commas, ] and [ inside\"}},\n"
                            + "  {\"eventType\": \"B\", \"aggregateType\": \"T\", \"aggregateId\": \"1\"}\n]\n");

            Evs.Result first = evs.run("import", "batch.json");
            Evs.Result again = evs.run("import", "batch.json");

            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.stderr()).matches(summary(2, "batch.json", 0, 0));
            assertThat(again.stderr()).matches(summary(0, "batch.json", 2, 0));
            assertThat(Fixtures.column(db(), "SELECT event_type || ' ' || payload FROM events ORDER BY position"))
                    .containsExactly("A {\"note\":\"commas, ] and [ inside\"}", "B {}");
        }

        @Test
        void an_invalid_element_of_a_json_array_is_named_by_its_number() {
            Fixtures.write(
                    dir,
                    "batch.json",
                    "[{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\"},"
                            + " {\"eventType\":\"B\"}]");

            Evs.Result r = evs.run("import", "batch.json");

            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(r.stderr())
                    .isEqualTo("evs: batch.json: 1 of 2 elements are invalid; nothing was imported\n"
                            + "  element 2: aggregateType is missing\n"
                            + "hint: fix them, or pass --skip-invalid (with --rejects FILE) to import the valid"
                            + " elements\n");
            assertThat(db()).doesNotExist();
        }
    }

    @Nested
    class when_lines_are_invalid {

        @Test
        void each_bad_line_is_reported_with_its_number_and_no_store_is_created() {
            // given
            Fixtures.write(dir, "bad.ndjson", badFile());

            // when
            Evs.Result r = evs.run("import", "bad.ndjson");

            // then
            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr())
                    .isEqualTo("evs: bad.ndjson: 6 of 8 lines are invalid; nothing was imported\n"
                            + BAD_FILE_PROBLEMS
                            + "hint: fix them, or pass --skip-invalid (with --rejects FILE) to import the valid"
                            + " lines\n");
            assertThat(db()).doesNotExist();
        }

        @Test
        void an_existing_store_is_left_unchanged() {
            // given
            Fixtures.importOrders(evs);
            String before = Fixtures.sha256(db());
            Fixtures.write(dir, "bad.ndjson", badFile());

            // when
            Evs.Result r = evs.run("import", "bad.ndjson");

            // then
            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(Fixtures.sha256(db())).isEqualTo(before);
            assertThat(dir.resolve("events.db-wal")).doesNotExist();
        }

        @Test
        void skip_invalid_imports_the_valid_lines_and_writes_the_rejects_with_reasons() throws IOException {
            // given
            Fixtures.write(dir, "bad.ndjson", badFile());

            // when
            Evs.Result r = evs.run("import", "bad.ndjson", "--skip-invalid", "--rejects", "rejects.ndjson");

            // then
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stderr()).matches(summary(2, "bad.ndjson", 0, 6));
            assertThat(count()).isEqualTo(2);
            List<JsonNode> rejects = Files.readAllLines(dir.resolve("rejects.ndjson")).stream()
                    .map(Json::parseTrusted)
                    .toList();
            assertThat(rejects).extracting(j -> j.get("line").asLong()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(rejects.get(4).get("error").asText())
                    .isEqualTo("'2024-02-30T00:00:00Z' is not a real date and time");
            assertThat(rejects.get(4).get("input").asText())
                    .isEqualTo("{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\","
                            + "\"timestamp\":\"2024-02-30T00:00:00Z\"}");
        }

        @Test
        void a_hostile_50_MB_line_is_rejected_within_256_MB_of_heap() throws IOException {
            // given: one line with a 50 MB string, then a valid line
            Path big = dir.resolve("big.ndjson");
            try (OutputStream out = Files.newOutputStream(big)) {
                out.write("{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\",\"payload\":{\"s\":\""
                        .getBytes(StandardCharsets.UTF_8));
                byte[] block = new byte[1 << 20];
                Arrays.fill(block, (byte) 'x');
                for (int i = 0; i < 50; i++) {
                    out.write(block);
                }
                out.write("\"}}\n{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\"}\n"
                        .getBytes(StandardCharsets.UTF_8));
            }

            // when
            Evs.Result r = evs.run("import", "big.ndjson");

            // then
            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(r.stderr())
                    .isEqualTo("evs: big.ndjson: 1 of 2 lines are invalid; nothing was imported\n"
                            + "  line 1: the line is 52428874 bytes, longer than the limit of 2228224 bytes (twice"
                            + " --max-payload plus 128 KiB)\n"
                            + "hint: fix them, or pass --skip-invalid (with --rejects FILE) to import the valid"
                            + " lines\n");
            assertThat(db()).doesNotExist();
        }

        @Test
        void a_payload_over_max_payload_is_rejected() {
            Fixtures.write(
                    dir,
                    "p.ndjson",
                    "{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\",\"payload\":"
                            + "{\"s\":\"0123456789\"}}\n");

            Evs.Result r = evs.run("import", "p.ndjson", "--max-payload", "16");

            assertThat(r.exitCode()).isEqualTo(65);
            assertThat(r.stderr())
                    .contains("  line 1: payload is 18 bytes, over the limit of 16 bytes (--max-payload)\n");
        }

        @Test
        void regression_a_rejects_file_that_cannot_be_created_is_named_as_the_problem() {
            // was: "evs: cannot read bad.ndjson: missing/rejects.ndjson" (exit 74), blaming the input
            Fixtures.write(dir, "bad.ndjson", badFile());

            Evs.Result r = evs.run("import", "bad.ndjson", "--skip-invalid", "--rejects", "missing/rejects.ndjson");

            assertThat(r.exitCode()).isEqualTo(66);
            assertThat(r.stderr())
                    .isEqualTo("evs: cannot write the rejects file missing/rejects.ndjson: its directory does not"
                            + " exist\nhint: pass --rejects with a file in an existing directory\n");
            assertThat(db()).doesNotExist();
        }

        @Test
        void a_missing_file_is_not_found() {
            Evs.Result r = evs.run("import", "nothere.ndjson");

            assertThat(r.exitCode()).isEqualTo(66);
            assertThat(r.stderr()).isEqualTo("evs: no file nothere.ndjson\nhint: check the path\n");
        }
    }

    @Nested
    class when_lines_conflict_with_the_store {

        @Test
        void a_reused_event_id_with_other_content_exits_3_naming_the_line() {
            // given
            Fixtures.importOrders(evs);
            String clash = Fixtures.ORDERS.lines().toList().get(1).replace("59.98", "60.00");
            Fixtures.write(dir, "clash.ndjson", Fixtures.ORDERS.lines().toList().get(0) + "\n" + clash + "\n");

            // when
            Evs.Result r = evs.run("import", "clash.ndjson");

            // then
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.stderr())
                    .isEqualTo("evs: clash.ndjson line 2: eventId " + Fixtures.ID_2 + " is already stored at"
                            + " position 2 with different content (it differs in payload); nothing was"
                            + " imported\nhint: fix that line and run the same import again: events already"
                            + " imported are skipped\n");
            assertThat(count()).isEqualTo(4);
        }

        @Test
        void a_stream_version_that_cannot_land_exits_3() {
            // given
            Fixtures.write(
                    dir,
                    "versions.ndjson",
                    "{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\",\"streamVersion\":1}\n"
                            + "{\"eventType\":\"B\",\"aggregateType\":\"T\",\"aggregateId\":\"1\",\"streamVersion\":3}\n");

            // when
            Evs.Result r = evs.run("import", "versions.ndjson");

            // then
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.stderr())
                    .startsWith("evs: versions.ndjson line 2: streamVersion 3 for T/1 cannot land: the stream is at 1,"
                            + " so the next event is version 2; nothing was imported\n");
            // an import into a new store that fails creates no store at all
            assertThat(dir.resolve("events.db")).doesNotExist();
        }
    }
}
