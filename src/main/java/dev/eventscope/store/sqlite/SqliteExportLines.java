package dev.eventscope.store.sqlite;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.ExportLines;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.concurrent.CancellationException;

/**
 * Export lines assembled by SQLite: a row read as two text columns and three integers, with a few
 * calls, instead of fifteen columns decoded into an event and written again by a JSON generator
 * (issue 21). SQLite concatenates the fields before the valid time (the head) and those between the
 * two times (the tail); the two times are written here, from their microseconds, as {@code
 * Times.format} writes them. A row goes the slow way, read and handed over as an event, unless the
 * line is certainly the one {@code EventJson.write} would write: SQLite writes no head when a column
 * has a type this tool never stores; here, the head must hold a canonical event id and no text that
 * needs escaping, the times must lie in the years 1970 to 9999, and bytes above ASCII must be valid
 * UTF-8 (the slow way decodes them, replacing what is not).
 */
final class SqliteExportLines implements ExportLines {

    static final String HEAD = "CASE WHEN typeof(event_version) = 'integer' AND event_version BETWEEN -2147483648"
            + " AND 2147483647 AND typeof(occurred_at) = 'integer' AND typeof(recorded_at) = 'integer'"
            + " AND typeof(stream_version) = 'integer' AND typeof(payload) = 'text' AND typeof(metadata) = 'text'"
            + " AND typeof(event_id) = 'text' AND typeof(event_type) = 'text' AND typeof(aggregate_id) = 'text'"
            + " AND typeof(aggregate_type) = 'text'"
            + " THEN '{\"eventId\":\"' || event_id || '\",\"eventType\":\"' || event_type"
            + " || '\",\"aggregateId\":\"' || aggregate_id || '\",\"aggregateType\":\"' || aggregate_type"
            + " || '\",\"eventVersion\":' || event_version END";

    static final String TAIL = "',\"payload\":' || payload || ',\"metadata\":' || metadata || ',\"position\":'"
            + " || position || ',\"streamVersion\":' || stream_version";

