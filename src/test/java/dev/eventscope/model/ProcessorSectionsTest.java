package dev.eventscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The projections: and handlers: sections. */
class ProcessorSectionsTest {

    static Model load(String yaml) {
        return ModelLoader.parse("m.yaml", yaml, Path.of("/models"), List.of());
    }

    static List<String> problems(String yaml) {
        try {
            load(yaml);
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("the model loaded");
    }

    @Nested
    class when_the_sections_are_valid {

        @Test
        void a_projection_has_its_table_rules_and_defaults() {
            // when
            Model m = load("projections:\n  orders:\n    key: id\n    columns: {id: TEXT, total: real}\n    on:\n"
                    + "      OrderPlaced: {upsert: '{\"id\": .aggregateId, \"total\": .payload.total}'}\n"
                    + "      OrderCancelled: {delete: '{\"id\": .aggregateId}'}\n");

            // then
            ProjectionModel p = m.projection("orders");
            assertThat(p.table().name()).isEqualTo("rm_orders");
            assertThat(p.table().layout()).isEqualTo("id TEXT PRIMARY KEY, total REAL");
            assertThat(p.subscription().eventTypes()).containsExactlyInAnyOrder("OrderPlaced", "OrderCancelled");
            assertThat(p.ruleFor("OrderCancelled").operation()).isEqualTo(ProjectionModel.Operation.DELETE);
            assertThat(p.settings().retry()).isEqualTo(RetryPolicy.ONCE);
            assertThat(p.settings().sequencing()).isEqualTo(Sequencing.AGGREGATE);
        }

        @Test
        void handlers_of_each_kind_have_their_settings_and_exec_runs_in_the_model_directory() {
            // when
            Model m = load("handlers:\n"
                    + "  notify: {kind: exec, command: [sh, n.sh, 3], types: [A, B], aggregateTypes: [Order],"
                    + " timeout: 2m, retry: {attempts: 5, backoff: 200ms}, sequencing: none}\n"
                    + "  react: {kind: reactor, types: ['*'], emit: '[]'}\n"
                    + "  java: {kind: plugin, types: [A], class: com.example.Audit}\n");

            // then
            ExecHandlerModel exec = (ExecHandlerModel) m.processor("notify");
            assertThat(exec.command()).containsExactly("sh", "n.sh", "3");
            assertThat(exec.timeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(exec.directory()).isEqualTo(Path.of("/models"));
            assertThat(exec.settings().retry()).isEqualTo(new RetryPolicy(5, Duration.ofMillis(200)));
            assertThat(exec.settings().sequencing()).isEqualTo(Sequencing.NONE);
            assertThat(exec.subscription().matches("A", "Order")).isTrue();
            assertThat(exec.subscription().matches("A", "Payment")).isFalse();
            assertThat(m.processor("react").subscription().matches("Anything", "Any"))
                    .isTrue();
            assertThat(m.processor("react").settings().retry()).isEqualTo(RetryPolicy.ONCE);
            assertThat(m.processor("java").settings().retry()).isEqualTo(RetryPolicy.EXTERNAL);
            assertThat(((PluginHandlerModel) m.processor("java")).className()).isEqualTo("com.example.Audit");
        }

        @Test
        void the_backoff_doubles_between_attempts_up_to_its_limit() {
            // given
            RetryPolicy p = new RetryPolicy(20, Duration.ofSeconds(1));

            // then
            assertThat(p.waitBefore(1)).isZero();
            assertThat(p.waitBefore(2)).isEqualTo(Duration.ofSeconds(1));
            assertThat(p.waitBefore(4)).isEqualTo(Duration.ofSeconds(4));
            assertThat(p.waitBefore(20)).isEqualTo(RetryPolicy.MAX_WAIT);
        }

        @Test
        void asking_for_a_name_the_model_lacks_or_a_handler_as_a_projection_says_so() {
            // given
            Model m = load("handlers:\n  react: {kind: reactor, types: [A], emit: 'null'}\n");

            // then
            assertThatThrownBy(() -> m.processor("nope"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("the model m.yaml has no projection or handler 'nope'");
            assertThatThrownBy(() -> m.projection("react"))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("react is a handler (reactor), not a projection");
        }
    }

    @Nested
    class when_the_sections_are_not_valid {

        @Test
        void names_columns_and_keys_that_cannot_be_sql_identifiers_are_refused_where_they_are() {
            // when
            List<String> problems = problems("projections:\n"
                    + "  Orders:\n    key: id\n    columns: {id: TEXT}\n    on: {A: {upsert: 'null'}}\n"
                    + "  ok:\n    key: nope\n    columns: {id: TEXT, \"x; drop table events\": TEXT, n: BLOB}\n"
                    + "    on: {A: {upsert: 'null'}}\n");

            // then
            assertThat(problems)
                    .containsExactly(
                            "m.yaml:3:5: projection name 'Orders' must be lower-case letters, digits and single"
                                    + " underscores, starting with a letter, at most 40 characters (it names the table"
                                    + " rm_<name>)",
                            "m.yaml:8:49: column 'x; drop table events' of projection ok must match [a-z][a-z0-9_]*"
                                    + " (at most 63 characters)",
                            "m.yaml:8:58: column n of projection ok must have the type TEXT, INTEGER or REAL, got"
                                    + " \"BLOB\"",
                            "m.yaml:7:10: key nope of projection ok is not one of its columns");
        }

        @Test
        void rules_are_dry_run_for_the_shape_of_what_they_give() {
            // when
            List<String> problems = problems(
                    "projections:\n  p:\n    key: id\n    columns: {id: TEXT, a: TEXT}\n"
                            + "    on:\n      A: {upsert: '{\"id\": 1, \"b\": 2}'}\n      B: {upsert: '[1]'}\n"
                            + "      C: {delete: '{\"id\": 1, \"a\": 2}'}\n      D: {upsert: '{\"a\": 1}'}\n"
                            + "handlers:\n  r: {kind: reactor, types: [A], emit: '[{\"eventType\": \"X\", \"eventId\": 1}]'}\n");

            // then
            assertThat(problems)
                    .containsExactly(
                            "m.yaml:6:19: rule p.A gives 'b', which is not a column of p (columns: id, a)",
                            "m.yaml:7:19: rule p.B must give an object (the row) or null, got an array",
                            "m.yaml:8:19: rule p.C deletes by the key id only; leave out 'a'",
                            "m.yaml:9:19: rule p.D must give the key column id",
                            "m.yaml:11:40: rule r.emit gives an event with 'eventId'; an emitted event has eventType,"
                                    + " aggregateType, aggregateId and optionally eventVersion, timestamp, payload,"
                                    + " metadata (its eventId is derived)",
                            "m.yaml:11:40: rule r.emit gives an event without aggregateType",
                            "m.yaml:11:40: rule r.emit gives an event without aggregateId");
        }

        @Test
        void handler_keys_kinds_durations_and_a_shared_name_are_checked() {
            // when
            List<String> problems = problems("projections:\n  same:\n    key: id\n    columns: {id: TEXT}\n"
                    + "    on: {A: {upsert: 'null'}}\n"
                    + "handlers:\n"
                    + "  same: {kind: reactor, types: [A], emit: 'null'}\n"
                    + "  k: {kind: cron, types: [A]}\n"
                    + "  e: {kind: exec, command: 'sh x.sh', types: [], timeout: 5 seconds, colour: red}\n"
                    + "  s: {kind: reactor, types: [A], emit: 'null', sequencing: strict, retry: {attempts: 0}}\n");

            // then
            assertThat(problems)
                    .containsExactly(
                            "m.yaml:7:9: handler same: a projection has the same name (projections and handlers"
                                    + " share one namespace)",
                            "m.yaml:8:13: handler k needs 'kind': exec, reactor or plugin, got cron",
                            "m.yaml:9:78: handler e has an unknown key 'colour' (known: kind, types, aggregateTypes,"
                                    + " retry, sequencing, command, timeout)",
                            "m.yaml:9:46: types of handler e must be a non-empty list of names, such as"
                                    + " [OrderShipped], got a list",
                            "m.yaml:10:86: attempts of handler s must be a whole number from 1 to 100, got 0",
                            "m.yaml:10:60: sequencing of handler s must be aggregate or none, got \"strict\"");
        }
    }
}
