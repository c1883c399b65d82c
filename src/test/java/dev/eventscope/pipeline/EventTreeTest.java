package dev.eventscope.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventTreeTest {

    private static final String PAYLOAD = "{\"sku\":\"SKU-1\",\"items\":[{\"qty\":2,\"price\":12.30}],\"note\":\"é\"}";
    private static final String METADATA = "{\"correlationId\":\"c-1\",\"userId\":\"u\"}";

    private static RecordedEvent stored(JsonDoc payload, JsonDoc metadata) {
        Instant t = Instant.parse("2024-01-15T10:30:00.123Z");
        return new RecordedEvent(
                7,
                UUID.fromString("8b802fef-3418-45a4-a469-fbb37b258045"),
                "StockAdjusted",
                new StreamId("Inventory", "warehouse-main"),
                3,
                1,
                t,
                t,
                payload,
                metadata,
                "c-1",
                null,
                "u",
                "hash");
    }

    private static JsonDoc utf8(String text) {
        return JsonDoc.ofUtf8(text.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class when_folding_reads_stored_documents {

        @Test
        void the_lazy_tree_is_equal_to_the_eager_one_and_writes_the_same_text() {
            // given
            RecordedEvent e = stored(utf8(PAYLOAD), utf8(METADATA));

            // when
            ObjectNode lazy = EventTree.lazy(e);
            ObjectNode eager = EventTree.of(stored(JsonDoc.ofText(PAYLOAD), JsonDoc.ofText(METADATA)));

            // then
            assertThat(lazy).isEqualTo(eager);
            assertThat(eager).isEqualTo(lazy);
            assertThat(Json.write(lazy)).isEqualTo(Json.write(eager));
            assertThat(lazy.hashCode()).isEqualTo(eager.hashCode());
        }

        @Test
        void a_part_no_rule_looks_into_is_never_parsed() {
            // given
            JsonDoc payload = utf8(PAYLOAD);
            RecordedEvent e = stored(payload, utf8(METADATA));

            // when
            ObjectNode tree = EventTree.lazy(e);
            tree.get("eventType");
            tree.get("payload");

            // then: only handing the node on does not parse it
            assertThat(payload.isUnparsedObject()).isTrue();
        }

        @Test
        void looking_into_a_part_parses_it_once_with_exact_numbers() {
            // given
            JsonDoc payload = utf8(PAYLOAD);
            ObjectNode tree = EventTree.lazy(stored(payload, utf8(METADATA)));

            // when
            JsonNode p = tree.get("payload");
            JsonNode price = p.get("items").get(0).get("price");

            // then
            assertThat(p.size()).isEqualTo(3);
            assertThat(price.decimalValue()).isEqualByComparingTo("12.30");
            assertThat(price.toString()).isEqualTo("12.30");
            assertThat(p.get("note").textValue()).isEqualTo("é");
            assertThat(payload.isUnparsedObject()).isFalse();
            assertThat(p.fieldNames()).toIterable().containsExactly("sku", "items", "note");
        }

        @Test
        void a_document_already_parsed_is_shared_not_wrapped() {
            // given
            JsonDoc payload = JsonDoc.ofText(PAYLOAD);
            JsonNode parsed = payload.node();

            // when
            ObjectNode tree = EventTree.lazy(stored(payload, JsonDoc.ofText(METADATA)));

            // then
            assertThat(tree.get("payload")).isSameAs(parsed);
        }

        @Test
        void the_lazy_tree_lists_its_fields_in_the_order_of_the_eager_one() {
            // given
            RecordedEvent e = stored(utf8(PAYLOAD), utf8(METADATA));

            // when
            ObjectNode lazy = EventTree.lazy(e);

            // then
            assertThat(lazy.size()).isEqualTo(11);
            assertThat(lazy.has("timestamp")).isTrue();
            assertThat(lazy.has("hash")).isFalse();
            assertThat(lazy.get("timestamp").textValue()).isEqualTo("2024-01-15T10:30:00.123Z");
            assertThat(lazy.get("position").longValue()).isEqualTo(7);
            assertThat(lazy.fieldNames())
                    .toIterable()
                    .containsExactlyElementsOf(() -> EventTree.of(e).fieldNames());
        }

        @Test
        void changing_a_lazy_tree_changes_neither_the_event_nor_its_stored_document() {
            // given
            JsonDoc payload = utf8(PAYLOAD);
            RecordedEvent e = stored(payload, utf8(METADATA));
            ObjectNode tree = EventTree.lazy(e);

            // when
            ((ObjectNode) tree.get("payload")).put("sku", "changed");
            ((ObjectNode) tree.get("payload")).remove("note");
            tree.put("eventType", "Other");

            // then
            assertThat(tree.get("payload").get("sku").textValue()).isEqualTo("changed");
            assertThat(tree.get("payload").has("note")).isFalse();
            assertThat(tree.get("eventType").textValue()).isEqualTo("Other");
            assertThat(payload.node().get("sku").textValue()).isEqualTo("SKU-1");
            assertThat(payload.node().has("note")).isTrue();
            assertThat(EventTree.lazy(e).get("payload").get("sku").textValue()).isEqualTo("SKU-1");
        }

        @Test
        void a_document_that_is_not_an_object_is_parsed_as_it_is() {
            // given
            ObjectNode tree = EventTree.lazy(stored(utf8("[1,2]"), utf8(METADATA)));

            // then
            assertThat(tree.get("payload").isArray()).isTrue();
            assertThat(tree.get("payload").size()).isEqualTo(2);
        }
    }

    @Nested
    class when_a_document_is_held_as_utf8 {

        @Test
        void its_text_is_the_decoded_bytes_and_equals_the_same_text() {
            // given
            JsonDoc fromBytes = utf8(PAYLOAD);

            // then
            assertThat(fromBytes.text()).isEqualTo(PAYLOAD);
            assertThat(fromBytes).isEqualTo(JsonDoc.ofText(PAYLOAD));
            assertThat(fromBytes.node()).isEqualTo(JsonDoc.ofText(PAYLOAD).node());
        }
    }
}
