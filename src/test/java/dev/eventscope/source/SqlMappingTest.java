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
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlMappingTest {

    private static final String MAPPING = String.join(
            "\n",
            "table: events",
            "order: id",
            "fields:",
            "  eventId: uuid",
            "  eventType: kind",
            "  aggregateType: {value: Order}",
            "  aggregateId: order_id",
            "  timestamp: happened_at",
            "  payload: body",
            "  metadata: meta",
            "  correlationId: meta.trace.id",
            "  userId: actor",
            "");

    @TempDir
    Path dir;

    private Connection homeGrown() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.sqlite"));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, uuid TEXT, kind TEXT, order_id TEXT,"
                    + " happened_at TEXT, body TEXT, meta TEXT, actor TEXT)");
            s.execute("INSERT INTO events VALUES (1, '3e8e0c0a-1d6b-4c44-9b55-0a5a1f0e0001', 'OrderPlaced', 'o-1',"
                    + " '2025-09-01T10:00:00Z', '{\"total\": 12.5}', '{\"trace\": {\"id\": \"t-1\"}}', 'ann')");
            s.execute("INSERT INTO events VALUES (2, NULL, 'OrderPaid', 'o-1', '2025-09-01 10:05:00',"
                    + " '[1, 2]', NULL, NULL)");
        }
        return c;
    }

    @Nested
    class when_the_mapping_is_valid {

        @Test
        void a_home_grown_table_is_read_field_by_field() throws Exception {
            // given
            SqlMapping mapping = SqlMapping.parse("events.yaml", MAPPING);

            // when
            List<SourceEvent> events;
            try (Connection c = homeGrown()) {
                events = mapping.reader(Dialect.SQLITE).read(c, SourcePosition.START, 10);
            }

            // then
            assertThat(events).hasSize(2);
            SourceEvent placed = events.get(0);
            assertThat(placed.event().eventId()).isEqualTo(UUID.fromString("3e8e0c0a-1d6b-4c44-9b55-0a5a1f0e0001"));
            assertThat(placed.event().stream()).isEqualTo(StreamId.of("Order", "o-1"));
            assertThat(placed.event().timestamp()).isEqualTo(Instant.parse("2025-09-01T10:00:00Z"));
            assertThat(placed.event().payload().text()).isEqualTo("{\"total\":12.5}");
            assertThat(placed.event().correlationId()).isEqualTo("t-1");
            assertThat(placed.event().userId()).isEqualTo("ann");
            SourceEvent paid = events.get(1);
            assertThat(paid.losses()).containsExactlyInAnyOrder(Loss.DERIVED_ID, Loss.PAYLOAD_NOT_AN_OBJECT);
            assertThat(paid.event().timestamp()).isEqualTo(Instant.parse("2025-09-01T10:05:00Z"));
        }

        @Test
        void a_column_the_table_lacks_is_reported_at_its_line_in_the_mapping() throws Exception {
            // given
            SqlMapping mapping = SqlMapping.parse("events.yaml", MAPPING.replace("userId: actor", "userId: who"));

            // when / then
            try (Connection c = homeGrown()) {
                assertThatThrownBy(() -> mapping.reader(Dialect.SQLITE).read(c, SourcePosition.START, 10))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessage("the mapping events.yaml names columns the source does not have; nothing was read")
                        .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                                .containsExactly("events.yaml:12:11: the source has no column 'who'"));
            }
        }
    }

    @Test
    void every_problem_is_reported_with_its_file_line_and_column() {
        // given
        String bad = String.join(
                "\n",
                "table: events",
                "query: SELECT * FROM events; DROP TABLE events",
                "ordre: id",
                "fields:",
                "  eventType: {value: 3, other: 4}",
                "  aggregateId: {value: x}",
                "  colour: red",
                "");

        // when / then
        assertThatThrownBy(() -> SqlMapping.parse("bad.yaml", bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the mapping bad.yaml has 9 problems; nothing was read")
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .containsExactly(
                                "bad.yaml:3:8: unknown key 'ordre' (a mapping has table or query, order, fields)",
                                "bad.yaml:2:8: give 'table' or 'query', not both",
                                "bad.yaml:2:8: the query must be one SELECT (or WITH … SELECT), without ';'",
                                "bad.yaml:1:1: the mapping needs 'order': the increasing integer column that orders the"
                                        + " events",
                                "bad.yaml:5:14: eventType must be a column name or {value: CONSTANT}",
                                "bad.yaml:6:16: aggregateId cannot be a constant (only aggregateType, eventType,"
                                        + " eventVersion can)",
                                "bad.yaml:7:11: unknown field 'colour' (one of eventId, eventType, aggregateType,"
                                        + " aggregateId, streamVersion, eventVersion, timestamp, payload, metadata,"
                                        + " correlationId, causationId, userId)",
                                "bad.yaml:5:3: fields needs 'aggregateType'",
                                "bad.yaml:5:3: fields needs 'payload'"));
    }
}
