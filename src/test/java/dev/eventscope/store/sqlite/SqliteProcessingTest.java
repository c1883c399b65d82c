package dev.eventscope.store.sqlite;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.DeadLetterQuery;
import dev.eventscope.store.NewDeadLetter;
import dev.eventscope.store.ProcessingStore;
import dev.eventscope.store.QueryResult;
import dev.eventscope.store.ReadModelTable;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, dead letters, read-model tables and read-only queries in the SQLite file. */
class SqliteProcessingTest {

    static final ReadModelTable ORDERS = new ReadModelTable(
            "rm_orders",
            "id",
            List.of(
                    new ReadModelTable.Column("id", ReadModelTable.ColumnType.TEXT),
                    new ReadModelTable.Column("status", ReadModelTable.ColumnType.TEXT),
                    new ReadModelTable.Column("total", ReadModelTable.ColumnType.REAL)));

    @TempDir
    Path dir;

    SqliteEventStore store;
    ProcessingStore processing;

    @BeforeEach
    void open() {
        store = SqliteEventStore.open(new StoreOptions(
                dir.resolve("events.db"), StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT));
        processing = store.processing();
    }

    @AfterEach
    void close() {
        store.close();
    }

    List<String> query(String sql) {
        List<String> out = new ArrayList<>();
        try (QueryResult r = store.readModelQuery().query(sql)) {
            r.rows().forEach(row -> out.add(row.toString()));
        }
        return out;
    }

    @Nested
    class when_rows_are_written {

        @Test
        void an_upsert_sets_only_the_columns_it_gives_and_a_delete_removes_by_key() {
            // when
            processing.inTransaction("test", () -> {
                processing.readModels().create(ORDERS);
                processing.readModels().upsert(ORDERS, Map.of("id", "o-1", "status", "PLACED", "total", 10.5));
                processing.readModels().upsert(ORDERS, Map.of("id", "o-1", "status", "SHIPPED"));
                processing.readModels().upsert(ORDERS, Map.of("id", "o-2"));
                processing.readModels().delete(ORDERS, "o-2");
                return null;
            });

            // then
            assertThat(query("select * from rm_orders")).containsExactly("[o-1, SHIPPED, 10.5]");
            assertThat(processing.readModels().layout("rm_orders"))
                    .hasValue("id TEXT PRIMARY KEY, status TEXT, total REAL");
            assertThat(store.integrity().schemaProblems()).isEmpty();
        }

        @Test
        void a_replace_swaps_the_new_table_in_under_the_old_name() {
            // given
            processing.inTransaction("test", () -> {
                processing.readModels().create(ORDERS);
                processing.readModels().upsert(ORDERS, Map.of("id", "old"));
                ReadModelTable next = ORDERS.renamed("rm_orders__next");
                processing.readModels().create(next);
                processing.readModels().upsert(next, Map.of("id", "new"));
                return null;
            });

            // when
            processing.inTransaction("swap", () -> {
                processing.readModels().replace("rm_orders__next", "rm_orders");
                return null;
            });

            // then
            assertThat(query("select id from rm_orders")).containsExactly("[new]");
            assertThat(processing.readModels().layout("rm_orders__next")).isEmpty();
            assertThat(store.integrity().schemaProblems()).isEmpty();
        }

        @Test
        void a_failure_inside_the_transaction_leaves_nothing_of_it() {
            // when
            assertThatThrownBy(() -> processing.inTransaction("test", () -> {
                        processing.readModels().create(ORDERS);
                        processing.checkpoints().put("orders", 5, null);
                        throw new IllegalStateException("boom");
                    }))
                    .hasMessage("boom");

            // then
            assertThat(processing.readModels().layout("rm_orders")).isEmpty();
            assertThat(processing.checkpoints().get("orders")).isEmpty();
        }
    }

    @Nested
    class when_dead_letters_are_parked {

        NewDeadLetter letter(UUID id, long position, String aggregate) {
            var now = Times.nowMicros();
            return new NewDeadLetter("h", id, position, "E", new StreamId("A", aggregate), 2, "boom", null, now, now);
        }

