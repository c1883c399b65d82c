package dev.eventscope.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreBusyException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.ImportSession;
import dev.eventscope.store.ImportTarget;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.verify.StoreVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewStoreImportTest {

    @TempDir
    Path dir;

    StoreOptions options(String name) {
        return new StoreOptions(
                StoreLocator.file(dir.resolve(name)), StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT);
    }

    ImportTarget target(String name) {
        return new SqliteStores().importTarget(options(name), () -> SqliteEventStore.open(options(name)));
    }

    List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_committed_import_puts_a_complete_store_in_place_and_leaves_no_scratch_file() throws Exception {
        // given
        ImportTarget target = target("events.db");

        // when
        try (ImportSession session = target.startImport(1_000)) {
            assertThat(session.atomic()).isTrue();
            assertThat(files())
                    .singleElement()
                    .asString()
                    .startsWith("events.db.import-")
                    .endsWith(".tmp");
            session.write(SqliteImportTest.events(30, 4));
            session.commit();
        }

        // then
        assertThat(files()).containsExactly("events.db");
        try (SqliteEventStore store = SqliteEventStore.open(options("events.db"))) {
            assertThat(StoreFile.pragmaText(store.connection(), "journal_mode")).isEqualTo("wal");
            assertThat(store.integrity().schemaProblems()).isEmpty();
            assertThat(new StoreVerifier(store).verify(true, null).ok()).isTrue();
            try (Stream<RecordedEvent> events = store.read(EventQuery.ALL)) {
                assertThat(events).hasSize(30);
            }
        }
    }

    @Test
    void an_import_closed_without_a_commit_creates_nothing() throws Exception {
        // when
        try (ImportSession session = target("events.db").startImport(1_000)) {
            session.write(SqliteImportTest.events(30, 4));
        }

        // then
        assertThat(files()).isEmpty();
    }

    @Test
    void a_store_created_by_someone_else_meanwhile_is_left_alone_and_nothing_is_imported() throws Exception {
        // given
        ImportSession session = target("events.db").startImport(1_000);
        session.write(SqliteImportTest.events(30, 4));
        try (SqliteEventStore other = SqliteEventStore.open(options("events.db"))) {
            other.importBatch(SqliteImportTest.events(2, 1));
        }

        // when / then
        try (session) {
            assertThatThrownBy(session::commit)
                    .isInstanceOf(StoreBusyException.class)
                    .hasMessageContaining("another process created")
                    .hasMessageContaining("nothing was imported");
        }
        assertThat(files()).containsExactly("events.db");
        try (SqliteEventStore store = SqliteEventStore.open(options("events.db"));
                Stream<RecordedEvent> events = store.read(EventQuery.ALL)) {
            assertThat(events).hasSize(2);
        }
    }

    @Test
    void a_missing_directory_is_not_found() {
        assertThatThrownBy(() -> target("no/such/dir/events.db").startImport(1))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void an_existing_store_is_its_own_import_target() throws SQLException {
        // given
        try (SqliteEventStore created = SqliteEventStore.open(options("events.db"))) {
            created.head();
        }

        // when
        ImportTarget target = target("events.db");

        // then
        assertThat(target).isInstanceOf(SqliteEventStore.class);
        ((SqliteEventStore) target).close();
    }

    @Nested
    class when_a_killed_import_left_its_scratch_file {

        /** A scratch file as a killed import leaves it: a SQLite file, last written {@code age} ago. */
        Path scratch(String name, java.time.Duration age) throws Exception {
            Path file = dir.resolve(name);
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                    java.sql.Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (x)");
            }
            Files.setLastModifiedTime(
                    file,
                    java.nio.file.attribute.FileTime.from(
                            java.time.Instant.now().minus(age)));
            return file;
        }

        @Test
        void the_next_import_into_that_name_removes_a_stale_one_and_leaves_the_rest() throws Exception {
            // given: stale, recent, and another store's
            scratch("events.db.import-0badf00d.tmp", java.time.Duration.ofHours(2));
            scratch("events.db.import-12345678.tmp", java.time.Duration.ofMinutes(5));
            scratch("other.db.import-0badf00d.tmp", java.time.Duration.ofHours(2));

            // when
            try (ImportSession session = target("events.db").startImport(1_000)) {
                session.write(SqliteImportTest.events(3, 1));
                session.commit();
            }

            // then
            assertThat(files())
                    .contains("events.db", "events.db.import-12345678.tmp", "other.db.import-0badf00d.tmp")
                    .doesNotContain("events.db.import-0badf00d.tmp");
        }

        @Test
        void one_that_a_process_still_holds_is_never_removed_however_old() throws Exception {
            // given: an old scratch file whose import still holds its write transaction
            Path held = scratch("events.db.import-0badf00d.tmp", java.time.Duration.ofHours(5));
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + held);
                    java.sql.Statement st = c.createStatement()) {
                st.execute("BEGIN IMMEDIATE");

                // when
                int removed = NewStoreImport.removeStaleScratchFiles(
                        dir, "events.db", java.time.Instant.now().minus(NewStoreImport.STALE_AFTER));

                // then
                assertThat(removed).isZero();
                assertThat(held).exists();
                st.execute("ROLLBACK");
            }
        }
    }
}
