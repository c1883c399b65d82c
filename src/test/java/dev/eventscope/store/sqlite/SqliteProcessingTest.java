package dev.eventscope.store.sqlite;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.NewDeadLetter;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the SQLite file does for processing: its tables refuse what the port promises never
 * happens, and its queries refuse SQLite's own statements and name the file. What processing does
 * is the contract suites (checkpoints, dead letters, read models, queries).
 */
class SqliteProcessingTest {

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

    @Test
    void the_table_itself_refuses_a_second_letter_for_the_same_handler_and_event() throws SQLException {
        // given
        UUID id = UUID.randomUUID();
        var now = Times.nowMicros();
        store.requireProcessing()
                .deadLetters()
                .park(new NewDeadLetter("h", id, 1, "E", new StreamId("A", "x"), 2, "boom", null, now, now));
        store.close();

        // when / then
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("INSERT INTO dead_letters (handler, event_id, position, event_type,"
                            + " aggregate_type, aggregate_id, status, attempts, first_failed_at, last_failed_at)"
                            + " VALUES ('h', '" + id + "', 1, 'E', 'A', 'x', 'parked', 1, 0, 0)"))
                    .hasMessageContaining("UNIQUE constraint failed: dead_letters.handler, dead_letters.event_id");
        }
        open();
    }

    @Test
    void sqlite_s_own_statements_are_refused_before_they_run() {
        for (String sql : List.of("PRAGMA writable_schema = 1", "ATTACH 'other.db' AS o")) {
            assertThatThrownBy(() -> store.requireReadModelQuery().query(sql))
                    .as(sql)
                    .isInstanceOf(UsageException.class);
        }
    }

    @Test
    void a_missing_read_model_names_the_file_and_bad_sql_gives_sqlite_s_reason() {
        store.append(List.of(event("E").build()), ExpectedVersion.ANY);
        assertThatThrownBy(() -> store.requireReadModelQuery().query("select * from rm_orders"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no table rm_orders in " + dir.resolve("events.db"));
        assertThatThrownBy(() -> store.requireReadModelQuery().query("select nope from events"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the query does not run: no such column: nope");
    }
}