        @Test
        void the_same_event_gets_one_letter_per_handler_ever() {
            // given
            UUID id = UUID.randomUUID();
            long first = processing.deadLetters().park(letter(id, 1, "x"));
            processing.deadLetters().resolve(first, 1, "retried");

            // when
            long again = processing.deadLetters().park(letter(id, 1, "x"));

            // then
            assertThat(again).isEqualTo(first);
            List<DeadLetter> all = processing.deadLetters().find(DeadLetterQuery.ALL);
            assertThat(all).hasSize(1);
            assertThat(all.get(0).status()).isEqualTo(DeadLetter.Status.PARKED);
            assertThat(all.get(0).attempts()).isEqualTo(5);
            assertThat(all.get(0).resolvedAt()).isNull();
        }

        @Test
        void the_table_itself_refuses_a_second_letter_for_the_same_handler_and_event() throws SQLException {
            // given
            UUID id = UUID.randomUUID();
            processing.deadLetters().park(letter(id, 1, "x"));
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
        void parked_streams_name_their_earliest_parked_letter() {
            // given
            long x1 = processing.deadLetters().park(letter(UUID.randomUUID(), 7, "x"));
            processing.deadLetters().park(letter(UUID.randomUUID(), 9, "x"));
            long y = processing.deadLetters().park(letter(UUID.randomUUID(), 8, "y"));
            processing.deadLetters().skip(y, "not needed");

            // then
            assertThat(processing.deadLetters().parkedStreams("h")).isEqualTo(Map.of(new StreamId("A", "x"), x1));
            assertThat(processing.deadLetters().get(y).orElseThrow().reason()).isEqualTo("not needed");
        }
    }

    @Nested
    class when_a_query_is_run {

        @BeforeEach
        void events() {
            store.append(List.of(event("E").build(), event("F").build()), ExpectedVersion.ANY);
        }

        @Test
        void a_select_or_a_with_select_is_answered_with_column_names_and_typed_values() {
            // when
            try (QueryResult r = store.readModelQuery()
                    .query("-- a comment; not a statement\nWITH t AS (SELECT position, event_type, 1.5 AS x"
                            + " FROM events) SELECT * FROM t WHERE event_type <> 'a;b' ORDER BY position;")) {
                // then
                assertThat(r.columns()).containsExactly("position", "event_type", "x");
                assertThat(r.rows().toList()).containsExactly(List.of(1L, "E", 1.5), List.of(2L, "F", 1.5));
            }
        }

        @Test
        void anything_but_one_select_is_refused_before_it_runs() {
            for (String sql : List.of(
                    "DELETE FROM events",
                    "select 1; drop table events",
                    "WITH x AS (SELECT 1) DELETE FROM events",
                    "PRAGMA writable_schema = 1",
                    "ATTACH 'other.db' AS o",
                    "  ")) {
                assertThatThrownBy(() -> store.readModelQuery().query(sql))
                        .as(sql)
                        .isInstanceOf(UsageException.class);
            }
            assertThat(store.head().events()).isEqualTo(2);
        }

        @Test
        void a_missing_read_model_is_not_found_and_bad_sql_is_invalid_input() {
            assertThatThrownBy(() -> store.readModelQuery().query("select * from rm_orders"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageEndingWith("no table rm_orders in " + dir.resolve("events.db"))
                    .hasMessageStartingWith("no table rm_orders");
            assertThatThrownBy(() -> store.readModelQuery().query("select nope from events"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("the query does not run: no such column: nope");
        }
    }

    @Test
    void an_append_inside_a_processing_transaction_chains_like_any_append() {
        // when
        List<RecordedEvent> appended = processing.inTransaction("test", () -> {
            processing.checkpoints().put("r", 0, null);
            return processing.appendInTransaction(
                    List.of(event("A").build(), event("B").build()));
        });

        // then
        assertThat(appended).extracting(RecordedEvent::position).containsExactly(1L, 2L);
        assertThat(store.byPosition(2).orElseThrow().hash())
                .isEqualTo(appended.get(1).hash());
        assertThat(processing.batchEnd(1, 1)).isEqualTo(1);
        assertThat(processing.batchEnd(1, 5)).isEqualTo(2);
        assertThat(processing.eventsAfter(0, java.util.Set.of("B"))).isEqualTo(1);
    }
}
