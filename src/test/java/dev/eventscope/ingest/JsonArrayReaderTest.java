package dev.eventscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonArrayReaderTest {

    /** Each record as "N:text", "N:<too long: S>" or "N!problem". */
    private static List<String> elements(String json, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonArrayReader reader =
                new JsonArrayReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), max)) {
            LineReader.Line e;
            while ((e = reader.next()) != null) {
                if (e.problem != null) {
                    out.add(e.number + "!" + e.problem);
                } else if (e.tooLong) {
                    out.add(e.number + ":<too long: " + e.size + ">");
                } else {
                    out.add(e.number + ":" + new String(e.buffer, 0, e.length, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static List<String> elements(String json) throws IOException {
        return elements(json, 1 << 20);
    }

    @Nested
    class when_the_array_is_well_formed {

        @Test
        void each_element_is_one_record_with_its_bytes() throws IOException {
            assertThat(elements("[{\"a\":1},{\"b\":[1,2]}]")).containsExactly("1:{\"a\":1}", "2:{\"b\":[1,2]}");
        }

        @Test
        void line_breaks_and_spaces_inside_an_element_are_kept() throws IOException {
            assertThat(elements("[\n  {\"a\":\n 1}\r\n , {\"b\":2}\n]\n"))
                    .containsExactly("1:{\"a\":\n 1}\r\n ", "2:{\"b\":2}\n");
        }

        @Test
        void brackets_commas_and_escaped_quotes_inside_strings_do_not_end_an_element() throws IOException {
            assertThat(elements("[{\"s\":\"a ] , [ \\\" } \\\\\"},{\"t\":\"\\\\\"}]"))
                    .containsExactly("1:{\"s\":\"a ] , [ \\\" } \\\\\"}", "2:{\"t\":\"\\\\\"}");
        }

        @Test
        void a_byte_order_mark_and_leading_space_are_skipped() throws IOException {
            assertThat(elements("\uFEFF \n [{\"a\":1}]")).containsExactly("1:{\"a\":1}");
        }

        @Test
        void an_empty_array_has_no_records() throws IOException {
            assertThat(elements(" [ \n ] \n")).isEmpty();
        }

        @Test
        void scalars_are_elements_too_and_left_to_the_importer_to_refuse() throws IOException {
            assertThat(elements("[1, \"x\", null]")).containsExactly("1:1", "2:\"x\"", "3:null");
        }
    }

    @Nested
    class when_the_array_is_broken {

        @Test
        void a_missing_closing_bracket_is_reported_at_the_last_element() throws IOException {
            assertThat(elements("[{\"a\":1},{\"b\":2}"))
                    .containsExactly(
                            "1:{\"a\":1}", "2!the JSON array is not closed: ']' is missing at the end of the input");
        }

        @Test
        void an_empty_element_is_reported() throws IOException {
            assertThat(elements("[{\"a\":1},,{\"b\":2},]"))
                    .containsExactly(
                            "1:{\"a\":1}",
                            "2!an empty element (nothing between two commas or before ']')",
                            "3:{\"b\":2}",
                            "4!an empty element (nothing between two commas or before ']')");
        }

        @Test
        void content_after_the_array_is_reported() throws IOException {
            assertThat(elements("[{\"a\":1}] {\"b\":2}"))
                    .containsExactly("1:{\"a\":1}", "2!there is more input after the end of the JSON array");
        }

        @Test
        void input_that_is_not_an_array_is_reported() throws IOException {
            assertThat(elements("{\"a\":1}")).containsExactly("1!the input does not start with '['");
        }
    }

    @Test
    void an_element_over_the_limit_is_skipped_and_counted_without_being_kept() throws IOException {
        String big = "{\"s\":\"" + "x".repeat(1_000) + "\"}";
        assertThat(elements("[{\"a\":1}," + big + ",{\"b\":2}]", 100))
                .containsExactly("1:{\"a\":1}", "2:<too long: 1008>", "3:{\"b\":2}");
    }

    @Test
    void a_file_holds_an_array_when_its_first_significant_byte_is_a_bracket(@TempDir Path dir) throws IOException {
        Path array = Files.writeString(dir.resolve("a.json"), "\uFEFF\n  [ ]");
        Path ndjson = Files.writeString(dir.resolve("b.ndjson"), "{\"a\":1}\n[1]\n");
        Path empty = Files.writeString(dir.resolve("c.ndjson"), "");
        assertThat(JsonArrayReader.holdsArray(array)).isTrue();
        assertThat(JsonArrayReader.holdsArray(ndjson)).isFalse();
        assertThat(JsonArrayReader.holdsArray(empty)).isFalse();
    }
}
