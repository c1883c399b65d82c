package dev.eventscope.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.testing.TestPostgres;
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
}
