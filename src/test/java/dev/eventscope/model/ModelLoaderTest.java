package dev.eventscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModelLoaderTest {

    static Model load(String yaml) {
        return ModelLoader.parse("m.yaml", yaml, Path.of("."), List.of());
    }

    @Nested
    class when_the_model_is_valid {

        @Test
        void an_aggregate_has_its_initial_state_strictness_reducers_fallback_and_snapshot_policy() {
            // when
            Model m = load("aggregates:\n  Order:\n    initial: {status: NEW, total: 0.10}\n    strict: true\n"
                    + "    snapshotEvery: 500\n    reducers:\n      A: '$state'\n      \"*\": '$state'\n");

            // then
            AggregateModel order = m.aggregate("Order");
            assertThat(order.initial().toString()).isEqualTo("{\"status\":\"NEW\",\"total\":0.10}");
            assertThat(order.strict()).isTrue();
            assertThat(order.snapshotEvery()).hasValue(500);
            assertThat(order.reducers()).containsOnlyKeys("A");
            assertThat(order.reducerFor("B")).isSameAs(order.fallback());
            assertThat(m.transform().isIdentity()).isTrue();
        }

        @Test
        void the_fingerprint_changes_with_the_rules_and_not_with_formatting() {
            // when
            String a = load("aggregates:\n  O:\n    reducers:\n      A: '$state'\n")
                    .aggregate("O")
                    .fingerprint();
            String same = load("aggregates:\n  O:\n    reducers:\n        A: '$state'\n")
                    .aggregate("O")
                    .fingerprint();
            String other = load("aggregates:\n  O:\n    reducers:\n      A: '$state | {\"x\": 1, * : .}'\n")
                    .aggregate("O")
                    .fingerprint();

            // then
            assertThat(a).isEqualTo(same).hasSize(64).isNotEqualTo(other);
        }

        @Test
        void an_empty_file_is_a_model_without_aggregates() {
            // when
            Model m = load("");

            // then
            assertThat(m.aggregates()).isEmpty();
            Assertions.assertThatThrownBy(() -> m.aggregate("Order"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("the model m.yaml has no aggregate 'Order'");
        }
    }

    @Nested
    class when_the_model_is_not_valid {

        @Test
        void every_problem_is_listed_with_its_location() {
            // when
            InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    InvalidInputException.class,
                    () -> load("aggregates:\n  Order:\n    initial: [1]\n    snapshotEvery: 0\n    colour: red\n"
                            + "    reducers:\n      A: 42\nsagas: {}\n"));

            // then
            assertThat(e.getMessage()).isEqualTo("the model m.yaml does not load: 5 problems");
            assertThat(e.problems())
                    .containsExactly(
                            "m.yaml:5:13: aggregate Order has an unknown key 'colour' (known: initial, strict,"
                                    + " reducers, snapshotEvery)",
                            "m.yaml:3:14: initial state of Order must be a mapping (an object), got a list",
                            "m.yaml:4:20: snapshotEvery of Order must be a whole number of 1 or more, got 0",
                            "m.yaml:7:10: rule Order.A must be a JSLT expression in a string, got a number",
                            "m.yaml:8:8: unknown section 'sagas' (this version knows: "
                                    + String.join(
                                            ", ",
                                            ModelLoader.SECTIONS.stream()
                                                    .map(ModelSection::key)
                                                    .toList())
                                    + ")");
        }

        @Test
        void a_duplicate_key_is_refused() {
            // when
            InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    InvalidInputException.class,
                    () -> load("aggregates:\n  O:\n    reducers:\n      A: '$state'\n      A: '$state'\n"));

            // then
            assertThat(e.problems()).containsExactly("m.yaml:5:7: 'A' appears twice in the same mapping");
        }
    }

    @Test
    void regression_issue_22_a_reducer_nested_thousands_deep_is_refused_at_its_line_and_column() {
        // was: StackOverflowError inside JSLT's parser, exit 70
        String deep = "(".repeat(3000) + "$state" + ")".repeat(3000);

        Assertions.assertThatThrownBy(
                        () -> load("aggregates:\n  A:\n    initial: {}\n    reducers:\n      T: '" + deep + "'\n"))
                .isInstanceOf(dev.eventscope.error.InvalidInputException.class)
                .extracting(e -> ((dev.eventscope.error.InvalidInputException) e).problems())
                .asList()
                .singleElement()
                .asString()
                .startsWith("m.yaml:5:")
                .contains("nested more than 200 levels deep");
    }

    @Test
    void a_reducer_of_20000_additions_is_refused_or_loads_but_never_overflows_the_stack() {
        String chain = String.join("+", java.util.Collections.nCopies(20_000, "1"));
        String yaml = "aggregates:\n  A:\n    initial: {}\n    reducers:\n      T: '{\"n\": " + chain + "}'\n";

        try {
            load(yaml);
        } catch (dev.eventscope.error.InvalidInputException refused) {
            assertThat(refused.problems()).isNotEmpty();
        }
    }

    @Test
    void a_yaml_number_with_a_long_exponent_is_refused_at_its_place() {
        // the JSON reader let a NumberFormatException out for such numbers (issue 22); YAML's does not
        String number = "0.4e+00" + "6".repeat(300) + "006";

        Assertions.assertThatThrownBy(() -> load("aggregates:\n  A:\n    initial: {n: " + number + "}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the model m.yaml is not valid YAML")
                .extracting(e -> ((InvalidInputException) e).problems())
                .asList()
                .singleElement()
                .asString()
                .startsWith("m.yaml:3:")
                .contains("Malformed numeric value '0.4e+00666");
    }
}
