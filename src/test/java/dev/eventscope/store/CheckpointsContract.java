package dev.eventscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.Times;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The contract of {@link Checkpoints}. Every store that offers processing runs it. */
public abstract class CheckpointsContract extends ProcessingContract {

    @Test
    void a_handler_that_never_processed_anything_has_no_checkpoint() {
        assertThat(processing.checkpoints().get("orders")).isEmpty();
    }

    @Test
    void a_checkpoint_is_created_then_moved_and_stamped_with_the_time() {
        // given
        Instant before = Times.nowMicros();

        // when
        inTransaction(() -> processing.checkpoints().put("orders", 5, "fp-1"));
        inTransaction(() -> processing.checkpoints().put("orders", 9, null));
        inTransaction(() -> processing.checkpoints().put("notify", 2, null));

        // then
        Checkpoint orders = processing.checkpoints().get("orders").orElseThrow();
        assertThat(orders.handler()).isEqualTo("orders");
        assertThat(orders.position()).isEqualTo(9);
        assertThat(orders.fingerprint()).isNull();
        assertThat(orders.updatedAt()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Times.nowMicros());
        assertThat(processing.checkpoints().get("notify").orElseThrow().position())
                .isEqualTo(2);
    }

    @Test
    void a_checkpoint_written_outside_a_transaction_is_kept() {
        // when
        processing.checkpoints().put("orders", 3, "fp");

        // then
        assertThat(another(StoreOptions.Access.READ)
                        .requireProcessing()
                        .checkpoints()
                        .get("orders")
                        .orElseThrow()
                        .fingerprint())
                .isEqualTo("fp");
    }

    @Test
    void a_checkpoint_of_a_rolled_back_transaction_is_not_kept() {
        // when
        try {
            inTransaction(() -> {
                processing.checkpoints().put("orders", 5, null);
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }

        // then
        assertThat(processing.checkpoints().get("orders")).isEmpty();
    }
}
