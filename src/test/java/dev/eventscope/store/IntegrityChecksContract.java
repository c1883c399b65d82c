package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IntegrityChecks}: a store the tool wrote has no storage or schema problems,
 * and its high-water mark is its last position. Every store runs it; what each store finds when it
 * is damaged is its adapter's own test.
 */
public abstract class IntegrityChecksContract extends StoreContract {

    @Test
    void a_new_store_has_no_problems_and_no_high_water() {
        assertThat(store.integrity().storageProblems(false)).isEmpty();
        assertThat(store.integrity().storageProblems(true)).isEmpty();
        assertThat(store.integrity().schemaProblems()).isEmpty();
        assertThat(store.integrity().positionHighWater()).isZero();
    }

    @Test
    void a_store_with_events_snapshots_and_read_models_has_no_problems_and_its_head_as_high_water() {
        // given
        append(event("A").build(), event("B").build());
        append(event("C").build());
        store.requireProcessing().inTransaction("test", () -> {
            store.requireProcessing().checkpoints().put("h", 3, null);
            return null;
        });

        // then
        assertThat(store.integrity().storageProblems(true)).isEmpty();
        assertThat(store.integrity().schemaProblems()).isEmpty();
        assertThat(store.integrity().positionHighWater()).isEqualTo(3);
    }
}
