package dev.eventscope.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.testing.SourceDatabases;
import dev.eventscope.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading PostgreSQL sources on a real server: what a layout test on SQLite cannot show. */
class PostgresSourceTest {

    static final TestPostgres SERVER = TestPostgres.shared();

    @Test
    void emmett_messages_are_read_in_transaction_order_when_the_ids_differ_in_digits() throws Exception {
        // given: an Emmett table whose transaction ids 9 and 10 sort the other way round as text
        String schema = TestPostgres.newSchema();
        SERVER.execute(
                TestPostgres.DATABASE,
                "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".emt_messages (stream_id text NOT NULL, stream_position bigint NOT NULL,"
                        + " partition text NOT NULL DEFAULT 'emt:default', message_kind char(1) NOT NULL DEFAULT 'E',"
                        + " message_data jsonb NOT NULL, message_metadata jsonb NOT NULL,"
                        + " message_schema_version text NOT NULL, message_type text NOT NULL, message_id text NOT NULL,"
                        + " is_archived boolean NOT NULL DEFAULT false, global_position bigint PRIMARY KEY,"
                        + " transaction_id xid8 NOT NULL, created timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO " + schema + ".emt_messages (stream_id, stream_position, message_data, message_metadata,"
                        + " message_schema_version, message_type, message_id, global_position, transaction_id) VALUES"
                        + " ('cart-1', 1, '{\"n\":1}', '{}', '0', 'Opened', '00000000-0000-4000-8000-000000000001', 1, '9'),"
                        + " ('cart-1', 2, '{\"n\":2}', '{}', '0', 'Added', '00000000-0000-4000-8000-000000000002', 2, '10'),"
                        + " ('cart-1', 3, '{\"n\":3}', '{}', '0', 'Added', '00000000-0000-4000-8000-000000000003', 3, '10')");
        SourceReader reader =
                SourceReaders.create(new SourceOptions(SourceKind.EMMETT, Dialect.POSTGRES, schema, null));

        // when: read in pages of two, as an import resumes page after page
        List<SourceEvent> events;
        try (SourceDatabase source = SourceDatabase.open(SERVER.url(schema))) {
            reader.checkLayout(source.connection());
            events = SqliteFixtures.readAll(reader, source.connection(), SourcePosition.START, 2);
        }

        // then: every message, in the order of their transactions
        assertThat(events).extracting(e -> e.position().position()).containsExactly(1L, 2L, 3L);
    }
    /** A new database of the test server holding the PostgreSQL fixture {@code dump}; its URL. */
    private static String loaded(String dump) {
        String db = SourceDatabases.create(SERVER);
        SourceDatabases.load(SERVER, db, Path.of("src", "test", "fixtures").resolve(dump));
        return "postgresql://postgres@" + SERVER.host() + ":" + SERVER.port() + "/" + db;
    }

    private static List<SourceEvent> readAll(SourceFeed feed) {
        feed.checkLayout();
        return feed.next(SourcePosition.START, 100);
    }

    @Test
    void eventsourcing_is_read_past_the_hole_a_rolled_back_append_left() {
        // given: eventsourcing's table with notification ids 1, 2, 3, 5, 6; 4 was drawn by an append
        // that failed on a version conflict (the recorder locks the table for every append, so no
        // writer can still be about to commit a 4)
        String url = loaded("eventsourcing/eventsourcing-postgresql.sql");

        // when
        List<SourceEvent> events;
        int openGaps;
        try (SourceDatabase source = SourceDatabase.open(url);
                SourceFeed feed = SourceFeed.of(
                        source, new SourceOptions(SourceKind.EVENTSOURCING, Dialect.POSTGRES, null, null), null)) {
            events = readAll(feed);
            openGaps = feed.openGaps();
        }

        // then: every event in one read, none held back behind the hole
        assertThat(events).extracting(e -> e.position().position()).containsExactly(1L, 2L, 3L, 5L, 6L);
        assertThat(openGaps).isZero();
    }

    @Test
    void stores_whose_writers_interleave_are_read_with_the_gap_rule() {
        assertThat(SourceFeed.writersInterleave(SourceKind.MARTEN)).isTrue();
        assertThat(SourceFeed.writersInterleave(SourceKind.RES)).isTrue();
        assertThat(SourceFeed.writersInterleave(SourceKind.EVENTSOURCING)).isFalse();
        assertThat(SourceFeed.writersInterleave(SourceKind.EMMETT)).isFalse();
    }

    @Test
    void eventsourcing_state_compressed_or_encrypted_on_postgresql_is_refused_naming_the_setting() {
        String url = loaded("eventsourcing/eventsourcing-postgresql-refused.sql");
        for (String[] table : new String[][] {
            {"compressedbank_events", "is compressed (zlib): the application sets COMPRESSOR_TOPIC"},
            {"encryptedbank_events", "is not JSON, so it is encrypted (the application sets CIPHER_TOPIC"}
        }) {
            try (SourceDatabase source = SourceDatabase.open(url);
                    SourceFeed feed = SourceFeed.of(
                            source,
                            new SourceOptions(SourceKind.EVENTSOURCING, Dialect.POSTGRES, null, table[0]),
                            null)) {
                assertThatThrownBy(() -> readAll(feed))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("notification id 1 cannot be read: its state " + table[1]);
            }
        }
    }

    @Test
    void res_json_client_rows_in_jsonb_read_as_the_yaml_rows_and_the_record_time_has_no_zone() {
        // given: the tables of RubyEventStore's PostgreSQL migration with --data-type=jsonb, written
        // by its JSON client (BigDecimal as "0.1999e2", the Ruby types under the metadata's "types")
        String url = loaded("res/res-jsonb.sql");

        // when
        List<SourceEvent> events;
        try (SourceDatabase source = SourceDatabase.open(url);
                SourceFeed feed =
                        SourceFeed.of(source, new SourceOptions(SourceKind.RES, Dialect.POSTGRES, null, null), null)) {
            events = readAll(feed);
        }

        // then: the types restored and gone from the metadata, as from the YAML of res.sqlite;
        // timestamp(6) without a zone read as UTC
        assertThat(events).hasSize(5);
        SourceEvent placed = events.get(0);
        assertThat(placed.event().payload().node().get("total").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(placed.event().metadata().node().has("types")).isFalse();
        assertThat(placed.event().correlationId()).isEqualTo("8d7a0f0e-0001-4c3e-9a51-000000000001");
        assertThat(placed.storedAt()).isEqualTo(java.time.Instant.parse("2025-06-01T08:00:00.123456Z"));
        assertThat(events.get(1).event().payload().node().at("/gateway/$ruby").asText())
                .isEqualTo("Payments::Gateway");
        assertThat(events.get(2).event().timestamp()).isEqualTo(java.time.Instant.parse("2025-06-01T17:45:00Z"));
        assertThat(events.get(1).losses()).containsExactlyInAnyOrder(Loss.LINKED_STREAMS, Loss.RUBY_OBJECT);
    }
}
