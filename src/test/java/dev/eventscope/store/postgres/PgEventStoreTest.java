package dev.eventscope.store.postgres;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.StoreBusyException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.AppendResult;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.testing.TestPostgres;
import dev.eventscope.verify.StoreVerifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What only the PostgreSQL store does, beyond the contract suites: notifications, a lost
 * connection, lock timeouts, a read-only role, exact bytes, and rows changed behind its back.
 */
class PgEventStoreTest {

    static final TestPostgres SERVER = TestPostgres.shared();

    String schema;
    StoreLocator.Postgres locator;
    PgEventStore store;
    final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void open() {
        schema = TestPostgres.newSchema();
        locator = SERVER.locator(schema);
        store = open(locator, StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT);
    }

    PgEventStore open(StoreLocator locator, StoreOptions.Access access, Duration busy) {
        PgEventStore s = PgEventStore.open(new StoreOptions(locator, access, busy));
        opened.add(s);
        return s;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    static long backendPid(PgEventStore s) throws SQLException {
        try (Statement st = s.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<RecordedEvent> all(EventStore s) {
        try (Stream<RecordedEvent> e = s.read(EventQuery.ALL)) {
            return e.toList();
        }
    }

    /** An admin connection holding the head row locked, as a writer in the middle of an append does. */
    Connection holdHead() throws SQLException {
        Connection c = SERVER.admin(TestPostgres.DATABASE);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT * FROM " + schema + ".head FOR UPDATE").close();
        }
        return c;
    }

    @Nested
    class when_another_writer_holds_the_head {

        @Test
        void an_append_waits_for_the_busy_timeout_and_then_fails_as_busy_writing_nothing() throws Exception {
            // given
            PgEventStore impatient = open(locator, StoreOptions.Access.WRITE, Duration.ofMillis(300));
            try (Connection holder = holdHead()) {
                // when / then
                assertThatThrownBy(() -> impatient.append(List.of(event("A").build()), ExpectedVersion.ANY))
                        .isInstanceOf(StoreBusyException.class)
                        .hasMessage("store " + locator + " stayed locked by another writer for 300 ms while appending");
                holder.rollback();
            }
            assertThat(store.head().events()).isZero();
            assertThat(impatient
                            .append(List.of(event("B").build()), ExpectedVersion.ANY)
                            .events())
                    .extracting(RecordedEvent::position)
                    .containsExactly(1L);
        }

        @Test
        void a_reader_is_not_blocked_by_a_writer() throws Exception {
            store.append(List.of(event("A").build()), ExpectedVersion.ANY);
            try (Connection holder = holdHead()) {
                PgEventStore reader = open(locator, StoreOptions.Access.READ, Duration.ofMillis(100));
                assertThat(all(reader)).hasSize(1);
                assertThat(reader.head().position()).isEqualTo(1);
                holder.rollback();
            }
        }
    }

    @Nested
    class when_the_connection_is_lost {

        @Test
        void an_append_whose_backend_is_terminated_fails_clearly_writes_nothing_and_the_next_one_works()
                throws Exception {
            // given: the append waits for the head that another connection holds
            long pid = backendPid(store);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (Connection holder = holdHead()) {
                Future<AppendResult> append =
                        pool.submit(() -> store.append(List.of(event("A").build()), ExpectedVersion.ANY));
                waitUntilWaitingForALock(pid);

                // when
                SERVER.execute(TestPostgres.DATABASE, "SELECT pg_terminate_backend(" + pid + ")");

                // then
                assertThatThrownBy(() -> append.get(60, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(StoreIoException.class)
                        .cause()
                        .hasMessageStartingWith(
                                "the connection to PostgreSQL at " + locator.where() + " was lost while appending");
                holder.rollback();
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.head().events()).isZero();
            assertThat(store.append(List.of(event("B").build()), ExpectedVersion.ANY)
                            .events())
                    .extracting(RecordedEvent::position)
                    .containsExactly(1L);
        }

        private void waitUntilWaitingForALock(long pid) throws Exception {
            for (int i = 0; i < 6_000; i++) {
                try (Connection c = SERVER.admin(TestPostgres.DATABASE);
                        Statement st = c.createStatement();
                        ResultSet rs =
                                st.executeQuery("SELECT wait_event_type FROM pg_stat_activity WHERE pid = " + pid)) {
                    if (rs.next() && "Lock".equals(rs.getString(1))) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
            throw new AssertionError("the append never waited for the head");
        }

        @Test
        void a_commit_that_lost_its_connection_is_found_to_have_landed_by_its_event_ids() {
            // given: an append that committed, as seen by a writer whose connection broke in COMMIT
            List<NewEvent> events =
                    PgAppender.withIds(List.of(event("A").build(), event("B").build()));
            List<RecordedEvent> stored =
                    store.append(events, ExpectedVersion.ANY).events();
            store.connectionLost();

            // when
            AppendResult resolved = landed(events);

            // then
            assertThat(resolved.events()).isEqualTo(stored);
            assertThat(resolved.alreadyStored()).isFalse();
        }

        @Test
        void a_commit_that_lost_its_connection_and_did_not_land_says_so() {
            List<NewEvent> events = PgAppender.withIds(List.of(event("A").build()));
            assertThatThrownBy(() -> landed(events))
                    .isInstanceOf(StoreIoException.class)
                    .hasMessage("the connection to PostgreSQL at " + locator.where()
                            + " was lost while committing; the 1 events did not land");
        }

        private AppendResult landed(List<NewEvent> events) {
            return store.landed(events, new SQLException("lost", "08006"));
        }
    }

    @Nested
    class when_a_follower_waits {

        @Test
        void an_append_by_another_process_wakes_it_by_notification() throws Exception {
            // given
            PgEventStore follower = open(locator, StoreOptions.Access.READ, StoreOptions.DEFAULT_BUSY_TIMEOUT);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> waiting = pool.submit(() -> {
                    follower.awaitAppend(0, Duration.ofSeconds(60));
                    return null;
                });
                while (follower.watch() == null || !follower.watch().listening()) {
                    Thread.sleep(5);
                }

                // when
                PgEventStore other = open(locator, StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT);
                other.append(List.of(event("A").build()), ExpectedVersion.ANY);

                // then
                waiting.get(60, TimeUnit.SECONDS);
                assertThat(follower.watch().notifications()).isPositive();
                assertThat(follower.watch().polling()).isFalse();
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void a_head_past_the_position_returns_at_once_without_waiting_for_a_notification() throws Exception {
            store.append(List.of(event("A").build()), ExpectedVersion.ANY);
            store.awaitAppend(0, Duration.ofDays(1));
            assertThat(store.watch().notifications()).isZero();
        }
    }

    @Nested
    class when_the_role_may_only_read {

        String role;

        @BeforeEach
        void reader() {
            store.append(List.of(event("A").build(), event("B").build()), ExpectedVersion.ANY);
            role = "ro_" + schema;
            SERVER.execute(
                    TestPostgres.DATABASE,
                    "CREATE ROLE " + role + " LOGIN PASSWORD 'ro-pw'",
                    "GRANT USAGE ON SCHEMA " + schema + " TO " + role,
                    "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
        }

        StoreLocator roLocator() {
            return new StoreLocator.Postgres(dev.eventscope.postgres.PostgresUrl.parse(
                    "postgresql://" + role + ":ro-pw@" + SERVER.host() + ":" + SERVER.port() + "/"
                            + TestPostgres.DATABASE + "?schema=" + schema,
                    "--db",
                    java.util.Map.of()));
        }

        @Test
        void every_read_works() {
            PgEventStore ro = open(roLocator(), StoreOptions.Access.READ, StoreOptions.DEFAULT_BUSY_TIMEOUT);
            assertThat(all(ro)).hasSize(2);
            assertThat(ro.head()).isEqualTo(store.head());
            assertThat(ro.statistics().totals().events()).isEqualTo(2);
            assertThat(ro.statistics().storage().figures()).isNotEmpty();
            assertThat(new StoreVerifier(ro).verify(true, null).problems()).isEmpty();
            assertThat(ro.lintFigures().withoutCorrelation(1).count()).isEqualTo(2);
            try (var q = ro.requireReadModelQuery().query("select count(*) as n from events")) {
                assertThat(q.rows().toList()).containsExactly(List.of(2L));
            }
        }

        @Test
        void a_write_fails_with_a_clear_message_and_writes_nothing() {
            PgEventStore ro = open(roLocator(), StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT);
            assertThatThrownBy(() -> ro.append(List.of(event("C").build()), ExpectedVersion.ANY))
                    .isInstanceOf(StoreIoException.class)
                    .hasMessageStartingWith(
                            "user " + role + " may not do this in schema " + schema + " while appending")
                    .satisfies(e -> assertThat(((StoreIoException) e).hint())
                            .hasValueSatisfying(h -> assertThat(h).contains("SELECT")));
            assertThat(store.head().events()).isEqualTo(2);
        }
    }

    @Nested
    class when_text_is_stored {

        @Test
        void payload_and_metadata_keep_their_exact_bytes_and_hash() {
            // given: duplicate keys, key order, a huge number, an escaped NUL, surrogate escapes
            String payload = "{\"b\":1,\"a\":2,\"a\":3,\"big\":1E+400,\"n\":\"\\u0000\",\"s\":\"\\ud83d\\ude00 é\"}";
            String metadata = "{\"z\":true,\"correlationId\":\"c-1\"}";
            NewEvent e = new NewEvent(
                    UUID.randomUUID(),
                    "T",
                    StreamId.of("A", "a"),
                    1,
                    null,
                    JsonDoc.ofText(payload),
                    JsonDoc.ofText(metadata),
                    null);

            // when
            RecordedEvent written =
                    store.append(List.of(e), ExpectedVersion.ANY).events().get(0);

            // then
            RecordedEvent read = all(store).get(0);
            assertThat(read.payload().text()).isEqualTo(payload);
            assertThat(read.metadata().text()).isEqualTo(metadata);
            assertThat(read).isEqualTo(written);
            assertThat(new StoreVerifier(store).verify(true, null).ok()).isTrue();
        }
    }

    @Nested
    class when_rows_are_changed_behind_its_back {

        @Test
        void events_refuse_update_delete_and_truncate() {
            store.append(List.of(event("A").build()), ExpectedVersion.ANY);
            for (String sql : List.of(
                    "UPDATE " + schema + ".events SET event_type = 'X'",
                    "DELETE FROM " + schema + ".events",
                    "TRUNCATE " + schema + ".events")) {
                assertThatThrownBy(() -> SERVER.execute(TestPostgres.DATABASE, sql))
                        .as(sql)
                        .hasMessageContaining("events are immutable");
            }
        }

        @Test
        void a_row_inserted_past_the_head_is_caught_by_the_key_and_verify_names_it() {
            // given: an event written by hand at position 1, the head row left at 0
            SERVER.execute(
                    TestPostgres.DATABASE,
                    "INSERT INTO " + schema + ".events (position, event_id, aggregate_type, aggregate_id,"
                            + " stream_version, event_type, event_version, occurred_at, recorded_at, payload,"
                            + " metadata, hash) VALUES (1, gen_random_uuid(), 'A', 'x', 1, 'E', 1, 0, 0, '{}', '{}',"
                            + " 'h')");

            // then
            assertThatThrownBy(
                            () -> store.append(List.of(event("A").on("B", "y").build()), ExpectedVersion.ANY))
                    .isInstanceOf(StoreIoException.class)
                    .hasMessage("a position after the head is taken: the store was changed outside Eventscope");
            assertThat(store.integrity().storageProblems(false))
                    .contains("database: the head row says position 0 but the last event is at 1");
        }

        @Test
        void a_disabled_trigger_an_extra_index_and_a_foreign_table_are_schema_problems() {
            SERVER.execute(
                    TestPostgres.DATABASE,
                    "ALTER TABLE " + schema + ".events DISABLE TRIGGER events_no_change",
                    "CREATE INDEX sneaky ON " + schema + ".events (hash)",
                    "CREATE TABLE " + schema + ".notes (x int)",
                    "CREATE TABLE " + schema + ".rm_orders (id text primary key)");
            assertThat(store.integrity().schemaProblems())
                    .containsExactlyInAnyOrder(
                            "table or view notes was not created by Eventscope",
                            "index sneaky on events was not created by Eventscope",
                            "trigger events_no_change is disabled: events can be changed");
        }

        @Test
        void a_schema_of_someone_else_s_tables_is_refused_untouched() {
            String other = TestPostgres.newSchema();
            SERVER.execute(
                    TestPostgres.DATABASE, "CREATE SCHEMA " + other, "CREATE TABLE " + other + ".things (x int)");
            assertThatThrownBy(() -> open(SERVER.locator(other), StoreOptions.Access.WRITE, Duration.ofSeconds(1)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageEndingWith("holds tables but is not an Eventscope store");
        }

        @Test
        void a_store_of_a_newer_schema_is_refused() {
            SERVER.execute(
                    TestPostgres.DATABASE,
                    "UPDATE " + schema + ".store_info SET value = '999' WHERE key = 'schema_version'");
            assertThatThrownBy(() -> open(locator, StoreOptions.Access.READ, Duration.ofSeconds(1)))
                    .isInstanceOf(StoreIoException.class)
                    .hasMessage("store " + locator + " has store schema 999, newer than this Eventscope knows ("
                            + PgSchema.latest() + ")");
        }
    }

    @Test
    void concurrent_writers_get_dense_positions_in_commit_order_and_a_chain_that_verifies() throws Exception {
        // given
        int writers = 6;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();

        // when
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                try (PgEventStore s = PgEventStore.open(
                        new StoreOptions(locator, StoreOptions.Access.WRITE, Duration.ofSeconds(60)))) {
                    for (int i = 0; i < each; i++) {
                        s.append(List.of(event("E").on("W", "w-" + writer).build()), new ExpectedVersion.Exactly(i));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(300, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // then
        List<RecordedEvent> events = all(store);
        assertThat(events).extracting(RecordedEvent::position).containsExactlyElementsOf(range(writers * each));
        assertThat(new StoreVerifier(store).verify(true, null).problems()).isEmpty();
        for (int w = 0; w < writers; w++) {
            assertThat(store.currentVersion(StreamId.of("W", "w-" + w))).isEqualTo(each);
        }
    }

    static List<Long> range(int n) {
        List<Long> out = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            out.add(i);
        }
        return out;
    }
}
