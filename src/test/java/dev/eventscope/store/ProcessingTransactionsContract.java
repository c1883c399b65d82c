package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.event.RecordedEvent;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ProcessingStore}'s transactions: a handler's effects, its checkpoint, its
 * dead letters and the events it emits commit as one unit, and appends inside chain like any
 * other. Every store that offers processing runs it.
 */
public abstract class ProcessingTransactionsContract extends ProcessingContract {

    @Test
    void an_append_inside_a_processing_transaction_chains_like_any_append() {
        // when
        List<RecordedEvent> appended = processing.inTransaction("test", () -> {
            processing.checkpoints().put("r", 0, null);
            return processing.appendInTransaction(
                    List.of(event("A").build(), event("B").build()));
        });

        // then
        assertThat(appended).extracting(RecordedEvent::position).containsExactly(1L, 2L);
        assertThat(store.byPosition(2).orElseThrow().hash())
                .isEqualTo(appended.get(1).hash());
        assertThat(all()).isEqualTo(appended);
        assertThat(processing.batchEnd(1, 1)).isEqualTo(1);
        assertThat(processing.batchEnd(1, 5)).isEqualTo(2);
        assertThat(processing.eventsAfter(0, Set.of("B"))).isEqualTo(1);
    }

    @Test
    void an_append_of_events_stored_already_appends_nothing() {
        // given
        var id = UUID.randomUUID();
        append(event("A").id(id).build());

        // when
        List<RecordedEvent> again = processing.inTransaction(
                "test",
                () -> processing.appendInTransaction(List.of(event("A").id(id).build())));

        // then
        assertThat(again).isEmpty();
        assertThat(all()).hasSize(1);
        assertThat(processing.inTransaction("test", () -> processing.appendInTransaction(List.of())))
                .isEmpty();
    }

    @Test
    void emitted_events_and_the_checkpoint_of_a_failed_transaction_are_both_rolled_back() {
        // given
        append(event("Before").build());

        // when
        assertThatThrownBy(() -> processing.inTransaction("test", () -> {
                    processing.appendInTransaction(List.of(event("Emitted").build()));
                    processing.checkpoints().put("r", 1, null);
                    throw new IllegalStateException("handler crashed");
                }))
                .hasMessage("handler crashed");

        // then
        assertThat(all()).extracting(RecordedEvent::eventType).containsExactly("Before");
        assertThat(processing.checkpoints().get("r")).isEmpty();
        assertThat(store.head().position()).isEqualTo(1);

        // and the store takes the next append as usual
        assertThat(append(event("After").build()).get(0).position()).isEqualTo(2);
    }

    @Test
    void a_batch_ends_at_the_nth_event_from_a_position_or_at_the_head() {
        // given
        for (int i = 0; i < 5; i++) {
            append(event(i % 2 == 0 ? "A" : "B").build());
        }

        // then
        assertThat(processing.batchEnd(1, 2)).isEqualTo(2);
        assertThat(processing.batchEnd(3, 2)).isEqualTo(4);
        assertThat(processing.batchEnd(4, 100)).isEqualTo(5);
        assertThat(processing.eventsAfter(0, Set.of())).isEqualTo(5);
        assertThat(processing.eventsAfter(2, Set.of("A"))).isEqualTo(2);
        assertThat(processing.eventsAfter(5, Set.of())).isZero();
    }

    @Test
    void an_empty_store_ends_every_batch_at_0() {
        assertThat(processing.batchEnd(1, 10)).isZero();
        assertThat(processing.eventsAfter(0, Set.of())).isZero();
    }

    @Test
    void what_a_transaction_returns_is_handed_back() {
        assertThat(processing.inTransaction("test", () -> "done")).isEqualTo("done");
    }
}
