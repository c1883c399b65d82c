package dev.eventscope.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.StreamId;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Emmett's SQLite store as emmett-sqlite 0.42.4 wrote it (src/test/fixtures/emmett). */
class EmmettReaderTest {

    @TempDir
    Path dir;

    private List<SourceEvent> read(String fixture, SourcePosition after, int pageSize) throws Exception {
        try (Connection c = SqliteFixtures.open(fixture, dir)) {
            return SqliteFixtures.readAll(SqliteFixtures.reader(SourceKind.EMMETT), c, after, pageSize);
        }
    }

    @Test
    void every_event_is_read_in_global_order_and_the_command_is_left_out() throws Exception {
        // when
        List<SourceEvent> events = read("emmett/emmett.sqlite", SourcePosition.START, 3);

        // then
        assertThat(events).extracting(e -> e.position().position()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(events)
                .extracting(e -> e.event().eventType())
                .containsExactly(
                        "ShoppingCartOpened",
                        "ProductItemAdded",
                        "ShoppingCartOpened",
                        "ProductItemAdded",
                        "NoteAttached",
                        "ShoppingCartConfirmed",
                        "AuditNoted");
    }

    @Test
    void the_first_event_keeps_its_id_stream_time_payload_and_metadata() throws Exception {
        // when
        SourceEvent first =
                read("emmett/emmett.sqlite", SourcePosition.START, 100).get(0);

        // then
        assertThat(first.event().eventId()).isEqualTo(UUID.fromString("0c5a1b3e-1111-4a1a-8a1a-000000000001"));
        assertThat(first.event().stream()).isEqualTo(StreamId.of("shopping_cart", "c1"));
        assertThat(first.event().eventVersion()).isEqualTo(1);
        assertThat(first.event().timestamp()).isEqualTo(Instant.parse("2026-12-07T02:03:42Z"));
        assertThat(first.event().payload().text())
                .isEqualTo("{\"cartId\":\"c1\",\"clientId\":\"client-7\",\"openedAt\":\"2025-03-01T09:00:00.000Z\"}");
        assertThat(first.event().correlationId()).isEqualTo("req-1");
        assertThat(first.event().causationId()).isNull();
        assertThat(first.event().userId()).isEqualTo("user-anna");
        assertThat(first.event().metadata().node().get("importedFrom").toString())
                .isEqualTo("{\"kind\":\"emmett\",\"position\":\"1\",\"stream\":\"shopping_cart-c1\","
                        + "\"streamPosition\":1,\"schemaVersion\":\"0\"}");
        assertThat(first.losses()).isEmpty();
    }

    @Test
    void causation_comes_from_the_metadata_emmett_was_given() throws Exception {
        // when
        SourceEvent second =
                read("emmett/emmett.sqlite", SourcePosition.START, 100).get(1);

        // then
        assertThat(second.event().causationId()).isEqualTo("0c5a1b3e-1111-4a1a-8a1a-000000000001");
    }

    @Test
    void a_payload_that_is_a_json_string_is_kept_under_value_and_counted() throws Exception {
        // when
        SourceEvent note =
                read("emmett/emmett.sqlite", SourcePosition.START, 100).get(4);

        // then
        assertThat(note.event().payload().text()).isEqualTo("{\"$value\":\"leave at the back door\"}");
        assertThat(note.losses()).isEqualTo(Set.of(Loss.PAYLOAD_NOT_AN_OBJECT));
    }

    @Test
    void a_stream_name_without_a_dash_is_its_own_type_and_id() throws Exception {
        // when
        SourceEvent audit =
                read("emmett/emmett.sqlite", SourcePosition.START, 100).get(6);

        // then
        assertThat(audit.event().stream()).isEqualTo(StreamId.of("audit", "audit"));
    }

    @Nested
    class when_emmett_appended_more_events {

        @Test
        void reading_after_the_last_imported_event_finds_exactly_the_appended_ones() throws Exception {
            // given
            List<SourceEvent> before = read("emmett/emmett.sqlite", SourcePosition.START, 100);
            SourcePosition last = before.get(before.size() - 1).position();

            // when
            List<SourceEvent> after = read("emmett/emmett-appended.sqlite", last, 100);

            // then
            assertThat(after)
                    .extracting(e -> e.event().eventId().toString())
                    .containsExactly("0c5a1b3e-2222-4a1a-8a1a-000000000003", "0c5a1b3e-2222-4a1a-8a1a-000000000004");
        }
    }
}
