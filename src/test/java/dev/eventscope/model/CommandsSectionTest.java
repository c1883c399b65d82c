package dev.eventscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The commands: section: deciders loaded, checked and dry-run like reducers. */
class CommandsSectionTest {

    static final String COUNTER = "aggregates:\n"
            + "  Counter:\n"
            + "    initial: {value: 0}\n"
            + "    strict: true\n"
            + "    reducers:\n"
            + "      Incremented: '$state | {\"value\": $event.payload.to, * : .}'\n"
            + "  Limit:\n"
            + "    initial: {max: 10}\n"
            + "    reducers: {}\n";

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
    class when_the_section_is_valid {

        @Test
        void a_command_type_has_its_target_its_reads_and_its_rules() {
            // when
            Model m = load(COUNTER + "commands:\n"
                    + "  Increment:\n"
                    + "    aggregateType: Counter\n"
                    + "    aggregateId: .payload.id\n"
                    + "    reads:\n"
                    + "      limit: {aggregateType: Limit, aggregateId: '\"limit-\" + $command.aggregateId'}\n"
                    + "    decide: |\n"
                    + "      if ($state.value >= $limit.max) {\"rejected\": \"at the limit\"}\n"
                    + "      else [{\"eventType\": \"Incremented\", \"payload\": {\"to\": $state.value + 1}}]\n");

            // then
            CommandModel c = m.command("Increment");
            assertThat(c.aggregateType()).isEqualTo("Counter");
            assertThat(c.aggregateId().text()).isEqualTo(".payload.id");
            assertThat(c.reads()).containsOnlyKeys("limit");
            assertThat(c.reads().get("limit").aggregateType()).isEqualTo("Limit");
            assertThat(c.decide().source().at()).isEqualTo("m.yaml:16:13");
            assertThat(c.at()).isEqualTo("m.yaml:12:20");
            assertThat(m.commands()).containsOnlyKeys("Increment");
        }

        @Test
        void a_rule_that_refuses_the_synthetic_command_on_purpose_loads() {
            // when
            Model m = load(COUNTER + "commands:\n"
                    + "  Increment:\n"
                    + "    aggregateType: Counter\n"
                    + "    aggregateId: 'if (.payload.id) .payload.id else error(\"the command has no id\")'\n"
                    + "    decide: '[]'\n");

            // then
            assertThat(m.commands()).containsOnlyKeys("Increment");
        }

