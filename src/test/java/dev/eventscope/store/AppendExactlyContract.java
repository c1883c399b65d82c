package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.ConflictException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.RecordedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AppendEvents#appendExactly} (what {@code evs copy} writes with): events go
 * in exactly as another store holds them, only where they continue the head. Every store runs it.
 */
public abstract class AppendExactlyContract extends StoreContract {

    /** A source store with five events in two transactions. */
    private List<RecordedEvent> source() {
        EventStore source = closeLater(underTest().open(underTest().newLocator(), StoreOptions.Access.WRITE));
        source.append(
                List.of(event("A").build(), event("B").on("Payment", "p").build()),
                dev.eventscope.event.ExpectedVersion.ANY);
        source.append(
                List.of(
                        event("C").build(),
                        event("D").build(),
                        event("E").payload("{\"x\":1}").build()),
                dev.eventscope.event.ExpectedVersion.ANY);
        return read(source, EventQuery.ALL);
    }

    @Test
    void copied_events_keep_positions_times_and_hashes_and_the_heads_agree() {
        // given
        List<RecordedEvent> events = source();

        // when
        store.appendExactly(events.subList(0, 2));
        store.appendExactly(events.subList(2, 5));

        // then
        assertThat(all()).isEqualTo(events);
        assertThat(store.head()).isEqualTo(new StoreHead(5, events.get(4).hash(), 5));
        assertThat(store.currentVersion(events.get(0).stream())).isEqualTo(4);
        store.appendExactly(List.of());
        assertThat(store.head().position()).isEqualTo(5);
    }

    @Test
    void events_that_do_not_continue_the_head_are_refused_and_nothing_is_written() {
        // given
        List<RecordedEvent> events = source();
        store.appendExactly(events.subList(0, 2));

        // then: a gap, and a repeat
        assertThatThrownBy(() -> store.appendExactly(events.subList(3, 5)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("the event at position 4 does not continue the log, whose next position is 3");
        assertThatThrownBy(() -> store.appendExactly(events.subList(1, 3))).isInstanceOf(ConflictException.class);
        assertThat(store.head().position()).isEqualTo(2);
    }

    @Test
    void an_event_that_does_not_match_its_hash_is_refused_and_its_batch_is_not_written() {
        // given
        List<RecordedEvent> events = source();
        RecordedEvent tampered = events.get(2).withHash(events.get(1).hash());

        // then
        assertThatThrownBy(() -> store.appendExactly(List.of(events.get(0), events.get(1), tampered)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the event at position 3 does not match its hash");
        assertThat(store.head()).isEqualTo(StoreHead.EMPTY);
    }

    @Test
    void an_exact_load_into_the_empty_store_is_the_source_exactly_with_its_schema_whole() {
        // given
        List<RecordedEvent> events = source();

        // when
        try (ExactLoad load = store.startExactLoad()) {
            load.write(events.subList(0, 2));
            load.write(events.subList(2, 5));
            load.commit();
        }

        // then
        assertThat(all()).isEqualTo(events);
        assertThat(store.head()).isEqualTo(new StoreHead(5, events.get(4).hash(), 5));
        assertThat(store.currentVersion(events.get(0).stream())).isEqualTo(4);
        assertThat(store.integrity().schemaProblems()).isEmpty();
        store.appendExactly(List.of());
        append(event("After").build());
        assertThat(store.head().position()).isEqualTo(6);
    }

    @Test
    void an_exact_load_that_meets_a_damaged_event_or_is_not_committed_leaves_the_store_as_it_was() {
        // given
        List<RecordedEvent> events = source();
        RecordedEvent tampered = events.get(3).withHash(events.get(1).hash());

        // when
        try (ExactLoad load = store.startExactLoad()) {
            load.write(events.subList(0, 3));
            assertThatThrownBy(() -> load.write(List.of(tampered, events.get(4))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("the event at position 4 does not match its hash");
        }
        try (ExactLoad load = store.startExactLoad()) {
            load.write(events.subList(0, 3));
        }

        // then
        assertThat(store.head()).isEqualTo(StoreHead.EMPTY);
        assertThat(store.integrity().schemaProblems()).isEmpty();
        store.appendExactly(events);
        assertThat(all()).isEqualTo(events);
    }

    @Test
    void a_store_that_appended_its_own_events_takes_no_copy() {
        append(event("Own").build());
        List<RecordedEvent> events = source();
        assertThatThrownBy(() -> store.appendExactly(events.subList(1, 2))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.appendExactly(events.subList(0, 1))).isInstanceOf(ConflictException.class);
    }
}
