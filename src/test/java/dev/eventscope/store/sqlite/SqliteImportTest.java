package dev.eventscope.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.ImportBatchResult;
import dev.eventscope.store.ImportSession;
import dev.eventscope.store.ImportSessionContract;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the SQLite import does: the secondary indexes of an atomic import are dropped and built
 * again before the commit, and every way out of an import leaves them all in place. The behaviour
 * every store shares is {@link ImportSessionContract}.
 */
class SqliteImportTest {

    @TempDir
    Path dir;

    SqliteEventStore store;

    @BeforeEach
    void open() {
        store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(dir.resolve("events.db")),
                StoreOptions.Access.WRITE,
                StoreOptions.DEFAULT_BUSY_TIMEOUT));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static List<NewEvent> events(int count, int streams) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(UUID.randomUUID(), "t-" + (i % streams), i));
        }
        return events;
    }

    static NewEvent event(UUID id, String aggregateId, int n) {
        return new NewEvent(
                id,
                "Happened",
                new StreamId("Thing", aggregateId),
                1,
                Instant.parse("2024-01-15T10:30:00Z").plusSeconds(n),
                JsonDoc.ofText("{\"n\":" + n + "}"),
                JsonDoc.ofText("{\"correlationId\":\"c-" + (n / 3) + "\",\"userId\":\"u-1\"}"),
                null);
    }

    List<String> indexes() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void an_atomic_import_builds_the_indexes_it_dropped_before_it_commits() throws SQLException {
        // given
        List<String> before = indexes();

        // when
        try (ImportSession session = store.startImport(100)) {
            assertThat(session.atomic()).isTrue();
            session.write(events(60, 7));
            session.write(events(40, 7));
            session.commit();
        }

        // then
        assertThat(indexes()).isEqualTo(before).hasSize(7);
    }

    @Test
    void an_atomic_import_records_each_batch_at_the_time_it_is_written() throws Exception {
        // when: the tail is read once and carried from batch to batch; the clock must still move
        ImportSessionContract.importThreeBatchesApart(store);

        // then: one record time per batch, each later than the one before
        List<Long> times = new ArrayList<>();
        try (Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT DISTINCT recorded_at FROM events ORDER BY position")) {
            while (rs.next()) {
                times.add(rs.getLong(1));
            }
        }
        assertThat(times).hasSize(3).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void closing_without_a_commit_leaves_every_index() throws SQLException {
        // given
        List<String> before = indexes();

        // when
        try (ImportSession session = store.startImport(50)) {
            session.write(events(50, 5));
        }

        // then
        assertThat(indexes()).isEqualTo(before);
    }

    @Test
    void a_conflict_that_rolls_back_an_atomic_import_leaves_every_index() throws SQLException {
        // given
        UUID id = UUID.randomUUID();
        List<NewEvent> second = new ArrayList<>(events(5, 2));
        second.add(event(id, "t-9", 1));
        second.add(event(id, "t-9", 2));

        // when
        ImportBatchResult result;
        try (ImportSession session = store.startImport(20)) {
            session.write(events(10, 2));
            result = session.write(second);
        }

        // then
        assertThat(result.hasConflict()).isTrue();
        assertThat(indexes()).hasSize(7);
    }

    @Test
    void a_batched_import_keeps_the_indexes_throughout() throws SQLException {
        // given
        try (ImportSession session = store.startImport(50)) {
            session.write(events(50, 5));
            session.commit();
        }

        // when
        try (ImportSession session = store.startImport(20)) {
            assertThat(session.atomic()).isFalse();
            session.write(events(10, 5));
            assertThat(indexes()).hasSize(7);
            session.commit();
        }

        // then
        assertThat(indexes()).hasSize(7);
    }

    @Test
    void a_large_input_imports_with_the_smaller_page_cache_and_the_store_s_cache_comes_back() throws SQLException {
        try (ImportSession small = store.startImport(600L << 20)) {
            assertThat(StoreFile.pragmaInt(store.connection(), "cache_size")).isEqualTo(-SqliteImport.IMPORT_CACHE_KIB);
            small.write(events(10, 2));
            small.commit();
        }
        assertThat(StoreFile.pragmaInt(store.connection(), "cache_size")).isEqualTo(-StoreFile.CACHE_KIB);
        // a store as large as the input lets the import be atomic too: the rule is the input's size
        try (ImportSession large = store.startImport(SqliteImport.LARGE_INPUT_BYTES + 1)) {
            assertThat(StoreFile.pragmaInt(store.connection(), "cache_size"))
                    .isEqualTo(-SqliteImport.LARGE_IMPORT_CACHE_KIB);
            large.write(events(10, 2));
            large.commit();
        }
        assertThat(StoreFile.pragmaInt(store.connection(), "cache_size")).isEqualTo(-StoreFile.CACHE_KIB);
        assertThat(store.head().events()).isEqualTo(20);
    }
}
