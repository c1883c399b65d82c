package dev.eventscope.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.Cut;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StateCacheTest {

    /** A store that counts the reads of events, to see whether a state was folded again. */
    static final class CountingStore {
        final MemoryStore store = TimeMachineTest.threeEvents();
        final AtomicInteger reads = new AtomicInteger();

        TimeMachine machine(StateCache cache) {
            return new TimeMachine(
                    store,
                    ReplayProperties.MODEL,
                    new dev.eventscope.pipeline.EventSource(
                            q -> {
                                reads.incrementAndGet();
                                return store.read(q);
                            },
                            dev.eventscope.pipeline.EventTransform.IDENTITY),
                    cache);
        }
    }

    @Nested
    class when_the_store_has_not_changed {

        @Test
        void asking_for_the_same_state_again_reads_no_events() {
            // given
            CountingStore s = new CountingStore();
            StateCache cache = new StateCache(8);
            AggregateState first = s.machine(cache).state("a", "Acc", Cut.LATEST, false);
            int reads = s.reads.get();

            // when
            AggregateState again = s.machine(cache).state("a", "Acc", Cut.LATEST, false);

            // then
            assertThat(again).isSameAs(first);
            assertThat(s.reads.get()).isEqualTo(reads);
            assertThat(cache.hits()).isEqualTo(1);
        }

        @Test
        void another_cut_is_another_question() {
            // given
            CountingStore s = new CountingStore();
            StateCache cache = new StateCache(8);
            s.machine(cache).state("a", "Acc", Cut.LATEST, false);

            // when
            AggregateState two = s.machine(cache).state("a", "Acc", new Cut.Version(2), false);

            // then
            assertThat(two.version()).isEqualTo(2);
            assertThat(cache.hits()).isZero();
        }
    }

    @Nested
    class when_an_event_was_appended {

        @Test
        void the_state_is_folded_again_and_includes_it() {
            // given
            CountingStore s = new CountingStore();
            StateCache cache = new StateCache(8);
            AggregateState before = s.machine(cache).state("a", "Acc", Cut.LATEST, false);

            // when
            s.store.add("Acc", "a", "Add", TimeMachineTest.T0.plusSeconds(180), "{\"n\":8}");
            AggregateState after = s.machine(cache).state("a", "Acc", Cut.LATEST, false);

            // then
            assertThat(after.version()).isEqualTo(before.version() + 1);
            assertThat(cache.hits()).isZero();
        }
    }

    @Test
    void the_least_recently_used_entry_goes_first() {
        // given a cache of one
        CountingStore s = new CountingStore();
        StateCache cache = new StateCache(1);
        s.machine(cache).state("a", "Acc", new Cut.Version(1), false);
        s.machine(cache).state("a", "Acc", new Cut.Version(2), false);

        // when
        s.machine(cache).state("a", "Acc", new Cut.Version(1), false);

        // then
        assertThat(cache.hits()).isZero();
    }
}
