package dev.eventscope.e2e.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model errors end to end: each reported with the rule's location and exit 65 (66 when missing). */
class ModelErrorsIT {

    @TempDir
    static Path dir;

    static ModelEvs evs;

    @BeforeAll
    static void store() {
        evs = new ModelEvs(dir);
        ModelEvs.Result r = evs.run(
                "--db",
                "o.db",
                "import",
                ModelEvs.repo("samples/orders/events.ndjson").toString());
        assertThat(r.code()).as(r.toString()).isZero();
    }

    ModelEvs.Result stateWith(String model) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), model);
        return evs.run("--db", "o.db", "--model", "bad.yaml", "state", "order-0007");
    }

    @Nested
    class when_there_is_no_model {

        @Test
        void state_without_a_model_file_exits_66_with_a_hint() {
            // when
            ModelEvs.Result r = evs.run("--db", "o.db", "state", "order-0007");

            // then
            assertThat(r.code()).isEqualTo(66);
            assertThat(r.out()).isEmpty();
            assertThat(r.err())
                    .isEqualTo("evs: no model: this command needs the reducers of eventscope.yaml\n"
                            + "hint: pass --model FILE, set EVENTSCOPE_MODEL, or create eventscope.yaml in this"
                            + " directory\n");
        }

        @Test
        void a_model_file_that_does_not_exist_exits_66() {
            // when
            ModelEvs.Result r = evs.run("--db", "o.db", "--model", "nope.yaml", "state", "order-0007");

            // then
            assertThat(r.code()).isEqualTo(66);
            assertThat(r.err()).startsWith("evs: model file nope.yaml does not exist (from --model, relative to ");
        }

        @Test
        void eventscope_yaml_in_the_working_directory_is_the_default_model() throws IOException {
            // given
            Path sub = Files.createDirectories(dir.resolve("project"));
            Files.copy(ModelEvs.repo("samples/orders/eventscope.yaml"), sub.resolve("eventscope.yaml"));
            // the model names its JSON Schema by a path relative to itself
            Files.createDirectories(sub.resolve("schemas"));
            Files.copy(
                    ModelEvs.repo("samples/orders/schemas/order-placed-v2.json"),
                    sub.resolve("schemas/order-placed-v2.json"));
            Files.copy(dir.resolve("o.db"), sub.resolve("events.db"));

            // when
            ModelEvs.Result r = new ModelEvs(sub).run("state", "order-0007", "-o", "ndjson");

            // then
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("\"status\":\"SHIPPED\"");
        }
    }

    @Nested
    class when_a_rule_is_wrong {

        @Test
        void a_syntax_error_is_reported_at_its_line_and_column_in_the_model_file() throws IOException {
            // when
            ModelEvs.Result r = stateWith("aggregates:\n  Order:\n    reducers:\n"
                    + "      OrderPlaced: |\n        $state | {\n          \"status\": \"PLACED\",,\n        }\n");

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.out()).isEmpty();
            assertThat(r.err())
                    .startsWith("evs: the model bad.yaml does not load: 1 problem\n"
                            + "  bad.yaml:6:30: Parse error: Encountered \" \",\" \", \"\" (rule Order.OrderPlaced)\n");
            assertThat(r.err()).endsWith("hint: fix the model file at the lines shown\n");
        }

        @Test
        void a_reducer_of_the_wrong_result_type_is_reported_with_its_location() throws IOException {
            // when
            ModelEvs.Result r =
                    stateWith("aggregates:\n  Order:\n    reducers:\n      OrderPlaced: '$event.payload.items'\n");

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.err())
                    .isEqualTo("evs: the model bad.yaml does not load: 1 problem\n"
                            + "  bad.yaml:4:20: rule Order.OrderPlaced fails on a synthetic OrderPlaced event (empty"
                            + " payload): must return an object, got null null\n"
                            + "hint: fix the model file at the lines shown\n");
        }

        @Test
        void an_unknown_variable_is_reported_with_its_location() throws IOException {
            // when
            ModelEvs.Result r = stateWith("aggregates:\n  Order:\n    reducers:\n"
                    + "      OrderPlaced: '$state | {\"status\": $evnt.payload.status, * : .}'\n");

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.err())
                    .contains("  bad.yaml:4:41: unknown variable $evnt (this rule can use $event, $state and the"
                            + " variables it declares with let) (rule Order.OrderPlaced)\n");
        }

        @Test
        void now_is_refused_because_replays_must_be_deterministic() throws IOException {
            // when
            ModelEvs.Result r = stateWith("aggregates:\n  Order:\n    reducers:\n"
                    + "      OrderPlaced: '$state | {\"seen\": now(), * : .}'\n");

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.err()).contains("  bad.yaml:4:39: now() is not allowed in rules");
        }

        @Test
        void every_problem_of_the_model_is_reported_at_once() throws IOException {
            // when
            ModelEvs.Result r = stateWith("aggregates:\n  Order:\n    strict: maybe\n    reducers:\n"
                    + "      A: '$state | {'\n      B: '$nope'\nworkflows: {}\n");

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.err()).startsWith("evs: the model bad.yaml does not load: 4 problems\n");
            assertThat(r.err()).contains("  bad.yaml:3:13: strict of Order must be true or false, got a string\n");
            assertThat(r.err())
                    .contains("  bad.yaml:7:12: unknown section 'workflows' (this version knows: aggregates, ");
        }

        @Test
        void a_model_that_is_not_yaml_reports_the_line() throws IOException {
            // when
            ModelEvs.Result r = stateWith("aggregates:\n  Order: [\n");

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.err())
                    .startsWith(
                            "evs: the model bad.yaml is not valid YAML\n  bad.yaml:2:11: while parsing a flow node");
        }
    }

    @Nested
    class when_a_rule_fails_during_a_replay {

        @Test
        void a_strict_aggregate_names_the_event_type_without_a_reducer() throws IOException {
            // when
            ModelEvs.Result r = stateWith("aggregates:\n  Order:\n    strict: true\n    reducers:\n"
                    + "      OrderPlaced: '$state | {\"status\": \"PLACED\", * : .}'\n");

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.err())
                    .isEqualTo("evs: event type OrderShipped at position 45 (Order/order-0007 v2) has no reducer in"
                            + " aggregate Order, which is strict\n"
                            + "hint: add a reducer for OrderShipped (or \"*\") under aggregates.Order.reducers in"
                            + " bad.yaml, or set strict: false\n");
        }

        @Test
        void a_reducer_that_fails_on_a_real_event_names_the_rule_and_the_event_position() throws IOException {
            // when
            ModelEvs.Result r = stateWith("aggregates:\n  Order:\n    reducers:\n"
                    + "      OrderPlaced: 'if ($event.payload.items) \"items\" else $state'\n");

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.err())
                    .isEqualTo("evs: rule Order.OrderPlaced failed on the event at position 28 (Order/order-0007 v1,"
                            + " OrderPlaced)\n"
                            + "  bad.yaml:4:20: must return an object, got a string \"items\"\n"
                            + "hint: fix the rule, and look at the event with 'evs show 28'\n");
        }
    }
}
