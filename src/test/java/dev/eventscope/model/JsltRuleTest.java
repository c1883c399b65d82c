package dev.eventscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsltRuleTest {

    static JsonNode json(String text) {
        return Json.parseTrusted(text);
    }

    static Model load(String yaml) {
        return ModelLoader.parse("model.yaml", yaml, Path.of("."), List.of());
    }

    static InvalidInputException loadFails(String yaml) {
        try {
            load(yaml);
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("the model loaded");
    }

    static JsltRule reducer(String text) {
        return JsltRule.compile(text, RuleSource.argument("--test"), JsltRule.Kind.REDUCER, JsltRule.EVENT_AND_STATE);
    }

    @Nested
    class when_building_objects {

        @Test
        void keys_whose_value_is_null_an_empty_array_or_an_empty_object_are_kept() {
            // given
            JsltRule rule =
                    reducer("$state | {\"a\": null, \"b\": [], \"c\": {}, \"d\": $event.payload.missing, * : .}");

            // when
            JsonNode state = rule.apply(json("{\"payload\":{}}"), json("{\"k\":null}"));
            JsonNode written = rule.applyAsWritten(json("{\"payload\":{}}"), json("{\"k\":null}"));

            // then: the merge keeps the state's keys first; JSLT puts the listed keys first
            assertThat(rule.runsAsMerge()).isTrue();
            assertThat(Json.write(state)).isEqualTo("{\"k\":null,\"a\":null,\"b\":[],\"c\":{},\"d\":null}");
            assertThat(Json.write(written)).isEqualTo("{\"a\":null,\"b\":[],\"c\":{},\"d\":null,\"k\":null}");
            assertThat(state).isEqualTo(written);
        }
    }

    @Nested
    class when_a_reducer_sets_some_keys_and_keeps_the_rest {

        @Test
        void it_runs_as_a_merge_that_keeps_the_state_key_order_and_adds_new_keys_after() {
            // given
            JsltRule rule = reducer("$state | {\n  \"total\": .total + $event.payload.n, // add\n"
                    + "  \"last\": $event.payload.tag,\n  * : .\n}");

            // when
            JsonNode state =
                    rule.apply(json("{\"payload\":{\"n\":2,\"tag\":\"x\"}}"), json("{\"total\":1,\"status\":\"OK\"}"));

            // then
            assertThat(rule.runsAsMerge()).isTrue();
            assertThat(Json.write(state)).isEqualTo("{\"total\":3,\"status\":\"OK\",\"last\":\"x\"}");
        }

        @Test
        void a_failing_value_is_reported_at_its_place_in_the_rule_as_written() {
            // given
            JsltRule merged = reducer("$state | {\"ok\": 1,\n \"x\": 1 / $state.zero, * : .}");

            // then: the same failure, and location, as the rule run as written
            assertThat(merged.runsAsMerge()).isTrue();
            assertThatThrownBy(() -> merged.apply(json("{}"), json("{\"zero\": 0}")))
                    .isInstanceOf(RuleFailure.class)
                    .hasMessageContaining("/ by zero")
                    .satisfies(f -> assertThat(((RuleFailure) f).location())
                            .isEqualTo(thrown(() -> merged.applyAsWritten(json("{}"), json("{\"zero\": 0}")))
                                    .location()));
        }

        private RuleFailure thrown(Runnable r) {
            try {
                r.run();
            } catch (RuleFailure f) {
                return f;
            }
            throw new AssertionError("no failure");
        }
    }

    @Nested
    class when_a_rule_returns_the_wrong_type {

        @Test
        void a_reducer_that_returns_a_string_fails_naming_the_rule() {
            // given
            JsltRule rule = reducer("\"oops\"");

            // then
            assertThatThrownBy(() -> rule.apply(json("{}"), json("{}")))
                    .isInstanceOf(RuleFailure.class)
                    .hasMessage("must return an object, got a string \"oops\"");
        }

        @Test
        void a_predicate_that_returns_a_number_fails() {
            // given
            JsltRule rule = JsltRule.compile(
                    "$state.count", RuleSource.argument("--when"), JsltRule.Kind.PREDICATE, JsltRule.EVENT_AND_STATE);

            // then
            assertThatThrownBy(() -> rule.apply(json("{}"), json("{\"count\": 3}")))
                    .isInstanceOf(RuleFailure.class)
                    .hasMessage("must return a boolean, got a number 3");
        }

        @Test
        void a_model_reducer_that_returns_a_string_is_refused_at_load_time_with_its_location() {
            // when
            InvalidInputException e =
                    loadFails("aggregates:\n  Order:\n    reducers:\n      OrderPlaced: '\"PLACED\"'\n");

            // then
            assertThat(e.problems())
                    .containsExactly("model.yaml:4:20: rule Order.OrderPlaced fails on a synthetic OrderPlaced event"
                            + " (empty payload): must return an object, got a string \"PLACED\"");
        }
    }

    @Nested
    class when_a_rule_is_not_deterministic {

        @Test
        void now_random_and_uuid_without_arguments_are_refused_with_their_column() {
            // when
            InvalidInputException e = loadFails("aggregates:\n  Order:\n    reducers:\n"
                    + "      A: '$state | {\"t\": now(), * : .}'\n"
                    + "      B: '$state | {\"r\": random(), * : .}'\n"
                    + "      C: '$state | {\"u\": uuid(), * : .}'\n");

            // then
            assertThat(e.problems()).hasSize(3);
            assertThat(e.problems().get(0)).startsWith("model.yaml:4:26: now() is not allowed in rules");
            assertThat(e.problems().get(1)).startsWith("model.yaml:5:26: random() is not allowed in rules");
            assertThat(e.problems().get(2)).startsWith("model.yaml:6:26: uuid() is not allowed in rules");
        }

        @Test
        void uuid_with_arguments_is_deterministic_and_allowed() {
            // when
            JsltRule rule = reducer("{\"u\": uuid(1, 2)}");

            // then
            assertThat(rule.apply(json("{}"), json("{}")).get("u").asText())
                    .isEqualTo("00000000-0000-1000-8000-000000000002");
        }

        @Test
        void the_word_now_inside_a_string_is_not_a_call() {
            // when
            JsltRule rule = reducer("{\"note\": \"now()\"}");

            // then
            assertThat(rule.apply(json("{}"), json("{}")).get("note").asText()).isEqualTo("now()");
        }
    }

    @Nested
    class when_a_rule_has_a_mistake {

        @Test
        void a_syntax_error_points_at_the_yaml_line_and_column_of_a_literal_block() {
            // when
            InvalidInputException e = loadFails("aggregates:\n  Order:\n    reducers:\n"
                    + "      OrderPlaced: |\n"
                    + "        $state | {\n"
                    + "          \"status\": \"PLACED\" +\n"
                    + "        }\n");

            // then
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0)).startsWith("model.yaml:7:9: Parse error: Encountered \" \"}\"");
            assertThat(e.problems().get(0)).endsWith("(rule Order.OrderPlaced)");
        }

        @Test
        void an_unknown_variable_is_refused_at_load_time_even_on_a_branch_never_taken() {
            // when
            InvalidInputException e =
                    loadFails("aggregates:\n  Order:\n    reducers:\n      A: 'if (false) $stat else $state'\n");

            // then
            assertThat(e.problems())
                    .containsExactly("model.yaml:4:22: unknown variable $stat (this rule can use $event, $state and"
                            + " the variables it declares with let) (rule Order.A)");
        }

        @Test
        void variables_declared_with_let_and_function_parameters_are_known() {
            // when
            JsltRule rule = reducer("let n = 2\ndef add(a, b) $a + $b\n{\"n\": add($n, 1)}");

            // then
            assertThat(rule.apply(json("{}"), json("{}")).get("n").asInt()).isEqualTo(3);
        }

        @Test
        void an_unknown_function_is_located_in_a_quoted_rule() {
            // when
            InvalidInputException e = loadFails("aggregates:\n  Order:\n    reducers:\n      A: '$state | nope(1)'\n");

            // then
            assertThat(e.problems()).containsExactly("model.yaml:4:20: No such function: 'nope' (rule Order.A)");
        }

        @Test
        void imports_are_refused() {
            // when
            InvalidInputException e =
                    loadFails("aggregates:\n  Order:\n    reducers:\n      A: 'import \"x.jslt\" as x $state'\n");

            // then
            assertThat(e.problems().get(0)).contains("is not supported in model rules");
        }

        @Test
        void a_division_by_zero_fails_with_a_message_not_a_crash() {
            // given
            JsltRule rule = reducer("{\"x\": 1 / $state.zero}");

            // then
            assertThatThrownBy(() -> rule.apply(json("{}"), json("{\"zero\": 0}")))
                    .isInstanceOf(RuleFailure.class)
                    .hasMessageContaining("/ by zero");
        }
    }

    @Nested
    class when_rules_compute_numbers {

        @Test
        void a_sum_of_decimals_prints_without_binary_noise() {
            // given
            JsltRule rule = reducer("{\"total\": 70.27 + 29.99 + 19.99}");

            // when
            JsonNode state = rule.apply(json("{}"), json("{}"));

            // then
            assertThat(Json.write(state)).isEqualTo("{\"total\":120.25}");
        }

        @Test
        void a_sum_of_payload_decimals_prints_without_binary_noise() {
            // given
            JsltRule rule = reducer("{\"total\": .payload.a + .payload.b + .payload.c}");

            // when
            JsonNode state = rule.apply(json("{\"payload\":{\"a\":70.27,\"b\":29.99,\"c\":19.99}}"), json("{}"));

            // then
            assertThat(Json.write(state)).isEqualTo("{\"total\":120.25}");
        }

        @Test
        void numbers_taken_unchanged_from_the_event_keep_their_digits() {
            // given
            JsltRule rule = reducer("{\"price\": .payload.price, \"n\": 2 + 3, \"whole\": 1.5 + 1.5}");

            // when
            JsonNode state = rule.apply(json("{\"payload\":{\"price\":24.90}}"), json("{}"));

            // then
            assertThat(Json.write(state)).isEqualTo("{\"price\":24.90,\"n\":5,\"whole\":3.0}");
        }

        @Test
        void an_infinite_result_fails() {
            // given
            JsltRule rule = reducer("{\"x\": 1.5 / $state.zero}");

            // then
            assertThatThrownBy(() -> rule.apply(json("{}"), json("{\"zero\": 0}")))
                    .isInstanceOf(RuleFailure.class)
                    .hasMessageContaining("not finite");
        }

        @Test
        void a_division_by_a_constant_zero_is_refused_at_load_time() {
            // then
            assertThatThrownBy(() -> reducer("{\"x\": 1 / 0}"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("--test does not compile");
        }
    }
}
