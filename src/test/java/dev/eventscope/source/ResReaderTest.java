package dev.eventscope.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.StreamId;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RubyEventStore's tables (layout-based: src/test/fixtures/res, written from the ActiveRecord
 * migration template of ruby_event_store-active_record v3.0.0 and Psych's YAML forms).
 */
class ResReaderTest {

    @TempDir
    Path dir;

    private List<SourceEvent> read(String fixture, SourcePosition after) throws Exception {
        try (Connection c = SqliteFixtures.open(fixture, dir)) {
            return SqliteFixtures.readAll(SqliteFixtures.reader(SourceKind.RES), c, after, 2);
        }
    }

    @Test
    void yaml_with_symbol_keys_and_a_big_decimal_becomes_json() throws Exception {
        // when
        SourceEvent placed = read("res/res.sqlite", SourcePosition.START).get(0);

        // then
        assertThat(placed.event().eventType()).isEqualTo("Ordering::OrderPlaced");
        assertThat(placed.event().stream()).isEqualTo(StreamId.of("Ordering::Order", "o-1"));
        assertThat(placed.event().payload().text())
                .isEqualTo("{\"order_id\":\"o-1\",\"customer_id\":42,\"total\":19.99,"
                        + "\"lines\":[{\"sku\":\"ABC-1\",\"quantity\":2},{\"sku\":\"XYZ-9\",\"quantity\":1}]}");
        assertThat(placed.event().timestamp()).isEqualTo(Instant.parse("2025-06-01T08:00:00.123456Z"));
        assertThat(placed.event().correlationId()).isEqualTo("8d7a0f0e-0001-4c3e-9a51-000000000001");
        assertThat(placed.event().userId()).isEqualTo("501");
        assertThat(placed.losses()).isEmpty();
    }

    @Test
    void a_ruby_object_keeps_its_class_and_an_event_in_two_streams_keeps_the_first() throws Exception {
        // when
        SourceEvent authorized = read("res/res.sqlite", SourcePosition.START).get(1);

        // then
        assertThat(authorized.event().payload().text())
                .isEqualTo("{\"order_id\":\"o-1\",\"amount\":19.99,\"status\":\"authorized\","
                        + "\"gateway\":{\"$ruby\":\"Payments::Gateway\",\"name\":\"acme\",\"region\":\"eu\"}}");
        assertThat(authorized.event().stream()).isEqualTo(StreamId.of("Payments::Payment", "p-1"));
        assertThat(authorized.event().causationId()).isEqualTo("8d7a0f0e-0001-4c3e-9a51-000000000001");
        assertThat(authorized.losses()).isEqualTo(Set.of(Loss.RUBY_OBJECT, Loss.LINKED_STREAMS));
        assertThat(authorized
                        .event()
                        .metadata()
                        .node()
                        .at("/importedFrom/linkedStreams")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void the_valid_time_is_the_timestamp_and_the_record_time_is_kept() throws Exception {
        // when
        SourceEvent shipped = read("res/res.sqlite", SourcePosition.START).get(2);

        // then
        assertThat(shipped.event().timestamp()).isEqualTo(Instant.parse("2025-06-01T17:45:00Z"));
        assertThat(shipped.event()
                        .metadata()
                        .node()
                        .at("/importedFrom/createdAt")
                        .asText())
                .isEqualTo("2025-06-02T09:30:00Z");
        assertThat(shipped.event().payload().text())
                .isEqualTo("{\"order_id\":\"o-1\",\"shipped_on\":\"2025-06-01\",\"carrier\":\"DHL\"}");
    }

    @Test
    void an_event_in_no_stream_goes_to_the_global_stream() throws Exception {
        // when
        SourceEvent report = read("res/res.sqlite", SourcePosition.START).get(3);

        // then
        assertThat(report.event().stream()).isEqualTo(StreamId.of("global", "global"));
        assertThat(report.event().payload().text()).isEqualTo("{\"day\":\"2025-06-01\",\"orders\":1}");
    }

    @Test
    void yaml_with_an_alias_is_kept_as_text_and_counted() throws Exception {
        // when
        SourceEvent note = read("res/res.sqlite", SourcePosition.START).get(4);

        // then
        assertThat(note.event().payload().node().get("$yaml").asText()).startsWith("---\n:note: &1");
        assertThat(note.losses()).isEqualTo(Set.of(Loss.PAYLOAD_YAML_KEPT));
    }

    @Test
    void reading_after_the_last_event_finds_only_what_was_appended() throws Exception {
        // given
        List<SourceEvent> first = read("res/res.sqlite", SourcePosition.START);

        // when
        List<SourceEvent> more =
                read("res/res-appended.sqlite", first.get(first.size() - 1).position());

        // then
        assertThat(first).hasSize(5);
        assertThat(more).extracting(e -> e.event().stream()).containsExactly(StreamId.of("Ordering::Order", "o-2"));
    }
}
