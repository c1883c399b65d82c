package dev.eventscope.store.sqlite;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.ExportLines;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.TestEvents;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export lines SQLite assembles (issue 21) are byte for byte what writing each event with a JSON
 * generator gives; whatever it cannot write that way certainly comes as an event.
 */
class SqliteExportLinesTest {

    @TempDir
    Path dir;

    private SqliteEventStore open() {
        return SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(dir.resolve("events.db")),
                StoreOptions.Access.WRITE,
                StoreOptions.DEFAULT_BUSY_TIMEOUT));
    }

    /** What a row gave: its line, or the event handed over. */
    private record Delivered(long position, String line, RecordedEvent event) {}

    private static List<Delivered> export(SqliteEventStore store, EventQuery query) {
        List<Delivered> out = new ArrayList<>();
        ExportLines lines = store.exportLines().orElseThrow();
        long n = lines.export(query, new ExportLines.Sink() {
            @Override
            public boolean line(long position, byte[] utf8, int length) {
                out.add(new Delivered(position, new String(utf8, 0, length, StandardCharsets.UTF_8), null));
                return true;
            }

            @Override
            public boolean event(RecordedEvent event) {
                out.add(new Delivered(event.position(), null, event));
                return true;
            }
        });
        assertThat(n).isEqualTo(out.size());
        return out;
    }

    /** The line the slow way writes: the event through a compact generator, as the CLI's renderer does. */
    private static String written(RecordedEvent e) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(w)) {
            g.setRootValueSeparator(null);
            EventJson.write(g, e, false);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    private static void append(SqliteEventStore store, TestEvents e) {
        store.append(List.of(e.build()), ExpectedVersion.ANY);
    }

    @Test
    void plain_events_come_as_lines_identical_to_the_written_events() {
        // given events with every time precision, non-ASCII text, escapes inside the JSON documents
        try (SqliteEventStore store = open()) {
            append(store, event("OrderPlaced").on("Order", "o-1").at("2024-01-01T00:00:00Z"));
            append(store, event("OrderPlaced").on("Order", "o-2").at("2024-01-01T00:00:00.130Z"));
            append(store, event("OrderPlaced").on("Order", "o-3").at("2024-02-29T23:59:59.000001Z"));
            append(
                    store,
                    event("Bestellung‐Angelegt").on("Kunde", "Zürich ✓ 🚀").at("1970-01-01T00:00:00Z"));
            append(
                    store,
                    event("Noted")
                            .on("Order", "o-4")
                            .at("9999-12-31T23:59:59.999999Z")
                            .payload("{\"s\":\"é\\n\\\"q\\\" \\\\ \\u0001\",\"n\":1.50,\"e\":1e3,\"z\":-0}")
                            .metadata("{\"correlationId\":\"c-1\",\"userId\":\"ü\"}"));
            Random random = new Random(21);
            for (int i = 0; i < 200; i++) {
                long micros = (long) (random.nextDouble() * 4_000_000_000_000_000L);
                append(store, event("T" + i).on("Order", "o-" + i).at(iso(micros)));
            }

            // when
            List<Delivered> out = export(store, EventQuery.ALL);

            // then
            assertThat(out).hasSize(205);
            for (Delivered d : out) {
                assertThat(d.line()).as("position %d as a line", d.position()).isNotNull();
                assertThat(d.line())
                        .isEqualTo(written(store.byPosition(d.position()).orElseThrow()));
            }
        }
    }

    @Test
    void text_that_needs_escaping_and_times_before_1970_come_as_events() {
        // given
        try (SqliteEventStore store = open()) {
            append(store, event("Plain").on("Order", "o-1"));
            append(store, event("Quoted").on("Order", "o\"2"));
            append(store, event("Back\\slash").on("Order", "o-3"));
            append(store, event("Plain").on("Ordér", "o-4"));
            append(store, event("Old").on("Order", "o-5").at("1969-12-31T23:59:59.5Z"));
            append(store, event("Plain").on("Order", "o-6"));

            // when
            List<Delivered> out = export(store, EventQuery.ALL);

            // then every row is delivered in order, the odd ones as events, written the same
            assertThat(out).extracting(Delivered::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(out).extracting(d -> d.line() != null).containsExactly(true, false, false, true, false, true);
            for (Delivered d : out) {
                String line = d.line() != null ? d.line() : written(d.event());
                assertThat(line)
                        .isEqualTo(written(store.byPosition(d.position()).orElseThrow()));
            }
        }
    }

    @Test
    void rows_written_by_other_tools_come_as_events() throws SQLException {
        // given an event id in capitals and a payload that is not UTF-8, inserted behind the store
        try (SqliteEventStore store = open()) {
            append(store, event("Plain").on("Order", "o-1"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
                PreparedStatement st = c.prepareStatement("INSERT INTO events (" + EventRows.COLUMNS
                        + ") VALUES (?, ?, 'Order', ?, 1, 'Odd', 1, 1700000000000000, 1700000000000000,"
                        + " NULL, NULL, NULL, CAST(? AS TEXT), '{}', 'x')")) {
            st.setLong(1, 2);
            st.setString(2, "6F9619FF-8B86-D011-B42D-00C04FC964FF");
            st.setString(3, "o-2");
            st.setBytes(4, "{\"a\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            st.executeUpdate();
            st.setLong(1, 3);
            st.setString(2, "6f9619ff-8b86-d011-b42d-00c04fc964fe");
            st.setString(3, "o-3");
            st.setBytes(4, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'});
            st.executeUpdate();
        }

        // when
        try (SqliteEventStore store = open()) {
            List<Delivered> out = export(store, EventQuery.ALL);

            // then
            assertThat(out).extracting(d -> d.line() != null).containsExactly(true, false, false);
            assertThat(written(out.get(1).event())).contains("\"eventId\":\"6f9619ff-8b86-d011-b42d-00c04fc964ff\"");
        }
    }

    @Test
    void a_query_narrows_the_lines_and_a_refusing_sink_stops_them() {
        // given
        try (SqliteEventStore store = open()) {
            for (int i = 0; i < 10; i++) {
                append(store, event(i % 2 == 0 ? "Even" : "Odd").on("Order", "o-" + i));
            }

            // when / then
            assertThat(export(store, EventQuery.ALL.withTypes(java.util.Set.of("Odd"))))
                    .extracting(Delivered::position)
                    .containsExactly(2L, 4L, 6L, 8L, 10L);
            long[] seen = {0};
            long n = store.exportLines().orElseThrow().export(EventQuery.ALL, new ExportLines.Sink() {
                @Override
                public boolean line(long position, byte[] utf8, int length) {
                    return ++seen[0] < 3;
                }

                @Override
                public boolean event(RecordedEvent event) {
                    return ++seen[0] < 3;
                }
            });
            assertThat(n).isEqualTo(3);
        }
    }

    @Test
    void the_head_check_refuses_what_a_generator_would_escape() {
        String id = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
        String ok = "{\"eventId\":\"" + id + "\",\"eventType\":\"T\",\"aggregateId\":\"a\",\"aggregateType\":\"A\","
                + "\"eventVersion\":1";
        assertThat(SqliteExportLines.plainHead(ok.getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(SqliteExportLines.plainHead(ok.replace("\"a\"", "\"a\"b\"").getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(SqliteExportLines.plainHead(ok.replace(id, id.toUpperCase()).getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(SqliteExportLines.plainHead(ok.replace("\"A\"", "\"\u0007\"").getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(SqliteExportLines.validText("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(SqliteExportLines.validText(new byte[] {'"', 'a', 'b', 'c', 'd', 'e', 'f', 'g', (byte) 0xC3}))
                .isFalse();
    }

    private static String iso(long micros) {
        return java.time.Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1_000)
                .toString();
    }
}
