package dev.eventscope.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.ReadLintFigures;
import dev.eventscope.store.ReadLintFigures.Example;
import dev.eventscope.store.ReadLintFigures.Figure;
import dev.eventscope.store.ReadLintFigures.Matches;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How SQLite answers the lint figures in one scan, and when it leaves the neighbour rules to window
 * functions; what the figures are is {@link dev.eventscope.store.ReadLintFiguresContract}.
 */
class SqliteLintFiguresTest {

    private static final Instant T = Instant.parse("2024-01-15T10:00:00Z");
    private static final StreamId A = new StreamId("T", "a");
    private static final StreamId B = new StreamId("T", "b");

    @TempDir
    Path dir;

    private SqliteEventStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private SqliteEventStore open() {
        store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(dir.resolve("lint.db")), StoreOptions.Access.WRITE, Duration.ofSeconds(10)));
        return store;
    }

    private static NewEvent event(String type, StreamId stream, int minute, String payload) {
        return new NewEvent(
                UUID.randomUUID(),
                type,
                stream,
                1,
                T.plusSeconds(60L * minute),
                JsonDoc.ofText(payload),
                JsonDoc.EMPTY_OBJECT,
                null);
    }

    private static ReadLintFigures.Request neighbours() {
        return new ReadLintFigures.Request(
                EnumSet.of(Figure.TIMESTAMPS_BACKWARDS, Figure.REPEATED_PAYLOADS, Figure.WITHOUT_CORRELATION),
                0,
                Duration.ZERO,
                10);
    }

    @Test
    void the_scan_and_the_window_functions_give_the_same_answers() {
        // given: interleaved streams; same length but other text (2), repeats (3, 6), time going back (5)
        open().append(List.of(event("E", A, 5, "{\"x\":1}"), event("E", B, 5, "{\"x\":1}")), ExpectedVersion.ANY);
        store.append(List.of(event("E", A, 6, "{\"x\":2}")), ExpectedVersion.ANY);
        store.append(List.of(event("E", A, 7, "{\"x\":2}"), event("E", B, 1, "{\"x\":3}")), ExpectedVersion.ANY);
        store.append(List.of(event("E", B, 2, "{\"x\":3}")), ExpectedVersion.ANY);
        SqliteLintFigures scan = new SqliteLintFigures(store.connection(), dir, SqliteLintFigures.MAX_STREAMS);
        SqliteLintFigures window = new SqliteLintFigures(store.connection(), dir, 1);

        // when
        ReadLintFigures.Answers scanned = scan.figures(neighbours());
        ReadLintFigures.Answers windowed = window.figures(neighbours());

        // then
        assertThat(scanned.of(Figure.REPEATED_PAYLOADS))
                .isEqualTo(new Matches(2, List.of(new Example(4, A, "E", "3"), new Example(6, B, "E", "5"))));
        assertThat(scanned.of(Figure.TIMESTAMPS_BACKWARDS))
                .isEqualTo(new Matches(
                        1, List.of(new Example(5, B, "E", Long.toString(Times.toMicros(T.plusSeconds(300)))))));
        assertThat(windowed).isEqualTo(scanned);
    }

    @Test
    void versions_out_of_position_order_are_followed_by_version() throws Exception {
        // given: version 2 stored before version 1 (not what evs writes, but a file may hold it)
        open().close();
        store = null;
        Path file = dir.resolve("lint.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement st = c.prepareStatement("INSERT INTO events (event_id, aggregate_type, aggregate_id,"
                        + " stream_version, event_type, occurred_at, recorded_at, payload, metadata, hash)"
                        + " VALUES (?, 'T', 'a', ?, 'E', ?, ?, '{\"a\":1}', '{}', 'h')")) {
            long[][] rows = {{2, 10}, {1, 11}};
            for (long[] r : rows) {
                st.setString(1, UUID.randomUUID().toString());
                st.setLong(2, r[0]);
                st.setLong(3, Times.toMicros(T.plusSeconds(3600 * r[1])));
                st.setLong(4, Times.toMicros(T.plusSeconds(3600 * r[1])));
                st.executeUpdate();
            }
        }
        open();

        // when
        ReadLintFigures.Answers answers = store.lintFigures().figures(neighbours());

        // then: version 1 (position 2) comes first, so position 1 goes back in time and repeats it
        assertThat(answers.of(Figure.TIMESTAMPS_BACKWARDS).examples())
                .containsExactly(new Example(1, A, "E", Long.toString(Times.toMicros(T.plusSeconds(3600 * 11)))));
        assertThat(answers.of(Figure.REPEATED_PAYLOADS).examples()).containsExactly(new Example(1, A, "E", "2"));
        assertThat(answers.of(Figure.WITHOUT_CORRELATION).count()).isEqualTo(2);
    }

    @Test
    void type_versions_are_sorted_as_sqlite_sorts_text() {
        // given: U+FFFF sorts before U+1F600 in UTF-8 (and in SQLite) but after it in UTF-16
        List<NewEvent> events = new ArrayList<>();
        for (String type : List.of("A\uD83D\uDE00", "A\uFFFF", "A")) {
            events.add(event("E", new StreamId(type, "x"), 1, "{}"));
        }
        open().append(events, ExpectedVersion.ANY);

        // then
        assertThat(store.lintFigures().typeVersions())
                .extracting(ReadLintFigures.TypeVersion::aggregateType)
                .containsExactly("A", "A\uFFFF", "A\uD83D\uDE00");
    }

    @Test
    void the_event_id_form_is_the_one_sqlite_checked() throws Exception {
        // the check this adapter made in SQL before ADR 0230, evaluated by SQLite for each text
        String sql = "SELECT length(?1) = 36 AND substr(?1, 9, 1) = '-' AND substr(?1, 14, 1) = '-'"
                + " AND substr(?1, 19, 1) = '-' AND substr(?1, 24, 1) = '-' AND ?1 NOT GLOB '*[^0-9a-f-]*'";
        List<String> texts = List.of(
                "00000000-0000-4000-8000-000000000001",
                "abcdef01-2345-6789-abcd-ef0123456789",
                "ABCDEF01-2345-6789-abcd-ef0123456789",
                "00000000-0000-4000-8000-00000000000g",
                "00000000-0000-4000-8000-0000000000001",
                "00000000-0000-4000-8000-00000000001",
                "00000000-0000-4000-8000-0000000000é1",
                "00000000-0000-4000-8000-00000000\uD83D\uDE00",
                "0000000000000-4000-8000-000000000001",
                "00000000-0000-4000-8000-00000000000-",
                "--------------------------------------",
                "------------------------------------",
                "cmd-17",
                "");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                PreparedStatement st = c.prepareStatement(sql)) {
            for (String text : texts) {
                st.setString(1, text);
                try (var rs = st.executeQuery()) {
                    rs.next();
                    assertThat(SqliteLintFigures.eventIdForm(text)).as(text).isEqualTo(rs.getInt(1) == 1);
                }
            }
        }
        assertThat(SqliteLintFigures.eventIdForm(null)).isFalse();
    }
}
