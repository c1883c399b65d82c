package dev.eventscope.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {

    private static final String MINIMAL =
            "{\"eventType\":\"OrderPlaced\",\"aggregateType\":\"Order\",\"aggregateId\":\"o-1\"";

    private static NewEvent read(String json) {
        return read(json, EventJson.ReadOptions.DEFAULT);
    }

    private static NewEvent read(String json, EventJson.ReadOptions options) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = Json.parse(bytes, 0, bytes.length);
        } catch (java.io.IOException e) {
            throw new AssertionError("test input does not parse: " + json, e);
        }
        return EventJson.read(node, options);
    }

    /** An event object with the minimal fields and {@code extra} (a JSON fragment, may be empty). */
    private static String event(String extra) {
        return MINIMAL + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Nested
    class when_reading_a_valid_event {

        @Test
        void the_full_shape_is_read() {
            // given
            String json = "{\"eventId\":\"550e8400-e29b-41d4-a716-446655440000\",\"eventType\":\"OrderPlaced\","
                    + "\"aggregateId\":\"order-123\",\"aggregateType\":\"Order\",\"eventVersion\":2,"
                    + "\"timestamp\":\"2024-01-15T10:30:00+01:00\",\"payload\":{\"totalAmount\":59.98},"
                    + "\"metadata\":{\"userId\":\"user-123\",\"correlationId\":\"req-abc\",\"causationId\":\"cmd-1\"}}";

            // when
            NewEvent e = read(json);

            // then
            assertThat(e.eventId()).isEqualTo(UUID.fromString("550e8400-e29b-41d4-a716-446655440000"));
            assertThat(e.eventType()).isEqualTo("OrderPlaced");
            assertThat(e.stream()).isEqualTo(StreamId.of("Order", "order-123"));
            assertThat(e.eventVersion()).isEqualTo(2);
            assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-01-15T09:30:00Z"));
            assertThat(e.payload().text()).isEqualTo("{\"totalAmount\":59.98}");
            assertThat(e.metadata().text())
                    .isEqualTo("{\"userId\":\"user-123\",\"correlationId\":\"req-abc\",\"causationId\":\"cmd-1\"}");
            assertThat(e.correlationId()).isEqualTo("req-abc");
            assertThat(e.causationId()).isEqualTo("cmd-1");
            assertThat(e.userId()).isEqualTo("user-123");
            assertThat(e.streamVersion()).isNull();
        }

        @Test
        void optional_fields_take_their_defaults() {
            // when
            NewEvent e = read(event(""));

            // then
            assertThat(e.eventId()).isNull();
            assertThat(e.timestamp()).isNull();
            assertThat(e.eventVersion()).isEqualTo(1);
            assertThat(e.payload()).isEqualTo(JsonDoc.EMPTY_OBJECT);
            assertThat(e.metadata()).isEqualTo(JsonDoc.EMPTY_OBJECT);
            assertThat(e.correlationId()).isNull();
        }

        @Test
        void null_optional_fields_count_as_absent() {
            // when
            NewEvent e = read(event("\"eventId\":null,\"timestamp\":null,\"payload\":null,\"metadata\":null"));

            // then
            assertThat(e.eventId()).isNull();
            assertThat(e.payload()).isEqualTo(JsonDoc.EMPTY_OBJECT);
        }

        @Test
        void the_fields_export_adds_are_accepted_and_streamVersion_is_kept() {
            // when
            NewEvent e = read(event("\"position\":7,\"streamVersion\":3,\"recordedAt\":\"2024-01-15T10:30:00Z\","
                    + "\"hash\":\"abc\""));

            // then
            assertThat(e.streamVersion()).isEqualTo(3L);
        }

        @Test
        void the_payload_is_stored_compact_with_keys_in_input_order() {
            // when
            NewEvent e = read(event("\"payload\": { \"b\" : 1 ,\n \"a\" : [ 1 , 2 ] }"));

            // then
            assertThat(e.payload().text()).isEqualTo("{\"b\":1,\"a\":[1,2]}");
        }

        @Test
        void an_offset_less_timestamp_is_read_in_the_zone_given() {
            // when
            NewEvent e = read(
                    event("\"timestamp\":\"2024-01-15T10:30:00\""),
                    new EventJson.ReadOptions(ZoneId.of("Europe/Amsterdam"), EventJson.DEFAULT_MAX_PAYLOAD));

            // then
            assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-01-15T09:30:00Z"));
        }
    }

    @Nested
    class when_a_field_is_missing_or_unknown {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{\"aggregateType\":\"Order\",\"aggregateId\":\"o-1\"}                | eventType is missing",
                    "{\"eventType\":\"X\",\"aggregateId\":\"o-1\"}                        | aggregateType is missing",
                    "{\"eventType\":\"X\",\"aggregateType\":\"Order\"}                    | aggregateId is missing",
                    "{\"eventType\":\"  \",\"aggregateType\":\"Order\",\"aggregateId\":\"o\"} | eventType is empty"
                })
        void a_required_field_that_is_missing_is_named(String json, String message) {
            assertThatThrownBy(() -> read(json))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }

        @Test
        void an_unknown_field_is_rejected_by_name() {
            assertThatThrownBy(() -> read(event("\"evenType\":\"typo\"")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown field 'evenType'");
        }

        @Test
        void an_unknown_field_with_control_characters_is_shown_escaped() {
            assertThatThrownBy(() -> read(event("\"a\\u001b[31m\":1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown field 'a\\u001b[31m'");
        }

        @Test
        void something_other_than_an_object_is_rejected() {
            assertThatThrownBy(() -> read("[1,2]"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an event must be a JSON object, got an array");
        }
    }

    @Nested
    class when_a_field_has_the_wrong_type {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "\"eventId\":42                  | eventId must be a string, got a number",
                    "\"timestamp\":true              | timestamp must be a string, got a boolean",
                    "\"payload\":\"{}\"              | payload must be a JSON object, got a string",
                    "\"payload\":[1]                 | payload must be a JSON object, got an array",
                    "\"metadata\":7                  | metadata must be a JSON object, got a number",
                    "\"eventVersion\":\"2\"          | eventVersion must be a whole number from 1 to 2147483647, got \"2\"",
                    "\"eventVersion\":1.5            | eventVersion must be a whole number from 1 to 2147483647, got 1.5",
                    "\"eventVersion\":0              | eventVersion must be a whole number from 1 to 2147483647, got 0",
                    "\"eventVersion\":2147483648     | eventVersion must be a whole number from 1 to 2147483647, got 2147483648",
                    "\"streamVersion\":-1            | streamVersion must be a whole number from 1 to 9223372036854775807, got -1"
                })
        void the_field_and_its_type_are_named(String field, String message) {
            assertThatThrownBy(() -> read(event(field)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }

        @Test
        void an_aggregate_type_that_is_not_a_string_is_rejected() {
            assertThatThrownBy(() -> read("{\"eventType\":\"X\",\"aggregateType\":{},\"aggregateId\":\"o\"}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("aggregateType must be a string, got an object");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "\"metadata\":{\"correlationId\":42}     | metadata.correlationId must be a string, got a number",
                    "\"metadata\":{\"causationId\":[\"a\"]}  | metadata.causationId must be a string, got an array",
                    "\"metadata\":{\"userId\":true}          | metadata.userId must be a string, got a boolean",
                    "\"metadata\":{\"userId\":\"\"}          | metadata.userId is empty",
                    "\"metadata\":{\"userId\":\"a\\nb\"}     | metadata.userId contains the control character U+000A"
                })
        void an_indexed_metadata_id_must_be_a_clean_string(String field, String message) {
            assertThatThrownBy(() -> read(event(field)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }

        @Test
        void other_metadata_values_may_have_any_type() {
            // when
            NewEvent e = read(event("\"metadata\":{\"retries\":3,\"tags\":[\"a\"],\"userId\":null}"));

            // then
            assertThat(e.userId()).isNull();
            assertThat(e.metadata().text()).isEqualTo("{\"retries\":3,\"tags\":[\"a\"],\"userId\":null}");
        }
    }

    @Nested
    class when_reading_event_ids {

        @Test
        void an_upper_case_uuid_is_canonicalised_to_lower_case() {
            // when
            NewEvent e = read(event("\"eventId\":\"550E8400-E29B-41D4-A716-446655440000\""));

            // then
            assertThat(e.eventId().toString()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "550e8400e29b41d4a716446655440000",
                    "{550e8400-e29b-41d4-a716-446655440000}",
                    "550e8400-e29b-41d4-a716-44665544000",
                    "550e8400-e29b-41d4-a716-4466554400000",
                    "1-2-3-4-5",
                    "550e8400-e29b-41d4-a716-44665544000g",
                    " 550e8400-e29b-41d4-a716-446655440000",
                    "urn:uuid:550e8400-e29b-41d4-a716-446655440000"
                })
        void a_non_canonical_uuid_is_rejected(String id) {
            assertThatThrownBy(() -> EventJson.parseEventId(id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("eventId '" + id + "' is not a UUID in 8-4-4-4-12 hexadecimal form");
        }
    }

    @Nested
    class when_limiting_sizes {

        @Test
        void a_payload_at_the_limit_is_accepted_and_one_byte_more_is_rejected() {
            // given: {"s":"xxx"} is 8 bytes plus the x's
            var options = new EventJson.ReadOptions(null, 100);
            String fits = "\"payload\":{\"s\":\"" + "x".repeat(92) + "\"}";
            String over = "\"payload\":{\"s\":\"" + "x".repeat(93) + "\"}";

            // when / then
            assertThat(read(event(fits), options).payload().text()).hasSize(100);
            assertThatThrownBy(() -> read(event(over), options))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("payload is 101 bytes, over the limit of 100 bytes (--max-payload)");
        }

        @Test
        void the_payload_size_counts_compact_utf8_bytes_not_input_whitespace() {
            // given: "é" is 2 bytes; compact {"s":"éé"} is 12 bytes
            var options = new EventJson.ReadOptions(null, 12);

            // when
            NewEvent e = read(event("\"payload\":   {  \"s\"  :  \"éé\"  }"), options);

            // then
            assertThat(e.payload().text()).isEqualTo("{\"s\":\"éé\"}");
        }

        @Test
        void metadata_over_64_KiB_is_rejected() {
            String big = "\"metadata\":{\"note\":\"" + "x".repeat(EventJson.MAX_METADATA) + "\"}";
            assertThatThrownBy(() -> read(event(big)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("metadata is 65547 bytes, over the limit of 65536 bytes");
        }
    }

    @Nested
    class when_text_is_not_valid_unicode {

        @Test
        void an_unpaired_high_surrogate_in_the_payload_is_rejected_with_its_path() {
            assertThatThrownBy(() -> read(event("\"payload\":{\"a\":{\"b\":[\"ok\",\"x\\ud800y\"]}}")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unpaired surrogate (not valid Unicode) at $.payload.a.b[1]");
        }

        @Test
        void an_unpaired_surrogate_in_a_key_is_rejected() {
            // given: the parser itself refuses such keys in text, so build the tree directly
            var json = Json.object();
            json.put("eventType", "X").put("aggregateType", "Order").put("aggregateId", "o-1");
            json.putObject("metadata").put("k\udc00", 1);

            // then
            assertThatThrownBy(() -> EventJson.read(json, EventJson.ReadOptions.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unpaired surrogate (not valid Unicode) at $.metadata (a key)");
        }

        @Test
        void a_proper_surrogate_pair_is_accepted() {
            // when
            NewEvent e = read(event("\"payload\":{\"emoji\":\"\\ud83d\\ude00\"}"));

            // then
            assertThat(e.payload().text()).isEqualTo("{\"emoji\":\"\uD83D\uDE00\"}");
        }
    }

    @Nested
    class when_writing {

        @Test
        void the_output_shape_has_a_fixed_field_order_and_nested_payload() throws Exception {
            // given
            var e = new RecordedEvent(
                    7,
                    UUID.fromString("550e8400-e29b-41d4-a716-446655440000"),
                    "OrderPlaced",
                    StreamId.of("Order", "o-1"),
                    2,
                    1,
                    Instant.parse("2024-01-15T10:30:00Z"),
                    Instant.parse("2024-01-15T10:31:00.000123Z"),
                    JsonDoc.ofText("{\"n\":157.0}"),
                    JsonDoc.ofText("{\"userId\":\"u\"}"),
                    null,
                    null,
                    "u",
                    "ab");
            StringWriter out = new StringWriter();

            // when
            try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
                EventJson.write(g, e, true);
            }

            // then
            assertThat(out.toString())
                    .isEqualTo("{\"eventId\":\"550e8400-e29b-41d4-a716-446655440000\",\"eventType\":\"OrderPlaced\","
                            + "\"aggregateId\":\"o-1\",\"aggregateType\":\"Order\",\"eventVersion\":1,"
                            + "\"timestamp\":\"2024-01-15T10:30:00Z\",\"payload\":{\"n\":157.0},"
                            + "\"metadata\":{\"userId\":\"u\"},\"position\":7,\"streamVersion\":2,"
                            + "\"recordedAt\":\"2024-01-15T10:31:00.000123Z\",\"hash\":\"ab\"}");
            assertThat(Json.write(EventJson.toNode(e, true))).isEqualTo(out.toString());
        }
    }
}