    private static final byte[] EVENT_ID = ascii("{\"eventId\":\"");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":\"");
    private static final byte[] RECORDED_AT = ascii(",\"recordedAt\":\"");

    /** The quotes of a head whose texts hold none: four per text field, two for eventVersion. */
    private static final int HEAD_QUOTES = 18;

    /** The last microsecond of the year 9999: Times.format writes 0000 to 9999 as ISO_INSTANT does. */
    private static final long LAST_MICRO = 253_402_300_799_999_999L;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Connection connection;
    private final Path file;
    private final SqliteEventStore store;
    private byte[] line = new byte[4096];
    private long day = Long.MIN_VALUE;
    private final byte[] date = new byte[10];

    SqliteExportLines(Connection connection, Path file, SqliteEventStore store) {
        this.connection = connection;
        this.file = file;
        this.store = store;
    }

    @Override
    public long export(EventQuery query, Sink sink) {
        if (query.reverse() || query.limit() != null) {
            throw new IllegalArgumentException("an export reads forward and without a limit");
        }
        EventRows.Sql sql = EventRows.select(query);
        String select = "SELECT " + EventRows.COLUMNS + " FROM";
        if (!sql.text().startsWith(select)) {
            throw new IllegalStateException("unexpected event query: " + sql.text());
        }
        String text = "SELECT position, " + HEAD + ", occurred_at, " + TAIL + ", recorded_at FROM"
                + sql.text().substring(select.length());
        long delivered = 0;
        try (PreparedStatement st = connection.prepareStatement(text)) {
            sql.bind(st);
            st.setFetchSize(1_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if ((delivered & 1023) == 0 && Thread.interrupted()) {
                        throw new CancellationException("cancelled");
                    }
                    long position = rs.getLong(1);
                    int length = assemble(rs);
                    boolean open = length > 0 ? sink.line(position, line, length) : sink.event(event(position));
                    delivered++;
                    if (!open) {
                        break;
                    }
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading events", file);
        }
        return delivered;
    }

    /** The row's line in {@link #line}, and its length; 0 when the row must go the slow way. */
    private int assemble(ResultSet rs) throws SQLException {
        byte[] head = rs.getBytes(2);
        if (head == null || !plainHead(head)) {
            return 0;
        }
        long occurred = rs.getLong(3);
        byte[] tail = rs.getBytes(4);
        long recorded = rs.getLong(5);
        if (tail == null || !inRange(occurred) || !inRange(recorded) || !validText(tail)) {
            return 0;
        }
        int need = head.length + tail.length + 2 * 40 + 4;
        if (line.length < need) {
            line = new byte[Math.max(need, 2 * line.length)];
        }
        byte[] b = line;
        System.arraycopy(head, 0, b, 0, head.length);
        int at = head.length;
        at = put(b, at, TIMESTAMP);
        at = time(b, at, occurred);
        b[at++] = '"';
        System.arraycopy(tail, 0, b, at, tail.length);
        at += tail.length;
        at = put(b, at, RECORDED_AT);
        at = time(b, at, recorded);
        b[at++] = '"';
        b[at++] = '}';
        return at;
    }

    /** The event the SQL did not write as a line, read and mapped as every read does (and failing as it does). */
    private RecordedEvent event(long position) {
        return store.byPosition(position)
                .orElseThrow(() -> new IllegalStateException("the event at position " + position + " went away"));
    }

    private static boolean inRange(long micros) {
        return micros >= 0 && micros <= LAST_MICRO;
    }

    /**
     * Whether the head is what a JSON generator writes: the event id as {@code UUID.toString}
     * writes it, no quote, backslash or control character inside the texts, valid UTF-8.
     */
    static boolean plainHead(byte[] head) {
        int idAt = EVENT_ID.length;
        if (head.length < idAt + 37 || head[idAt + 36] != '"') {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            byte c = head[idAt + i];
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        int quotes = 0;
        boolean high = false;
        for (byte c : head) {
            if (c == '"') {
                quotes++;
            } else if (c == '\\' || (c >= 0 && c < 0x20)) {
                return false;
            } else if (c < 0) {
                high = true;
            }
        }
        return quotes == HEAD_QUOTES && (!high || utf8(head));
    }

    /** Whether bytes above ASCII, if any, are valid UTF-8 (control characters are written raw either way). */
    static boolean validText(byte[] text) {
        int n = text.length;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if (((long) LONGS.get(text, i) & 0x8080808080808080L) != 0) {
                return utf8(text);
            }
        }
        for (; i < n; i++) {
            if (text[i] < 0) {
                return utf8(text);
            }
        }
        return true;
    }

    private static boolean utf8(byte[] text) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int put(byte[] b, int at, byte[] text) {
        System.arraycopy(text, 0, b, at, text.length);
        return at + text.length;
    }

    /**
     * Microseconds since 1970 (up to the year 9999) as ISO_INSTANT writes the instant: the date and
     * time, then no fraction, milliseconds or microseconds, whichever shows every digit; then Z.
     */
    int time(byte[] b, int at, long micros) {
        long seconds = micros / 1_000_000;
        int fraction = (int) (micros % 1_000_000);
        long d = seconds / 86_400;
        int s = (int) (seconds % 86_400);
        if (d != day) {
            LocalDate date = LocalDate.ofEpochDay(d);
            digits(this.date, 0, date.getYear(), 4);
            this.date[4] = '-';
            digits(this.date, 5, date.getMonthValue(), 2);
            this.date[7] = '-';
            digits(this.date, 8, date.getDayOfMonth(), 2);
            day = d;
        }
        System.arraycopy(date, 0, b, at, 10);
        at += 10;
        b[at++] = 'T';
        digits(b, at, s / 3600, 2);
        b[at + 2] = ':';
        digits(b, at + 3, s / 60 % 60, 2);
        b[at + 5] = ':';
        digits(b, at + 6, s % 60, 2);
        at += 8;
        if (fraction != 0) {
            b[at++] = '.';
            if (fraction % 1_000 == 0) {
                digits(b, at, fraction / 1_000, 3);
                at += 3;
            } else {
                digits(b, at, fraction, 6);
                at += 6;
            }
        }
        b[at++] = 'Z';
        return at;
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            b[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