        @Test
        void an_unknown_command_type_is_not_found_naming_the_known_ones() {
            // given
            Model m = load(COUNTER + "commands:\n  Increment: {aggregateType: Counter, aggregateId: .payload.id,"
                    + " decide: '[]'}\n");

            // then
            assertThatThrownBy(() -> m.command("Decrement"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("the model m.yaml has no command type 'Decrement'")
                    .satisfies(e -> assertThat(((NotFoundException) e).hint()).hasValue("it has Increment"));
        }
    }

    @Nested
    class when_a_decider_breaks_a_rule {

        @Test
        void a_wrong_return_shape_fails_at_load_with_the_rule_s_location() {
            // when
            List<String> problems = problems(COUNTER + "commands:\n"
                    + "  Increment:\n"
                    + "    aggregateType: Counter\n"
                    + "    aggregateId: .payload.id\n"
                    + "    decide: '{\"eventType\": \"Incremented\", \"payload\": {\"to\": 1}}'\n");

            // then
            assertThat(problems)
                    .containsExactly("m.yaml:14:13: rule Increment.decide must return a list of events, or"
                            + " {\"rejected\": REASON}; got an object with keys eventType, payload:"
                            + " {\"eventType\":\"Incremented\",\"payload\":{\"to\":1}} (a single event goes in a list:"
                            + " [ ... ]) (on a synthetic Increment with an empty payload, against the initial state)");
        }

        @Test
        void an_unknown_variable_fails_at_its_line_and_column() {
            // when
            List<String> problems = problems(COUNTER + "commands:\n"
                    + "  Increment:\n"
                    + "    aggregateType: Counter\n"
                    + "    aggregateId: .payload.id\n"
                    + "    decide: |\n"
                    + "      if ($state.value > 3) {\"rejected\": \"too many\"}\n"
                    + "      else [{\"eventType\": \"Incremented\", \"payload\": {\"to\": $stat.value + 1}}]\n");

            // then
            assertThat(problems)
                    .containsExactly("m.yaml:16:60: unknown variable $stat (this rule can use $command, $state and the"
                            + " variables it declares with let) (rule Increment.decide)");
        }

        @Test
        void the_time_comes_from_the_command_never_from_now() {
            // when
            List<String> problems = problems(COUNTER + "commands:\n"
                    + "  Increment:\n"
                    + "    aggregateType: Counter\n"
                    + "    aggregateId: .payload.id\n"
                    + "    decide: '[{\"eventType\": \"Incremented\", \"timestamp\": now()}]'\n");

            // then
            assertThat(problems)
                    .singleElement()
                    .asString()
                    .startsWith("m.yaml:14:57: now() is not allowed in rules")
                    .contains("use $command.timestamp or $command.commandId instead");
        }

        @Test
        void a_wrong_event_shape_in_the_list_is_named() {
            // when
            List<String> problems = problems(COUNTER + "commands:\n"
                    + "  A: {aggregateType: Counter, aggregateId: .payload.id, decide: '[{\"eventType\": \"Incremented\","
                    + " \"aggregateId\": \"x\"}]'}\n"
                    + "  B: {aggregateType: Counter, aggregateId: .payload.id, decide: '[{\"payload\": {}}]'}\n"
                    + "  C: {aggregateType: Counter, aggregateId: .payload.id, decide: '{\"rejected\": 42}'}\n"
                    + "  D: {aggregateType: Counter, aggregateId: .payload.id, decide: 'null'}\n");

            // then
            assertThat(problems)
                    .containsExactly(
                            "m.yaml:11:65: rule A.decide gives the event the key 'aggregateId'; a decided event has"
                                    + " eventType and optionally eventVersion, timestamp, payload and metadata (its"
                                    + " stream is the target's, its eventId is derived from the command's) (on a"
                                    + " synthetic A with an empty payload, against the initial state)",
                            "m.yaml:12:65: rule B.decide gives the event without an eventType (a non-empty string)"
                                    + " (on a synthetic B with an empty payload, against the initial state)",
                            "m.yaml:13:65: rule C.decide must give the reason of a rejection as a non-empty string,"
                                    + " got a number 42 (on a synthetic C with an empty payload, against the initial"
                                    + " state)",
                            "m.yaml:14:65: rule D.decide must return a list of events, or {\"rejected\": REASON}; got"
                                    + " null (on a synthetic D with an empty payload, against the initial state)");
        }

        @Test
        void a_strict_target_must_have_a_reducer_for_every_event_decided() {
            // when
            List<String> problems = problems(COUNTER + "commands:\n"
                    + "  Reset: {aggregateType: Counter, aggregateId: .payload.id, decide: '[{\"eventType\":"
                    + " \"Reset\"}]'}\n");

            // then
            assertThat(problems)
                    .containsExactly("m.yaml:11:69: rule Reset.decide decides a Reset event, which the strict"
                            + " aggregate Counter has no reducer for");
        }

        @Test
        void an_unknown_aggregate_type_is_named_where_it_is_written() {
            // when
            List<String> problems = problems(COUNTER + "commands:\n"
                    + "  Reset:\n"
                    + "    aggregateType: Countr\n"
                    + "    aggregateId: .payload.id\n"
                    + "    reads: {limit: {aggregateType: Limits, aggregateId: '\"l\"'}}\n"
                    + "    decide: '[]'\n");

            // then
            assertThat(problems)
                    .containsExactly(
                            "m.yaml:12:20: command Reset targets the aggregate type Countr, which the model does"
                                    + " not define (it has Counter, Limit)",
                            "m.yaml:14:36: read limit of command Reset targets the aggregate type Limits, which"
                                    + " the model does not define (it has Counter, Limit)");
        }

        @Test
        void missing_and_unknown_keys_and_bad_read_names_are_reported_together() {
            // when
            List<String> problems = problems(COUNTER + "commands:\n"
                    + "  Reset:\n"
                    + "    aggregateType: Counter\n"
                    + "    decides: '[]'\n"
                    + "    reads: {state: {aggregateType: Limit, aggregateId: '\"l\"'}, 2x: {aggregateType: Limit,"
                    + " aggregateId: '\"l\"'}}\n"
                    + "  Other: [1]\n");

            // then
            assertThat(problems)
                    .containsExactly(
                            "m.yaml:13:14: command Reset has an unknown key 'decides' (known: aggregateType,"
                                    + " aggregateId, reads, decide)",
                            "m.yaml:12:5: command Reset needs 'aggregateId': a JSLT rule",
                            "m.yaml:14:20: read state of command Reset: the name becomes the variable $state, so"
                                    + " it must be letters, digits and _ (not starting with a digit) and none of"
                                    + " command, state, event",
                            "m.yaml:14:68: read 2x of command Reset: the name becomes the variable $2x, so it must"
                                    + " be letters, digits and _ (not starting with a digit) and none of command,"
                                    + " state, event",
                            "m.yaml:12:5: command Reset needs 'decide': a JSLT rule",
                            "m.yaml:15:10: command Other must be a mapping (aggregateType, aggregateId, decide), got"
                                    + " a list");
        }

        @Test
        void a_rule_that_fails_on_the_synthetic_command_is_reported() {
            // when
            List<String> problems = problems(COUNTER + "commands:\n"
                    + "  Increment: {aggregateType: Counter, aggregateId: .payload.id, decide: '[{\"eventType\":"
                    + " \"Incremented\", \"payload\": {\"to\": number(\"x\")}}]'}\n");

            // then
            assertThat(problems)
                    .singleElement()
                    .asString()
                    .startsWith("m.yaml:11:73: rule Increment.decide fails on a synthetic command (empty payload): ");
        }
    }
}
