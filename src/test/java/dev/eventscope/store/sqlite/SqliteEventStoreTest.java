package dev.eventscope.store.sqlite;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreBusyException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite store does: the file, its schema, its locks, and refusing changes. */
class SqliteEventStoreTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("events.db");
    }

    private SqliteEventStore open(StoreOptions.Access access) {
        return SqliteEventStore.open(
                new StoreOptions(StoreLocator.file(file()), access, StoreOptions.DEFAULT_BUSY_TIMEOUT));
    }

    private SqliteEventStore storeWith(int events) {
        SqliteEventStore store = open(StoreOptions.Access.WRITE);
        for (int i = 0; i < events; i++) {
            store.append(List.of(event("E" + i).build()), ExpectedVersion.ANY);
        }
        return store;
    }

    private Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file());
    }

    private static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    @Nested
    class when_someone_changes_events_behind_the_store {

        @Test
        void an_update_of_an_event_is_refused() throws SQLException {
            // given
            storeWith(2).close();

            // when / then
            try (Connection c = jdbc();
                    Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.executeUpdate("UPDATE events SET payload = '{\"x\":1}' WHERE position = 1"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("events are immutable: UPDATE is refused");
                assertThat(queryLong(c, "SELECT count(*) FROM events WHERE payload = '{}'"))
                        .isEqualTo(2);
            }
        }

        @Test
        void a_delete_of_an_event_is_refused() throws SQLException {
            // given
            storeWith(2).close();

            // when / then
            try (Connection c = jdbc();
                    Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.executeUpdate("DELETE FROM events WHERE position = 2"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("events are immutable: DELETE is refused");
                assertThat(queryLong(c, "SELECT count(*) FROM events")).isEqualTo(2);
            }
        }

        @Test
        void a_writer_refuses_to_append_after_a_removed_tail() throws SQLException {
            // given: the last event deleted with the trigger dropped
            storeWith(3).close();
            try (Connection c = jdbc();
                    Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER events_no_delete");
                st.execute("DELETE FROM events WHERE position = 3");
            }

            // when / then
            try (SqliteEventStore store = open(StoreOptions.Access.WRITE)) {
                assertThatThrownBy(() -> store.append(List.of(event("A").build()), ExpectedVersion.ANY))
                        .isInstanceOf(StoreIoException.class)
                        .hasMessage("events after position 2 are missing (positions up to 3 were assigned): the store"
                                + " was changed outside Eventscope");
                assertThat(store.head().position()).isEqualTo(2);
            }
        }
    }

    @Nested
    class when_creating_and_opening_the_file {

        @Test
        void a_new_store_is_in_wal_mode_with_the_application_id_and_the_latest_schema() throws SQLException {
            // given
            storeWith(0).close();

            // then
            try (Connection c = jdbc()) {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                    assertThat(rs.getString(1)).isEqualTo("wal");
                }
                assertThat(queryLong(c, "PRAGMA application_id")).isEqualTo(0x45765363L);
                assertThat(queryLong(c, "PRAGMA user_version")).isEqualTo(Migrations.latest());
                assertThat(queryLong(
                                c,
                                "SELECT count(*) FROM store_info WHERE key IN"
                                        + " ('store_id', 'created_at', 'created_by', 'hash_chain')"))
                        .isEqualTo(4);
            }
        }

        @Test
        void events_survive_closing_and_reopening() {
            // given
            List<RecordedEvent> written;
            try (SqliteEventStore store = storeWith(3)) {
                try (Stream<RecordedEvent> s = store.read(EventQuery.ALL)) {
                    written = s.toList();
                }
            }

            // when
            try (SqliteEventStore store = open(StoreOptions.Access.READ);
                    Stream<RecordedEvent> s = store.read(EventQuery.ALL)) {
                // then
                assertThat(s.toList()).isEqualTo(written);
            }
        }

        @Test
        void a_reader_needs_the_file_to_exist() {
            assertThatThrownBy(() -> open(StoreOptions.Access.READ))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("no store at " + file());
            assertThat(file()).doesNotExist();
        }

        @Test
        void a_reader_treats_an_empty_file_as_not_yet_a_store() throws Exception {
            Files.createFile(file());
            assertThatThrownBy(() -> open(StoreOptions.Access.READ))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage(file() + " is an empty file, not yet an Eventscope store");
        }

        @Test
        void a_writer_turns_an_empty_file_into_a_store() throws Exception {
            Files.createFile(file());
            try (SqliteEventStore store = open(StoreOptions.Access.WRITE)) {
                assertThat(store.head().isEmpty()).isTrue();
            }
        }

        @Test
        void a_writer_cannot_create_a_store_in_a_missing_directory() {
            Path nested = dir.resolve("missing/events.db");
            assertThatThrownBy(() -> SqliteEventStore.open(new StoreOptions(
                            StoreLocator.file(nested), StoreOptions.Access.WRITE, Duration.ofSeconds(1))))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage(
                            "cannot create " + nested + ": the directory " + nested.getParent() + " does not exist");
        }

        @Test
        void a_file_that_is_not_sqlite_is_a_damaged_store() throws Exception {
            // given
            byte[] noise = new byte[8192];
            new Random(42).nextBytes(noise);
            Files.write(file(), noise);

            // then
            assertThatThrownBy(() -> open(StoreOptions.Access.READ))
                    .isInstanceOf(StoreIoException.class)
                    .hasMessageStartingWith(file() + " is damaged or not an SQLite database");
        }

        @Test
        void another_application_s_sqlite_file_is_refused_untouched() throws Exception {
            // given
            try (Connection c = jdbc();
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE customers (id INTEGER)");
            }
            byte[] before = Files.readAllBytes(file());

            // then
            assertThatThrownBy(() -> open(StoreOptions.Access.WRITE))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(file() + " is an SQLite database but not an Eventscope store (application_id"
                            + " 0x00000000)");
            assertThat(Files.readAllBytes(file())).isEqualTo(before);
        }

        @Test
        void a_store_with_a_newer_schema_is_refused() throws Exception {
            // given
            storeWith(1).close();
            try (Connection c = jdbc();
                    Statement st = c.createStatement()) {
                st.execute("PRAGMA user_version = " + (Migrations.latest() + 1));
            }

            // then
            assertThatThrownBy(() -> open(StoreOptions.Access.READ))
                    .isInstanceOf(StoreIoException.class)
                    .hasMessage(file() + " has store schema " + (Migrations.latest() + 1)
                            + ", newer than this Eventscope knows (" + Migrations.latest() + ")");
        }

        @Test
        void a_store_with_an_older_schema_is_upgraded_on_open() throws Exception {
            // given: a store from before the causation index existed (schema 8), whatever later
            // migrations add
            storeWith(1).close();
            try (Connection c = jdbc();
                    Statement st = c.createStatement()) {
                List<String> later = new java.util.ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT"
                        + " IN ('events', 'store_info') AND name NOT LIKE 'sqlite_%'")) {
                    while (rs.next()) {
                        later.add(rs.getString(1));
                    }
                }
                for (String table : later) {
                    st.execute("DROP TABLE \"" + table + "\"");
                }
                st.execute("DROP INDEX events_causation");
                st.execute("PRAGMA user_version = 8");
            }

            // when
            try (SqliteEventStore store = open(StoreOptions.Access.READ)) {
                // then
                assertThat(store.integrity().schemaProblems()).isEmpty();
                assertThat(store.head().events()).isEqualTo(1);
            }
        }

        @Test
        void a_store_with_an_older_schema_opened_as_is_is_read_and_left_byte_for_byte_unchanged() throws Exception {
            // given
            olderStore();
            byte[] before = java.nio.file.Files.readAllBytes(file());

            // when
            try (SqliteEventStore store = open(StoreOptions.Access.READ_AS_IS)) {
                // then
                assertThat(store.head().events()).isEqualTo(1);
                assertThat(store.integrity().schemaProblems()).contains("missing index dead_letters_position");
            }
            assertThat(java.nio.file.Files.readAllBytes(file())).isEqualTo(before);
        }

        private void olderStore() throws Exception {
            storeWith(1).close();
            try (Connection c = jdbc();
                    Statement st = c.createStatement()) {
                st.execute("DROP INDEX dead_letters_position");
                st.execute("PRAGMA user_version = " + (Migrations.latest() - 1));
            }
        }
    }

    @Nested
    class when_another_writer_holds_the_lock {

        @Test
        void an_append_waits_for_the_busy_timeout_and_then_fails_as_busy() throws Exception {
            // given
            storeWith(1).close();
            try (Connection holder = jdbc();
                    Statement st = holder.createStatement();
                    SqliteEventStore store = SqliteEventStore.open(new StoreOptions(
                            StoreLocator.file(file()), StoreOptions.Access.WRITE, Duration.ofMillis(100)))) {
                st.execute("BEGIN IMMEDIATE");

                // when / then
                assertThatThrownBy(() -> store.append(List.of(event("A").build()), ExpectedVersion.ANY))
                        .isInstanceOf(StoreBusyException.class)
                        .hasMessage("store " + file() + " stayed locked by another writer while appending");
                st.execute("ROLLBACK");

                // and the store works again once the lock is gone
                store.append(List.of(event("A").build()), ExpectedVersion.ANY);
                assertThat(store.head().events()).isEqualTo(2);
            }
        }

        @Test
        void a_reader_is_not_blocked_by_a_writer() throws Exception {
            // given
            storeWith(2).close();
            try (Connection holder = jdbc();
                    Statement st = holder.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                st.execute("INSERT INTO store_info (key, value) VALUES ('pending', 'x')");

                // when
                try (SqliteEventStore reader = SqliteEventStore.open(
                        new StoreOptions(StoreLocator.file(file()), StoreOptions.Access.READ, Duration.ZERO))) {
                    // then
                    assertThat(reader.head().events()).isEqualTo(2);
                }
                st.execute("ROLLBACK");
            }
        }
    }

    @Nested
    class when_checking_integrity {

        @Test
        void a_fresh_store_has_no_file_or_schema_problems() {
            try (SqliteEventStore store = storeWith(2)) {
                assertThat(store.integrity().storageProblems(false)).isEmpty();
                assertThat(store.integrity().storageProblems(true)).isEmpty();
                assertThat(store.integrity().schemaProblems()).isEmpty();
                assertThat(store.integrity().positionHighWater()).isEqualTo(2);
            }
        }

        @Test
        void an_unexpected_view_and_a_missing_trigger_are_reported() throws Exception {
            // given
            storeWith(1).close();
            try (Connection c = jdbc();
                    Statement st = c.createStatement()) {
                st.execute("CREATE VIEW peek AS SELECT payload FROM events");
                st.execute("DROP TRIGGER events_no_update");
            }

            // then
            try (SqliteEventStore store = open(StoreOptions.Access.READ)) {
                assertThat(store.integrity().schemaProblems())
                        .containsExactlyInAnyOrder(
                                "missing trigger events_no_update",
                                "unexpected view peek: CREATE VIEW peek AS SELECT payload FROM events");
            }
        }

        @Test
        void read_model_tables_and_statistics_are_allowed() throws Exception {
            // given
            storeWith(1).close();
            try (Connection c = jdbc();
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE rm_orders (id TEXT PRIMARY KEY, total REAL)");
                st.execute("ANALYZE");
            }

            // then
            try (SqliteEventStore store = open(StoreOptions.Access.READ)) {
                assertThat(store.integrity().schemaProblems()).isEmpty();
            }
        }
    }
}
