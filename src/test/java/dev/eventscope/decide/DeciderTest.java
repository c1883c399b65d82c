package dev.eventscope.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.replay.MemoryStore;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.replay.TimeMachine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Deciding one command against states held in memory: no store, nothing written. */
class DeciderTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    static final Model MODEL = ModelLoader.parse(
            "m.yaml",
            "aggregates:\n"
                    + "  Counter:\n"
                    + "    initial: {value: 0}\n"
                    + "    strict: true\n"
                    + "    reducers:\n"
                    + "      Incremented: '$state | {\"value\": $event.payload.to, * : .}'\n"
                    + "      Broken: '$state | {\"value\": number($event.payload.x), * : .}'\n"
                    + "  Limit:\n"
                    + "    initial: {max: 3}\n"
                    + "    reducers:\n"
                    + "      LimitSet: '$state | {\"max\": $event.payload.max, * : .}'\n"
                    + "commands:\n"
                    + "  Increment:\n"
                    + "    aggregateType: Counter\n"
                    + "    aggregateId: .payload.id\n"
                    + "    reads:\n"
                    + "      limit: {aggregateType: Limit, aggregateId: '\"limit\"'}\n"
                    + "    decide: |\n"
                    + "      if ($state.value >= $limit.max) {\"rejected\": \"the counter is at its limit \" + string($limit.max)}\n"
                    + "      else if (.payload.odd) {\"oops\": true}\n"
                    + "      else if (.payload.break) [{\"eventType\": \"Broken\", \"payload\": {\"x\": \"nope\"}}]\n"
                    + "      else if (.payload.when) [{\"eventType\": \"Incremented\", \"timestamp\": .payload.when, \"payload\": {\"to\": 1}}]\n"
                    + "      else [{\"eventType\": \"Incremented\", \"payload\": {\"to\": $state.value + 1},"
                    + " \"metadata\": {\"rule\": \"increment\", \"causationId\": \"ignored\"}},\n"
                    + "            {\"eventType\": \"Incremented\", \"payload\": {\"to\": $state.value + 2}}]\n",
            Path.of("."),
            List.of());

    final MemoryStore store = new MemoryStore();
    final Decider decider = new Decider(MODEL, EventJson.ReadOptions.DEFAULT);

    /** The states of the store's events at its head. */
    StateReader states() {
        ResolvedCut head = ResolvedCut.resolveInMemory(Cut.LATEST, store.events.size(), store.events);
        return s -> TimeMachine.stateOf(store.source(), s, MODEL.aggregate(s.aggregateType()), head);
    }

    static Command increment(String commandId, String payload, String metadata) {
        return Command.read(
                        Json.parseTrusted("{\"commandType\": \"Increment\", \"commandId\": \"" + commandId
                                + "\", \"payload\": " + payload + ", \"metadata\": " + metadata + "}"),
                        null,
                        null)
                .at(T0.plusSeconds(60));
    }

    @Nested
    class when_accepted {

        @Test
        void the_events_go_to_the_target_with_the_command_s_time_ids_and_correlation() {
            // given
            store.add("Counter", "c-1", "Incremented", T0, "{\"to\": 1}");

            // when
            Decided d = decider.decide(
                    increment("cmd-1", "{\"id\": \"c-1\"}", "{\"userId\": \"u-1\", \"causationId\": \"req-0\"}"),
                    states());

            // then
            assertThat(d.rejected()).isFalse();
            assertThat(d.target()).isEqualTo(new StreamId("Counter", "c-1"));
            assertThat(d.state().version()).isEqualTo(1);
            assertThat(d.events()).hasSize(2);
            NewEvent first = d.events().get(0);
            assertThat(first.stream()).isEqualTo(d.target());
            assertThat(first.timestamp()).isEqualTo(T0.plusSeconds(60));
            assertThat(first.payload().text()).isEqualTo("{\"to\":2}");
            assertThat(first.metadata().text())
                    .isEqualTo("{\"userId\":\"u-1\",\"rule\":\"increment\",\"correlationId\":\"cmd-1\","
                            + "\"causationId\":\"cmd-1\"}");
            assertThat(d.events().get(1).payload().text()).isEqualTo("{\"to\":3}");
            assertThat(d.after().state().get("value").intValue()).isEqualTo(3);
            assertThat(d.after().version()).isEqualTo(3);
        }

        @Test
        void the_same_command_decides_the_same_event_ids_and_another_command_others() {
            // when
            Decided once = decider.decide(increment("cmd-1", "{\"id\": \"c-1\"}", "{}"), states());
            Decided again = decider.decide(increment("cmd-1", "{\"id\": \"c-1\"}", "{}"), states());
            Decided other = decider.decide(increment("cmd-2", "{\"id\": \"c-1\"}", "{}"), states());

            // then
            assertThat(again.events()).isEqualTo(once.events());
            assertThat(other.events().get(0).eventId())
                    .isNotEqualTo(once.events().get(0).eventId());
            assertThat(once.events().get(0).eventId())
                    .isNotEqualTo(once.events().get(1).eventId());
            assertThat(once.events().get(0).eventId().version()).isEqualTo(8);
        }

        @Test
        void a_correlation_id_given_with_the_command_is_kept_and_a_rule_may_set_the_time() {
            // when
            Decided d = decider.decide(
                    increment(
                            "cmd-1",
                            "{\"id\": \"c-1\", \"when\": \"2024-02-01T00:00:00+01:00\"}",
                            "{\"correlationId\": \"req-9\"}"),
                    states());

            // then
            assertThat(d.events().get(0).timestamp()).isEqualTo(Instant.parse("2024-01-31T23:00:00Z"));
            assertThat(d.events().get(0).correlationId()).isEqualTo("req-9");
            assertThat(d.events().get(0).causationId()).isEqualTo("cmd-1");
        }

        @Test
        void a_read_sees_the_other_aggregate_s_state_at_the_same_cut() {
            // given
            store.add("Limit", "limit", "LimitSet", T0, "{\"max\": 10}");
            store.add("Counter", "c-1", "Incremented", T0, "{\"to\": 5}");

            // when
            Decided d = decider.decide(increment("cmd-1", "{\"id\": \"c-1\"}", "{}"), states());

            // then
            assertThat(d.rejected()).isFalse();
            assertThat(d.reads()).singleElement().satisfies(r -> {
                assertThat(r.name()).isEqualTo("limit");
                assertThat(r.state().version()).isEqualTo(1);
            });
        }
    }

    @Nested
    class when_rejected {

        @Test
        void the_reason_is_the_rule_s_and_no_event_is_decided() {
            // given
            store.add("Counter", "c-1", "Incremented", T0, "{\"to\": 3}");

            // when
            Decided d = decider.decide(increment("cmd-1", "{\"id\": \"c-1\"}", "{}"), states());

            // then
            assertThat(d.rejected()).isTrue();
            assertThat(d.reason()).isEqualTo("the counter is at its limit 3");
            assertThat(d.events()).isEmpty();
            assertThat(d.after()).isEqualTo(d.state().folded());
        }
    }

    @Nested
    class when_the_command_or_the_rule_is_wrong {

        @Test
        void a_command_without_what_the_id_rule_reads_names_no_aggregate() {
            assertThatThrownBy(() -> decider.decide(increment("cmd-1", "{}", "{}"), states()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Increment cmd-1 names no aggregate id for its target: rule Increment.aggregateId"
                            + " gave null")
                    .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                            .containsExactly("m.yaml:15:18: .payload.id"));
        }

        @Test
        void a_wrong_shape_on_a_branch_the_load_did_not_take_fails_with_the_rule_s_location() {
            assertThatThrownBy(() ->
                            decider.decide(increment("cmd-1", "{\"id\": \"c-1\", \"odd\": true}", "{}"), states()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("rule Increment.decide returned no decision for Increment cmd-1")
                    .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                            .singleElement()
                            .asString()
                            .startsWith("m.yaml:18:13: must return a list of events"));
        }

        @Test
        void events_the_reducers_refuse_are_refused_before_anything_is_appended() {
            assertThatThrownBy(() ->
                            decider.decide(increment("cmd-1", "{\"id\": \"c-1\", \"break\": true}", "{}"), states()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("the events rule Increment.decide decided for Increment cmd-1 do not fold"
                            + " into Counter/c-1: rule Counter.Broken failed");
        }

        @Test
        void an_event_time_that_is_not_a_time_is_refused() {
            assertThatThrownBy(() -> decider.decide(
                            increment("cmd-1", "{\"id\": \"c-1\", \"when\": \"yesterday\"}", "{}"), states()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("rule Increment.decide decided an invalid event for Increment cmd-1");
        }

        @Test
        void an_unknown_command_type_is_not_found() {
            Command c = new Command("Decrement", "cmd-1", T0, Json.object(), Json.object());
            assertThatThrownBy(() -> decider.decide(c, states()))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("the model m.yaml has no command type 'Decrement'");
        }
    }
}
