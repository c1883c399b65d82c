package dev.eventscope.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    private static JsonNode parse(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Json.parse(bytes, 0, bytes.length);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Nested
    class when_input_is_hostile_or_ambiguous {

        @Test
        void duplicate_keys_are_rejected() {
            assertThatThrownBy(() -> parse("{\"a\":1,\"a\":2}"))
                    .isInstanceOf(JsonProcessingException.class)
                    .hasMessageContaining("Duplicate field 'a'");
        }

        @Test
        void duplicate_keys_in_a_nested_object_are_rejected() {
            assertThatThrownBy(() -> parse("{\"p\":{\"x\":{\"k\":1,\"k\":1}}}"))
                    .isInstanceOf(JsonProcessingException.class)
                    .hasMessageContaining("Duplicate field 'k'");
        }

        @Test
        void nesting_of_500_levels_is_accepted() throws Exception {
            assertThat(parse(nested(500)).isArray()).isTrue();
        }

        @Test
        void nesting_deeper_than_500_is_rejected_without_a_stack_overflow() {
            assertThatThrownBy(() -> parse(nested(501)))
                    .isInstanceOf(JsonProcessingException.class)
                    .hasMessageContaining("nesting depth (501) exceeds the maximum allowed (500");
            assertThatThrownBy(() -> parse(nested(100_000))).isInstanceOf(JsonProcessingException.class);
        }

        @Test
        void trailing_content_is_rejected() {
            assertThatThrownBy(() -> parse("{} {}")).isInstanceOf(JsonProcessingException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t\n"})
        void empty_input_is_rejected(String text) {
            assertThatThrownBy(() -> parse(text)).isInstanceOf(JsonProcessingException.class);
        }

        @Test
        void invalid_utf8_is_rejected() {
            byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            assertThatThrownBy(() -> Json.parse(bytes, 0, bytes.length))
                    .isInstanceOf(JsonProcessingException.class)
                    .hasMessageContaining("Invalid UTF-8");
        }

        @Test
        void a_number_longer_than_1000_digits_is_rejected() {
            assertThatThrownBy(() -> parse("[" + "9".repeat(1_001) + "]")).isInstanceOf(JsonProcessingException.class);
        }

        @Test
        void only_the_given_slice_of_the_bytes_is_parsed() throws Exception {
            byte[] bytes = "xx{\"a\":1}yy".getBytes(StandardCharsets.UTF_8);
            assertThat(Json.write(Json.parse(bytes, 2, 7))).isEqualTo("{\"a\":1}");
        }
    }

    @Nested
    class when_numbers_round_trip {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "157.0",
                    "0.1000",
                    "59.98",
                    "123456789012345678901234567890",
                    "-98765432109876543210.123456789012345678901",
                    "1E+400",
                    "1.5E-300",
                    "9007199254740993",
                    "0"
                })
        void numbers_keep_their_digits(String number) throws Exception {
            // when
            String written = Json.write(parse("{\"n\":" + number + "}"));

            // then
            assertThat(written).isEqualTo("{\"n\":" + number + "}");
        }

        @Test
        void an_exponent_is_written_the_way_BigDecimal_prints_it_and_then_stays_stable() throws Exception {
            // when
            String once = Json.write(parse("{\"n\":1e400}"));
            String twice = Json.write(parse(once));

            // then
            assertThat(once).isEqualTo("{\"n\":1E+400}");
            assertThat(twice).isEqualTo(once);
        }
    }

    @Nested
    class when_writing {

        @Test
        void output_is_compact_with_keys_in_input_order_and_non_ascii_as_is() throws Exception {
            // when
            String written = Json.write(parse("{ \"z\" : \"Café Crème\", \"a\" : [ 1, {\"q\":\"12\\\" pan\"} ] }"));

            // then
            assertThat(written).isEqualTo("{\"z\":\"Café Crème\",\"a\":[1,{\"q\":\"12\\\" pan\"}]}");
        }

        @Test
        void control_characters_are_escaped() throws Exception {
            assertThat(Json.write(parse("{\"s\":\"a\\u0001b\\nc\"}"))).isEqualTo("{\"s\":\"a\\u0001b\\nc\"}");
        }
    }

    @Nested
    class when_looking_for_unpaired_surrogates {

        @Test
        void clean_documents_have_none() throws Exception {
            assertThat(Json.findUnpairedSurrogate(parse("{\"a\":[\"x\",{\"b\":\"\uD83D\uDE00\"}]}"), "$"))
                    .isNull();
        }

        @Test
        void a_lone_surrogate_at_the_end_of_a_string_is_found() throws Exception {
            assertThat(Json.findUnpairedSurrogate(parse("{\"a\":[\"x\",\"y\\ud83d\"]}"), "$"))
                    .isEqualTo("$.a[1]");
        }

        @Test
        void two_high_surrogates_in_a_row_are_found() throws Exception {
            assertThat(Json.findUnpairedSurrogate(parse("\"\\ud83d\\ud83d\\ude00\""), "$"))
                    .isEqualTo("$");
        }
    }
}
