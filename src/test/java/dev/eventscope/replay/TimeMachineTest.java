package dev.eventscope.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.StreamId;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimeMachineTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    static TimeMachine machine(MemoryStore store) {
        return new TimeMachine(store, ReplayProperties.MODEL, store.source());
    }

    static MemoryStore threeEvents() {
        MemoryStore store = new MemoryStore();
        store.add("Acc", "a", "Add", T0, "{\"n\":1}");
        store.add("Acc", "a", "Add", T0.plusSeconds(60), "{\"n\":2}");
        store.add("Acc", "a", "Add", T0.plusSeconds(120), "{\"n\":4}");
        return store;
    }

    @Nested
    class when_folding_from_a_snapshot {

        @Test
        void folding_from_an_intermediate_point_gives_the_same_state_as_from_the_start() {
            // given
            MemoryStore store = threeEvents();
            TimeMachine machine = machine(store);
            AggregateState two = machine.state("a", "Acc", new Cut.Version(2), false);

            // when
            AggregateState resumed = machine.stateFrom(new StreamId("Acc", "a"), Cut.LATEST, two.folded(), true);

            // then
            assertThat(resumed.state())
                    .isEqualTo(machine.state("a", "Acc", Cut.LATEST, false).state());
            assertThat(resumed.steps()).hasSize(1);
            assertThat(resumed.version()).isEqualTo(3);
            assertThat(resumed.position()).isEqualTo(3);
        }
    }

    @Nested
    class when_the_cut_is_outside_the_stream {

        @Test
        void replay_at_a_time_before_the_first_event_returns_the_initial_state() {
            // when
            AggregateState s =
                    machine(threeEvents()).state("a", "Acc", new Cut.At(T0.minusSeconds(1), Cut.LATEST), false);

            // then
            assertThat(s.state())
                    .isEqualTo(ReplayProperties.MODEL.aggregate("Acc").initial());
            assertThat(s.version()).isZero();
            assertThat(s.position()).isZero();
        }

        @Test
        void a_version_past_the_end_is_not_found_rather_than_clamped() {
            assertThatThrownBy(() -> machine(threeEvents()).state("a", "Acc", new Cut.Version(4), false))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("--version 4 is past the end of Acc/a, whose last version is 3");
        }

        @Test
        void an_id_used_by_two_aggregate_types_needs_the_type() {
            // given
            MemoryStore store = threeEvents();
            store.add("Other", "a", "Add", T0, "{}");

            // then
            assertThatThrownBy(() -> machine(store).resolve("a", null))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("aggregates of several types have the id a: Acc, Other");
        }
    }
}
