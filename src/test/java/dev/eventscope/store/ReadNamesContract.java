package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract of {@link ReadNames}: names by prefix, sorted and capped. Every store runs it. */
public abstract class ReadNamesContract extends StoreContract {

    @Test
    void an_empty_store_has_no_names() {
        assertThat(store.names().aggregateIds(null, "", 10)).isEmpty();
        assertThat(store.names().aggregateTypes("", 10)).isEmpty();
        assertThat(store.names().eventTypes("", 10)).isEmpty();
    }

    @Test
    void names_are_found_by_prefix_sorted_and_capped() {
        // given
        append(
                event("OrderPlaced").on("Order", "o-1").build(),
                event("OrderPlaced").on("Order", "o-2").build(),
                event("OrderShipped").on("Order", "o-1").build(),
                event("PaymentTaken").on("Payment", "o-1").build(),
                event("PaymentTaken").on("Payment", "p-9").build());

        // then
        assertThat(store.names().aggregateTypes("P", 10)).containsExactly("Payment");
        assertThat(store.names().aggregateTypes("", 10)).containsExactly("Order", "Payment");
        assertThat(store.names().eventTypes("Order", 10)).containsExactly("OrderPlaced", "OrderShipped");
        assertThat(store.names().eventTypes("", 1)).containsExactly("OrderPlaced");
        assertThat(store.names().aggregateIds(null, "o-", 10)).containsExactly("o-1", "o-2");
        assertThat(store.names().aggregateIds(null, "", 2)).containsExactly("o-1", "o-2");
        assertThat(store.names().aggregateIds("Payment", "", 10)).containsExactly("o-1", "p-9");
        assertThat(store.names().aggregateIds(null, "x", 10)).isEmpty();
    }

    @Test
    void a_prefix_is_text_not_a_pattern() {
        // given
        append(
                event("A").on("Order", "o_1").build(),
                event("A").on("Order", "o%2").build(),
                event("A").on("Order", "oz").build());

        // then
        assertThat(store.names().aggregateIds(null, "o_", 10)).containsExactly("o_1");
        assertThat(store.names().aggregateIds(null, "o%", 10)).containsExactly("o%2");
    }
}
