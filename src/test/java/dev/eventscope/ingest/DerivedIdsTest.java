package dev.eventscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DerivedIdsTest {

    private static NewEvent event(String payload) {
        return new NewEvent(
                null,
                "OrderPlaced",
                StreamId.of("Order", "o-1"),
                1,
                Instant.parse("2024-01-15T10:30:00Z"),
                JsonDoc.ofText(payload),
                JsonDoc.EMPTY_OBJECT,
                null);
    }

    @Test
    void the_same_line_gets_the_same_id_every_time() {
        // when
        UUID first = new DerivedIds().idFor(event("{\"a\":1}"), 12);
        UUID again = new DerivedIds().idFor(event("{\"a\":1}"), 12);

        // then
        assertThat(again).isEqualTo(first);
    }

    @Test
    void one_instance_gives_stable_ids_across_calls() {
        // given
        DerivedIds ids = new DerivedIds();
        UUID first = ids.idFor(event("{\"a\":1}"), 12);
        ids.idFor(event("{\"b\":2}"), 13);

        // when
        UUID again = ids.idFor(event("{\"a\":1}"), 12);

        // then
        assertThat(again).isEqualTo(first);
    }

    @Test
    void the_same_content_on_another_line_gets_another_id() {
        DerivedIds ids = new DerivedIds();
        assertThat(ids.idFor(event("{\"a\":1}"), 12)).isNotEqualTo(ids.idFor(event("{\"a\":1}"), 13));
    }

    @Test
    void other_content_on_the_same_line_gets_another_id() {
        DerivedIds ids = new DerivedIds();
        assertThat(ids.idFor(event("{\"a\":1}"), 12)).isNotEqualTo(ids.idFor(event("{\"a\":2}"), 12));
    }

    @Test
    void the_id_is_a_version_8_uuid_with_the_rfc_variant() {
        UUID id = new DerivedIds().idFor(event("{}"), 1);
        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);
    }
}
