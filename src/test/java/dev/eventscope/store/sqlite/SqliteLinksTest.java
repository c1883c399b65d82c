package dev.eventscope.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How SQLite answers the links: every query seeks an index. What the links are is {@link
 * dev.eventscope.store.ReadLinksContract}.
 */
class SqliteLinksTest {

    @TempDir
    Path dir;

    SqliteEventStore store;

    static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-%012d", n));
    }

    @BeforeEach
    void open() {
        store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(dir.resolve("links.db")), StoreOptions.Access.WRITE, Duration.ofSeconds(10)));
        // events 1..6: correlations c-1 (1, 3, 5) and c-2 (2, 4), 6 without; 3 and 4 caused by 1
        List<NewEvent> events = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            ObjectNode meta = Json.object();
            if (n < 6) {
                meta.put("correlationId", n % 2 == 1 ? "c-1" : "c-2");
            }
            meta.put("causationId", n == 3 || n == 4 ? id(1).toString() : "cmd-" + n);
            events.add(new NewEvent(
                    id(n),
                    "E" + n,
                    new StreamId("T", "t-" + n),
                    1,
                    Instant.parse("2024-01-15T10:00:00Z").plusSeconds(n),
                    JsonDoc.EMPTY_OBJECT,
                    JsonDoc.of(meta),
                    null));
        }
        store.append(events, ExpectedVersion.ANY);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static List<UUID> ids(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::eventId).toList();
    }

    @Nested
    class when_planning_the_queries {

        String plan(String sql, Object... args) throws SQLException {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                    PreparedStatement st = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 0; i < args.length; i++) {
                    st.setObject(i + 1, args[i]);
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(4)).append('\n');
                    }
                }
                return plan.toString();
            }
        }

        @Test
        void every_trace_query_seeks_an_index_and_never_scans_the_events() throws SQLException {
            assertThat(plan(SqliteLinks.BY_CORRELATION, "c-1", 10))
                    .contains("USING INDEX events_correlation")
                    .doesNotContain("SCAN events");
            assertThat(plan(SqliteLinks.BY_IDS, "[]"))
                    .contains("USING INDEX sqlite_autoindex_events_1")
                    .doesNotContain("SCAN events");
            assertThat(plan(SqliteLinks.CAUSED_BY, "[]", 10))
                    .contains("USING INDEX events_causation")
                    .doesNotContain("SCAN events");
            assertThat(plan(SqliteLinks.CAUSED_OUTSIDE, "[]", "[]", 10))
                    .contains("USING INDEX events_causation")
                    .doesNotContain("SCAN events");
        }

        @Test
        void the_whole_store_report_walks_the_correlation_index_instead_of_sorting() throws SQLException {
            assertThat(plan(SqliteLinks.LINKS_BY_CORRELATION))
                    .contains("events_correlation")
                    .doesNotContain("TEMP B-TREE");
        }
    }
}
