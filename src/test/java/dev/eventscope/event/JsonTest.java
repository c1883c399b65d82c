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

        @ParameterizedTest
        @ValueSource(strings = {"1e400", "1e999999999", "1.0E10", "2.50e-3", "-0", "-0.0", "0e0", "1E+400", "-1e-400"})
        void a_number_keeps_the_text_it_was_written_with_issue_22(String number) throws Exception {
            // when
            String once = Json.write(parse("{\"n\":" + number + "}"));
            String trusted = Json.write(Json.parseTrusted(once));

            // then
            assertThat(once).isEqualTo("{\"n\":" + number + "}");
            assertThat(trusted).isEqualTo(once);
        }

        @Test
        void a_number_written_as_an_exponent_has_the_value_of_its_decimal() throws Exception {
            JsonNode n = parse("{\"n\":1e3,\"z\":-0}");

            assertThat(n.get("n").isBigDecimal()).isTrue();
            assertThat(n.get("n").decimalValue()).isEqualByComparingTo("1000");
            assertThat(n.get("n").doubleValue()).isEqualTo(1000.0);
            assertThat(n.get("z").isIntegralNumber()).isTrue();
            assertThat(n.get("z").intValue()).isZero();
        }

        @Test
        void regression_issue_22_an_exponent_beyond_a_decimal_is_a_parse_error_not_a_NumberFormatException() {
            String exponent = "0.4e00" + "6".repeat(300) + "006";

            assertThatThrownBy(() -> parse("{\"n\":" + exponent + "}"))
                    .isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class)
                    .hasMessageStartingWith("the number 0.4e006666")
                    .hasMessageContaining("has an exponent beyond what a decimal can hold");
        }
    }

    @Nested
    class when_a_tree_is_written {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{}",
                    "[]",
                    "null",
                    "\"t\\u00e9xt \\\" \\\\ \\n \\u0001\"",
                    "{\"a\":[1,-2,3.50,1e400,-0,157.0,12345678901234567890123,0.1e-7],\"b\":{\"c\":null}}",
                    "{\"z\":true,\"a\":false,\"m\":[[],{},[{}]],\"u\":\"\u00e9\u20ac\ud83d\ude00\"}",
                    "[9223372036854775807,-9223372036854775808,2147483648,1.0E+2,1E2]"
                })
        void it_is_the_text_the_mapper_writes(String text) throws Exception {
            JsonNode node = parse(text);
            assertThat(Json.write(node)).isEqualTo(Json.mapper().writeValueAsString(node));
        }

        @Test
        void trees_built_in_code_are_written_as_the_mapper_writes_them() throws Exception {
            var o = Json.object();
            o.put("i", 1).put("l", 5_000_000_000L).put("d", 0.5).put("s", "x").putNull("n");
            o.putArray("a").add(true).add(new java.math.BigDecimal("1.10"));
            assertThat(Json.write(o))
                    .isEqualTo(Json.mapper().writeValueAsString(o))
                    .isEqualTo("{\"i\":1,\"l\":5000000000,\"d\":0.5,\"s\":\"x\",\"n\":null,\"a\":[true,1.10]}");
        }
    }
}
