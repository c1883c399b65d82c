package dev.eventscope.store.sqlite;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sql.ReadAhead;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans read ahead on a thread of their own (ADR 0043) and give exactly what a plain read gives. */
class ReadAheadTest {

    @TempDir
    Path dir;

    private SqliteEventStore storeWith(int events) {
        SqliteEventStore store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(dir.resolve("events.db")),
                StoreOptions.Access.WRITE,
                StoreOptions.DEFAULT_BUSY_TIMEOUT));
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(event(i % 3 == 0 ? "Placed" : "Shipped")
                    .on("Order", "o-" + (i % 7))
                    .payload("{\"i\":" + i + "}")
                    .build());
        }
        store.append(batch, ExpectedVersion.ANY);
        return store;
    }

    private static boolean readAheadRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("evs-read-ahead") && t.isAlive());
    }

    @Nested
    class when_scanning_a_store {

        @Test
        void the_scan_gives_the_events_of_the_plain_read_in_the_same_order() {
            // given: more events than several batches hold
            try (SqliteEventStore store = storeWith(2_500)) {
                EventQuery query = EventQuery.ALL.withPositions(3L, 2_400L);

                // when
                List<RecordedEvent> read;
                List<RecordedEvent> scanned;
                try (Stream<RecordedEvent> s = store.read(query)) {
                    read = s.toList();
                }
                try (Stream<RecordedEvent> s = store.scan(query)) {
                    scanned = s.toList();
                }

                // then
                assertThat(scanned).hasSize(2_398).isEqualTo(read);
            }
        }

        @Test
        void events_of_one_stream_share_one_stream_id_and_one_type_text() {
            // given
            try (SqliteEventStore store = storeWith(100)) {

                // when
                List<RecordedEvent> scanned;
                try (Stream<RecordedEvent> s = store.scan(EventQuery.ALL)) {
                    scanned = s.toList();
                }

                // then: o-0 has events 1, 8, 15, ...; every third event is a Placed
                assertThat(scanned.get(7).stream()).isSameAs(scanned.get(0).stream());
                assertThat(scanned.get(3).eventType()).isSameAs(scanned.get(0).eventType());
                assertThat(scanned.get(1).aggregateType())
                        .isSameAs(scanned.get(0).aggregateType());
            }
        }

        @Test
        void closing_a_scan_early_stops_its_thread() {
            // given
            try (SqliteEventStore store = storeWith(3_000)) {

                // when
                try (Stream<RecordedEvent> s = store.scan(EventQuery.ALL)) {
                    assertThat(s.iterator().next().position()).isEqualTo(1);
                    assertThat(readAheadRunning()).isTrue();
                }

                // then: gone, and the connection serves the next read
                assertThat(readAheadRunning()).isFalse();
                assertThat(store.head().events()).isEqualTo(3_000);
            }
        }

        @Test
        void a_short_read_gets_no_thread() {
            // given
            try (SqliteEventStore store = storeWith(10)) {

                // when
                try (Stream<RecordedEvent> s = store.scan(EventQuery.ALL.withLimit(5L))) {
                    s.iterator().next();

                    // then
                    assertThat(readAheadRunning()).isFalse();
                }
            }
        }
    }

    @Nested
    class when_the_reader_fails_or_the_consumer_is_interrupted {

        private Connection numbers(int n) throws Exception {
            Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (x INTEGER)");
                st.execute("WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < " + n
                        + ") INSERT INTO t SELECT x FROM s");
            }
            return c;
        }

        @Test
        void the_failure_arrives_after_every_row_before_it() throws Exception {
            // given
            IllegalStateException broken = new IllegalStateException("row 2000 is broken");
            try (Connection c = numbers(3_000);
                    PreparedStatement st = c.prepareStatement("SELECT x FROM t ORDER BY x");
                    ResultSet rs = st.executeQuery()) {
                ReadAhead<Long> rows = new ReadAhead<Long>(SqlStreams.rows(rs, Path.of("t.db"), "reading", r -> {
                            long x = r.getLong(1);
                            if (x == 2_000) {
                                throw broken;
                            }
                            return x;
                        }))
                        .start();

                // when
                List<Long> seen = new ArrayList<>();
                Throwable failure = null;
                try {
                    while (rows.hasNext()) {
                        seen.add(rows.next());
                    }
                } catch (IllegalStateException e) {
                    failure = e;
                } finally {
                    rows.stop();
                }

                // then
                assertThat(failure).isSameAs(broken);
                assertThat(seen).hasSize(1_999).startsWith(1L, 2L).endsWith(1_999L);
            }
        }

        @Test
        void an_interrupted_consumer_is_cancelled_and_the_reader_stops() throws Exception {
            // given: a reader held up before its first row
            CountDownLatch release = new CountDownLatch(1);
            try (Connection c = numbers(10);
                    PreparedStatement st = c.prepareStatement("SELECT x FROM t ORDER BY x");
                    ResultSet rs = st.executeQuery()) {
                ReadAhead<Long> rows = new ReadAhead<Long>(SqlStreams.rows(rs, Path.of("t.db"), "reading", r -> {
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return r.getLong(1);
                        }))
                        .start();
                Iterator<Long> it = rows;

                // when
                Thread.currentThread().interrupt();

                // then
                assertThatThrownBy(it::hasNext).isInstanceOf(CancellationException.class);
                release.countDown();
                rows.stop();
                assertThat(readAheadRunning()).isFalse();
            }
        }
    }
}
