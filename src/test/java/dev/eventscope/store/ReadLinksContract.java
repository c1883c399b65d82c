package dev.eventscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link ReadLinks}: events by correlation, causation and id. Every store runs it. */
public abstract class ReadLinksContract extends StoreContract {

    static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-%012d", n));
    }

    static List<UUID> ids(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::eventId).toList();
    }

    @BeforeEach
    void six_linked_events() {
        // events 1..6: correlations c-1 (1, 3, 5) and c-2 (2, 4), 6 without; 3 and 4 caused by 1
        List<NewEvent> events = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            ObjectNode meta = Json.object();
            if (n < 6) {
                meta.put("correlationId", n % 2 == 1 ? "c-1" : "c-2");
            }
            meta.put("causationId", n == 3 || n == 4 ? id(1).toString() : "cmd-" + n);
            events.add(new NewEvent(
                    id(n),
                    "E" + n,
                    new StreamId("T", "t-" + n),
                    1,
                    Instant.parse("2024-01-15T10:00:00Z").plusSeconds(n),
                    JsonDoc.EMPTY_OBJECT,
                    JsonDoc.of(meta),
                    null));
        }
        store.append(events, ExpectedVersion.ANY);
    }

    @Test
    void by_correlation_returns_its_events_in_position_order_up_to_the_limit() {
        assertThat(ids(store.links().byCorrelation("c-1", 10))).containsExactly(id(1), id(3), id(5));
        assertThat(ids(store.links().byCorrelation("c-1", 2))).containsExactly(id(1), id(3));
        assertThat(store.links().byCorrelation("c-9", 10)).isEmpty();
    }

    @Test
    void by_ids_returns_the_stored_ones_once_each_in_position_order() {
        var got = store.links().byIds(List.of(id(5), id(99), id(2), id(5)));
        assertThat(ids(got)).containsExactly(id(2), id(5));
        assertThat(store.links().byIds(List.of())).isEmpty();
    }

    @Test
    void by_ids_takes_more_ids_than_one_statement_binds() {
        List<UUID> many = new ArrayList<>();
        for (int n = 0; n < 40_000; n++) {
            many.add(id(1000 + n));
        }
        many.add(id(6));
        assertThat(ids(store.links().byIds(many))).containsExactly(id(6));
    }

    @Test
    void caused_by_returns_the_events_of_any_of_the_causes() {
        var got = store.links().causedBy(List.of(id(1).toString(), "cmd-6", "nothing"), 10);
        assertThat(ids(got)).containsExactly(id(3), id(4), id(6));
        assertThat(ids(store.links().causedBy(List.of(id(1).toString()), 1))).containsExactly(id(3));
    }

    @Test
    void caused_outside_leaves_out_the_given_correlations_but_not_events_without_one() {
        var causes = List.of(id(1).toString(), "cmd-6", "cmd-2");
        assertThat(ids(store.links().causedOutside(causes, List.of("c-1"), 10))).containsExactly(id(2), id(4), id(6));
        assertThat(ids(store.links().causedOutside(causes, List.of("c-1", "c-2"), 10)))
                .containsExactly(id(6));
    }

    @Test
    void ids_with_quotes_and_backslashes_are_bound_as_data() {
        assertThat(store.links().causedBy(List.of("\"]) OR 1=1 --", "a\\b", "' OR '1'='1"), 10))
                .isEmpty();
    }

    @Test
    void links_by_correlation_group_each_correlation_and_skip_events_without_one() {
        try (Stream<EventLink> links = store.links().linksByCorrelation()) {
            assertThat(links.map(l -> l.correlationId() + ":" + l.position()))
                    .containsExactly("c-1:1", "c-1:3", "c-1:5", "c-2:2", "c-2:4");
        }
    }
}
