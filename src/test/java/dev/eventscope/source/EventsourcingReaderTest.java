package dev.eventscope.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.StreamId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python eventsourcing's application recorder table (layout-based: src/test/fixtures/eventsourcing,
 * written from eventsourcing v9.2.22's sqlite.py and its JSONTranscoder's forms).
 */
class EventsourcingReaderTest {

    @TempDir
    Path dir;

    private List<SourceEvent> read(String fixture, SourcePosition after) throws Exception {
        try (Connection c = SqliteFixtures.open(fixture, dir)) {
            return SqliteFixtures.readAll(SqliteFixtures.reader(SourceKind.EVENTSOURCING), c, after, 10);
        }
    }

    @Test
    void the_topic_gives_aggregate_and_event_type_and_the_state_gives_time_and_version() throws Exception {
        // when
        List<SourceEvent> events = read("eventsourcing/eventsourcing.sqlite", SourcePosition.START);

        // then
        SourceEvent appended = events.get(1);
        assertThat(appended.event().stream())
                .isEqualTo(StreamId.of("BankAccount", "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f0"));
        assertThat(appended.event().eventType()).isEqualTo("TransactionAppended");
        assertThat(appended.event().eventVersion()).isEqualTo(2);
        assertThat(appended.event().timestamp()).isEqualTo(Instant.parse("2025-07-01T09:05:00Z"));
        assertThat(appended.event().payload().text())
                .isEqualTo("{\"amount\":\"100.50\",\"reference\":\"7f3a9c1e-2b4d-4e6f-8a0b-1c2d3e4f5a6b\"}");
        assertThat(events.get(2).event().timestamp()).isEqualTo(Instant.parse("2025-07-01T08:00:00Z"));
        assertThat(events.get(2).event().stream().aggregateType()).isEqualTo("Dog");
    }

    @Test
    void events_without_an_id_get_the_same_derived_id_on_every_read() throws Exception {
        // when
        List<SourceEvent> first = read("eventsourcing/eventsourcing.sqlite", SourcePosition.START);
        List<SourceEvent> again = read("eventsourcing/eventsourcing-appended.sqlite", SourcePosition.START);

        // then
        assertThat(again.subList(0, first.size()))
                .extracting(e -> e.event().eventId())
                .isEqualTo(first.stream().map(e -> e.event().eventId()).toList());
        assertThat(first.get(0).event().eventId().version()).isEqualTo(8);
        assertThat(first).allSatisfy(e -> assertThat(e.losses()).isEqualTo(Set.of(Loss.DERIVED_ID)));
        assertThat(first).extracting(e -> e.event().eventId()).doesNotHaveDuplicates();
    }

    @Test
    void compressed_state_is_refused_with_the_setting_named() throws Exception {
        // given
        try (Connection c = SqliteFixtures.open("eventsourcing/eventsourcing-zlib.sqlite", dir)) {
            SourceReader reader = SqliteFixtures.reader(SourceKind.EVENTSOURCING);

            // when / then
            assertThatThrownBy(() -> reader.read(c, SourcePosition.START, 10))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("the eventsourcing event with notification id 1 cannot be read: its state is"
                            + " compressed (zlib): the application sets COMPRESSOR_TOPIC");
        }
    }

    @Test
    void an_aggregate_recorders_table_without_rowid_is_refused() throws Exception {
        // given
        Path file = dir.resolve("aggregate.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT,"
                    + " state BLOB, PRIMARY KEY (originator_id, originator_version)) WITHOUT ROWID");
            SourceReader reader = SqliteFixtures.reader(SourceKind.EVENTSOURCING);

            // when / then
            assertThatThrownBy(() -> reader.read(c, SourcePosition.START, 10))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("has no notification ids");
        }
    }
}
