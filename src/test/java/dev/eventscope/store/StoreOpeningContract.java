package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.event.RecordedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StoreFactory}: writers create a store, readers need one, and what was
 * written is there when the store is opened again. Every adapter runs it.
 */
public abstract class StoreOpeningContract extends StoreContract {

    @Test
    void a_store_opened_for_writing_exists_and_names_its_locator() {
        assertThat(underTest().stores().exists(locator)).isTrue();
        assertThat(store.locator()).isEqualTo(locator);
        assertThat(store.locator().toString()).isEqualTo(locator.toString());
        assertThat(store.locator().name()).isNotBlank();
    }

    @Test
    void a_reader_needs_the_store_to_exist_and_creates_nothing() {
        // given
        StoreLocator nowhere = underTest().newLocator();

        // then
        assertThat(underTest().stores().exists(nowhere)).isFalse();
        for (StoreOptions.Access access : List.of(StoreOptions.Access.READ, StoreOptions.Access.READ_AS_IS)) {
            assertThatThrownBy(() -> underTest().open(nowhere, access))
                    .as(access.toString())
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining(nowhere.toString());
        }
        assertThat(underTest().stores().exists(nowhere)).isFalse();
    }

    @Test
    void events_survive_closing_and_reopening() {
        // given
        List<RecordedEvent> written =
                append(event("A").build(), event("B").on("Payment", "p").build());
        store.close();

        // when
        store = underTest().open(locator, StoreOptions.Access.READ);

        // then
        assertThat(all()).isEqualTo(written);
        assertThat(store.head()).isEqualTo(new StoreHead(2, written.get(1).hash(), 2));
    }

    @Test
    void a_store_opened_read_only_reads_what_a_writer_committed() {
        // given
        EventStore reader = another(StoreOptions.Access.READ);

        // when
        append(event("A").build());

        // then
        assertThat(read(reader, EventQuery.ALL)).hasSize(1);
    }
}
