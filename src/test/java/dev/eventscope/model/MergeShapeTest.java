package dev.eventscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MergeShapeTest {

    @Nested
    class when_a_reducer_sets_keys_and_keeps_the_rest {

        @Test
        void its_keys_and_values_are_found_in_order() {
            // when
            MergeShape.Parsed p = MergeShape.parse(
                    "$state | {\"status\": \"PLACED\", \"total\": .total + $event.payload.total, * : .}");

            // then
            assertThat(p).isNotNull();
            assertThat(p.keys()).containsExactly("status", "total");
            assertThat(p.valuesText()).isEqualTo("[( \"PLACED\"\n),\n( .total + $event.payload.total\n)]");
        }

        @Test
        void commas_and_braces_inside_values_strings_and_comments_do_not_split_them() {
            // when
            MergeShape.Parsed p = MergeShape.parse("// a comment, with } in it\n$state|{\n"
                    + "  \"a\": {\"x\": [1, 2], \"y\": \"},{\"}, // one, two }\n"
                    + "  \"b\": sum([for ($event.payload.items) .qty]),\n"
                    + "  \"c\": \"say \\\"hi\\\", then }\",\n"
                    + "  *:.\n}\n");

            // then
            assertThat(p).isNotNull();
            assertThat(p.keys()).containsExactly("a", "b", "c");
            assertThat(JsltRuleTest.reducer(p.valuesText())).isNotNull();
        }
    }

    @Nested
    class when_a_rule_has_another_shape {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"status\": \"PLACED\", * : .}",
                    "$state | {\"status\": \"PLACED\"}",
                    "$state | {* : .}",
                    "$state | {\"a\": 1, * - b : .}",
                    "$state | {\"a\": 1, * : .x}",
                    "$state | {let x = 1 \"a\": $x, * : .}",
                    "$state | {\"a\": 1, \"a\": 2, * : .}",
                    "$state | {\"a\\\"b\": 1, * : .}",
                    "$state | {.key : 1, * : .}",
                    "$state | {\"a\": 1, * : .} + {}",
                    "$states | {\"a\": 1, * : .}",
                    "$state.x | {\"a\": 1, * : .}",
                    "def f(x) $x\n$state | {\"a\": f(1), * : .}",
                    "$state | {\"a\": (1, * : .}",
                    "$state | {\"a\": , * : .}",
                    "$state | {\"a\": 'x', * : .}"
                })
        void it_is_not_recognised(String text) {
            assertThat(MergeShape.parse(text)).isNull();
        }
    }
}
