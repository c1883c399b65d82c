package dev.eventscope.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command specs: given events, when a command, then its events, its rejection or an error. */
class CommandSpecsTest {

    static final Model MODEL = ModelLoader.parse(
            "m.yaml",
            "aggregates:\n"
                    + "  Counter:\n"
                    + "    initial: {value: 0}\n"
                    + "    reducers:\n"
                    + "      Incremented: '$state | {\"value\": $event.payload.to, * : .}'\n"
                    + "commands:\n"
                    + "  Increment:\n"
                    + "    aggregateType: Counter\n"
                    + "    aggregateId: .payload.id\n"
                    + "    decide: |\n"
                    + "      if ($state.value >= 2) {\"rejected\": \"at most 2\"}\n"
                    + "      else if (.payload.bad) [{\"eventType\": \"Incremented\", \"timestamp\": \"soon\"}]\n"
                    + "      else [{\"eventType\": \"Incremented\", \"payload\": {\"to\": $state.value + 1}}]\n",
            Path.of("."),
            List.of());

    @TempDir
    Path dir;

    List<SpecResult> run(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("specs.yaml"), yaml);
        return new SpecRunner(MODEL).run(List.of(file));
    }

    @Test
    void a_command_is_issued_a_minute_after_the_last_given_event_with_a_fixed_id() throws IOException {
        // when
        List<SpecResult> results = run("aggregateType: Counter\naggregateId: c-1\nspecs:\n"
                + "  - name: after one increment\n"
                + "    given: [{eventType: Incremented, timestamp: '2024-03-01T10:00:00Z', payload: {to: 1}}]\n"
                + "    when: {command: {commandType: Increment, payload: {id: c-1}}}\n"
                + "    then:\n"
                + "      events:\n"
                + "        - {eventType: Incremented, eventVersion: 1, timestamp: '2024-03-01T10:01:00Z', payload: {to: 2},"
                + " metadata: {causationId: spec-command}}\n");

        // then
        assertThat(results)
                .singleElement()
                .satisfies(r -> assertThat(r.differences()).isEmpty());
    }

    @Test
    void a_cut_in_when_decides_against_the_state_there() throws IOException {
        // when
        List<SpecResult> results = run("aggregateType: Counter\naggregateId: c-1\nspecs:\n"
                + "  - name: at the first of two increments\n"
                + "    given: [{eventType: Incremented, payload: {to: 1}}, {eventType: Incremented, payload: {to: 2}}]\n"
                + "    when: {position: 1, command: {commandType: Increment, payload: {id: c-1}}}\n"
                + "    then: {events: [{eventType: Incremented, payload: {to: 2}}]}\n"
                + "  - name: after both\n"
                + "    given: [{eventType: Incremented, payload: {to: 1}}, {eventType: Incremented, payload: {to: 2}}]\n"
                + "    when: {command: {commandType: Increment, payload: {id: c-1}}}\n"
                + "    then: {rejected: at most}\n");

        // then
        assertThat(results)
                .allSatisfy(r -> assertThat(r.differences()).as(r.spec().name()).isEmpty());
    }

    @Test
    void a_failing_rule_is_an_error_a_spec_can_expect_and_otherwise_a_failure() throws IOException {
        // when
        List<SpecResult> results = run("aggregateType: Counter\naggregateId: c-1\nspecs:\n"
                + "  - name: expected\n"
                + "    when: {command: {commandType: Increment, payload: {id: c-1, bad: true}}}\n"
                + "    then: {error: decided an invalid event}\n"
                + "  - name: not expected\n"
                + "    when: {command: {commandType: Increment, payload: {id: c-1, bad: true}}}\n"
                + "    then: {events: []}\n");

        // then
        assertThat(results.get(0).differences()).isEmpty();
        assertThat(results.get(1).differences())
                .singleElement()
                .asString()
                .startsWith(
                        "deciding failed: rule Increment.decide decided an invalid event for Increment spec-command;"
                                + " m.yaml:10:13: event 1 (Incremented): ");
    }

    @Test
    void a_malformed_command_spec_is_refused_with_every_problem_located() throws IOException {
        assertThatThrownBy(() -> run("aggregateType: Counter\nspecs:\n"
                        + "  - name: a\n"
                        + "    when: {version: 1, command: {commandType: Increment}}\n"
                        + "    then: {events: []}\n"
                        + "  - name: b\n"
                        + "    when: {command: {payload: {}}}\n"
                        + "    then: {events: []}\n"
                        + "  - name: c\n"
                        + "    when: {command: {commandType: Increment}}\n"
                        + "    then: {state: {value: 1}}\n"
                        + "  - name: d\n"
                        + "    when: {command: {commandType: Increment}}\n"
                        + "    then: {events: [{eventType: X, aggregateId: y}]}\n"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .containsExactly(
                                dir.resolve("specs.yaml") + ":4:11: a command is decided at a time or position (at,"
                                        + " asOf, position), not at a stream version",
                                dir.resolve("specs.yaml") + ":7:21: commandType is missing (give it in the command or"
                                        + " as COMMAND_TYPE)",
                                dir.resolve("specs.yaml") + ":11:19: unknown key 'state' (known: error, events,"
                                        + " rejected)",
                                dir.resolve("specs.yaml") + ":11:11: 'then' of a command spec needs exactly one of"
                                        + " events, rejected or error",
                                dir.resolve("specs.yaml") + ":14:49: unknown key 'aggregateId' (known: eventId,"
                                        + " eventType, eventVersion, metadata, payload, timestamp)"));
    }
}
