package dev.eventscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HashChainTest {

    // The expected hashes were computed independently of this code, with Python's hashlib
    // following docs/FORMAT.md (the verifier shown there, fed these rows).
    private static final String FIRST_HASH = "cfe602940bac4dc3de37e6986bfdbde03e134052534228c8852b17edb7b730ee";
    private static final String SECOND_HASH = "40d76aa2ea9c52458c3dce14c8d7e37fae4a1818557b337896f8442fae15dd0d";

    private static RecordedEvent first() {
        return new RecordedEvent(
                1,
                UUID.fromString("550e8400-e29b-41d4-a716-446655440000"),
                "OrderPlaced",
                StreamId.of("Order", "order-17"),
                1,
                1,
                Times.fromMicros(1_705_314_600_000_000L),
                Times.fromMicros(1_705_314_660_123_456L),
                JsonDoc.ofText("{\"customerId\":\"cust-456\",\"totalAmount\":59.98}"),
                JsonDoc.ofText("{\"userId\":\"user-123\",\"correlationId\":\"req-abc\",\"causationId\":\"cmd-1\"}"),
                "req-abc",
                "cmd-1",
                "user-123",
                null);
    }

    private static RecordedEvent second() {
        return new RecordedEvent(
                2,
                UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
                "OrderShipped",
                StreamId.of("Order", "order-17"),
                2,
                2,
                Instant.parse("1969-12-31T23:59:59.999999Z"),
                Times.fromMicros(1_705_314_660_123_456L),
                JsonDoc.ofText("{\"carrier\":\"Café \\\"DHL\\\"\"}"),
                JsonDoc.EMPTY_OBJECT,
                null,
                null,
                null,
                null);
    }

    @Test
    void the_first_event_hashes_to_the_documented_value() {
        assertThat(new HashChain().hash("", first())).isEqualTo(FIRST_HASH);
    }

    @Test
    void the_second_event_chains_to_the_first_with_nulls_and_non_ascii_text() {
        assertThat(new HashChain().hash(FIRST_HASH, second())).isEqualTo(SECOND_HASH);
    }

    @Test
    void one_instance_can_hash_many_events_in_turn() {
        HashChain chain = new HashChain();
        String h1 = chain.hash("", first());
        String h2 = chain.hash(h1, second());
        assertThat(h1).isEqualTo(FIRST_HASH);
        assertThat(h2).isEqualTo(SECOND_HASH);
    }

    @Test
    void any_changed_field_changes_the_hash() {
        HashChain chain = new HashChain();
        RecordedEvent e = first();
        assertThat(chain.hash("", e.withContent("OrderPlacedX", 1, e.payload(), e.metadata())))
                .isNotEqualTo(FIRST_HASH);
        assertThat(chain.hash("", e.withContent(e.eventType(), 2, e.payload(), e.metadata())))
                .isNotEqualTo(FIRST_HASH);
        assertThat(chain.hash("", e.withContent(e.eventType(), 1, JsonDoc.ofText("{}"), e.metadata())))
                .isNotEqualTo(FIRST_HASH);
        assertThat(chain.hash("x", e)).isNotEqualTo(FIRST_HASH);
    }

    @Test
    void a_null_field_and_an_empty_field_hash_differently() {
        // given: the same event once with a null user id and once with an empty one
        RecordedEvent withNull = second();
        RecordedEvent withEmpty = new RecordedEvent(
                withNull.position(),
                withNull.eventId(),
                withNull.eventType(),
                withNull.stream(),
                withNull.streamVersion(),
                withNull.eventVersion(),
                withNull.timestamp(),
                withNull.recordedAt(),
                withNull.payload(),
                withNull.metadata(),
                null,
                null,
                "",
                null);

        // then
        HashChain chain = new HashChain();
        assertThat(chain.hash(FIRST_HASH, withEmpty)).isNotEqualTo(chain.hash(FIRST_HASH, withNull));
    }

    @Test
    void texts_and_numbers_of_every_length_and_script_hash_as_their_utf8() throws Exception {
        // texts short and longer than the ASCII buffer, ASCII or not; numbers at their extremes
        for (String text : new String[] {"", "a", "x".repeat(128), "y".repeat(129), "é", "a".repeat(127) + "é", "日本"}) {
            for (long micros : new long[] {0, -1, 9, 10, -10, 253_402_300_799_999_999L, -62_135_596_800_000_000L}) {
                RecordedEvent e = new RecordedEvent(
                        Long.MAX_VALUE,
                        UUID.fromString("550e8400-e29b-41d4-a716-446655440000"),
                        text,
                        StreamId.of("T" + text, text.isEmpty() ? "x" : text),
                        Integer.MAX_VALUE,
                        Integer.MAX_VALUE,
                        Times.fromMicros(micros),
                        Times.fromMicros(micros),
                        JsonDoc.EMPTY_OBJECT,
                        JsonDoc.EMPTY_OBJECT,
                        text,
                        null,
                        text,
                        null);
                assertThat(new HashChain().hash(text, e))
                        .as(text + " " + micros)
                        .isEqualTo(reference(text, e));
            }
        }
    }

    /** The chain of docs/FORMAT.md written plainly: every field through String.getBytes. */
    private static String reference(String previous, RecordedEvent e) throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(HashChain.PREFIX.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String[] fields = {
            previous,
            Long.toString(e.position()),
            e.eventId().toString(),
            e.aggregateType(),
            e.aggregateId(),
            Long.toString(e.streamVersion()),
            e.eventType(),
            Integer.toString(e.eventVersion()),
            Long.toString(Times.toMicros(e.timestamp())),
            Long.toString(Times.toMicros(e.recordedAt())),
            e.correlationId(),
            e.causationId(),
            e.userId(),
            e.payload().text(),
            e.metadata().text()
        };
        for (String f : fields) {
            byte[] b = f == null ? null : f.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sha.update(java.nio.ByteBuffer.allocate(4)
                    .putInt(b == null ? -1 : b.length)
                    .array());
            if (b != null) {
                sha.update(b);
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void long_payloads_and_non_ascii_names_hash_as_the_format_says() throws Exception {
        // given: names outside ASCII and a payload far larger than one event usually is
        String big = "{\"text\":\"" + "é€😀x".repeat(3_000) + "\"}";
        RecordedEvent e = new RecordedEvent(
                123_456_789_012L,
                UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
                "Zahlung_Eingegangen_ü",
                StreamId.of("Konto", "kontó-7"),
                Long.MAX_VALUE,
                7,
                Instant.parse("1900-01-01T00:00:00Z"),
                Times.fromMicros(1_705_314_660_123_456L),
                JsonDoc.ofText(big),
                JsonDoc.ofText("{\"userId\":\"ü\"}"),
                "corr-ü",
                null,
                "",
                null);
        HashChain chain = new HashChain();
        // when: hashed after a small event, so the buffer grows and is reused
        chain.hash("", first());
        String hash = chain.hash(SECOND_HASH, e);
        // then: it is SHA-256 over the fields as docs/FORMAT.md lays them out, computed here field by field
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(HashChain.PREFIX.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (String field : new String[] {
            SECOND_HASH,
            "123456789012",
            "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            "Konto",
            "kontó-7",
            Long.toString(Long.MAX_VALUE),
            "Zahlung_Eingegangen_ü",
            "7",
            Long.toString(Times.toMicros(Instant.parse("1900-01-01T00:00:00Z"))),
            "1705314660123456",
            "corr-ü",
            null,
            "",
            big,
            "{\"userId\":\"ü\"}"
        }) {
            byte[] bytes = field == null ? null : field.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sha.update(java.nio.ByteBuffer.allocate(4)
                    .putInt(bytes == null ? -1 : bytes.length)
                    .array());
            if (bytes != null) {
                sha.update(bytes);
            }
        }
        assertThat(hash).isEqualTo(java.util.HexFormat.of().formatHex(sha.digest()));
    }
}
