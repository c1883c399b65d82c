package dev.eventscope.store.sqlite;

import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import dev.eventscope.store.EventQuery;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Mapping between {@code events} rows and {@link RecordedEvent}, and the SQL of event queries. */
final class EventRows {

    static final String COLUMNS = "position, event_id, aggregate_type, aggregate_id, stream_version, event_type,"
            + " event_version, occurred_at, recorded_at, correlation_id, causation_id, user_id, payload, metadata, hash";

    /**
     * The columns a fold reads ({@link SqliteEventStore#scanForFold}): {@link #COLUMNS} without the
     * copied links and the hash, in the same order up to the payload (ADR 0240).
     */
    static final String FOLD_COLUMNS = "position, event_id, aggregate_type, aggregate_id, stream_version, event_type,"
            + " event_version, occurred_at, recorded_at, payload, metadata";

    /** Parameters of one event in {@link #INSERT}. */
    static final int PARAMETERS = 15;

    static final String INSERT = insert(1);

    /** The INSERT of {@code rows} events in one statement, bound with {@link #bind(PreparedStatement, RecordedEvent, int)}. */
    static String insert(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO events (" + COLUMNS + ") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    /**
     * The distinct aggregate types, found by seeking the stream index once per type rather than by
     * scanning it; lets a query by aggregate id alone use the stream index.
     */
    static final String DISTINCT_TYPES = "WITH RECURSIVE t(x) AS (SELECT min(aggregate_type) FROM events"
            + " UNION ALL SELECT (SELECT min(aggregate_type) FROM events WHERE aggregate_type > t.x) FROM t"
            + " WHERE t.x IS NOT NULL) SELECT x FROM t WHERE x IS NOT NULL";

    private EventRows() {}

    static RecordedEvent map(ResultSet rs) throws SQLException {
        try {
            return map(rs, rs.getString(6), new StreamId(rs.getString(3), rs.getString(4)));
        } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw foreign(rs, e);
        }
    }

    /**
     * A row no append wrote (damaged, or inserted with other tools) cannot be read as an event: the
     * store is damaged (exit 74). Found by fuzzing (issue 22); exit 70 before.
     */
    static StoreIoException foreign(ResultSet rs, RuntimeException e) throws SQLException {
        return new StoreIoException(
                "the event at position " + rs.getLong(1) + " is not one Eventscope wrote ("
                        + Text.printable(String.valueOf(e.getMessage()), 120)
                        + "): the store is damaged or was changed outside Eventscope",
                "run evs verify to find the damaged events",
                e);
    }

    /** The event of the current row, with its event type and stream already read. */
    private static RecordedEvent map(ResultSet rs, String eventType, StreamId stream) throws SQLException {
        return new RecordedEvent(
                rs.getLong(1),
                UUID.fromString(rs.getString(2)),
                eventType,
                stream,
                rs.getLong(5),
                rs.getInt(7),
                Times.fromMicros(rs.getLong(8)),
                Times.fromMicros(rs.getLong(9)),
                json(rs, 13),
                json(rs, 14),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(15));
    }

    /**
     * The event of a row of {@link #FOLD_COLUMNS}: no links, no hash. Its text columns are read as
     * their UTF-8 bytes and decoded here: the driver's text path allocates a direct buffer and
     * decodes through UTF-16 for every value, several times the work (ADR 0240).
     */
    private static RecordedEvent mapFold(ResultSet rs, String eventType, StreamId stream) throws SQLException {
        return new RecordedEvent(
                rs.getLong(1),
                uuid(rs, 2),
                eventType,
                stream,
                rs.getLong(5),
                rs.getInt(7),
                Times.fromMicros(rs.getLong(8)),
                Times.fromMicros(rs.getLong(9)),
                json(rs, 10),
                json(rs, 11),
                null,
                null,
                null,
                null);
    }

    /**
     * The mapper of one long read ({@link SqliteEventStore#scan}), run on the read-ahead thread: it
     * hands out one instance of each aggregate type, event type and stream id, so the consumer's
     * map lookups by them (a fold finds each event's aggregate by its stream) end at an identity
     * check instead of comparing text.
     */
    static final class ScanMapper implements SqlStreams.RowMapper<RecordedEvent> {

        /** Event types, and streams per aggregate type, remembered at most; then the memory starts again. */
        static final int REMEMBERED = 100_000;

        private final Map<String, String> eventTypes = new HashMap<>();
        private final Map<String, OfType> streams = new HashMap<>();
        private final boolean fold;

        /** The mapper of rows of {@link #COLUMNS}. */
        ScanMapper() {
            this(false);
        }

        /** The mapper of rows of {@link #FOLD_COLUMNS} ({@code fold}) or of {@link #COLUMNS}. */
        ScanMapper(boolean fold) {
            this.fold = fold;
        }

        @Override
        public RecordedEvent map(ResultSet rs) throws SQLException {
            try {
                return mapKnown(rs);
            } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
                throw foreign(rs, e);
            }
        }

        private RecordedEvent mapKnown(ResultSet rs) throws SQLException {
            String type = fold ? text(rs, 6) : rs.getString(6);
            String eventType = eventTypes.get(type);
            if (eventType == null) {
                eventType = type;
                if (eventTypes.size() < REMEMBERED) {
                    eventTypes.put(type, type);
                }
            }
            StreamId stream = fold ? stream(text(rs, 3), text(rs, 4)) : stream(rs.getString(3), rs.getString(4));
            return fold ? mapFold(rs, eventType, stream) : EventRows.map(rs, eventType, stream);
        }

        private StreamId stream(String aggregateType, String aggregateId) {
            OfType ofType = streams.get(aggregateType);
            if (ofType == null) {
                ofType = new OfType(aggregateType, new HashMap<>());
                streams.put(aggregateType, ofType);
            }
            StreamId id = ofType.ids().get(aggregateId);
            if (id == null) {
                if (ofType.ids().size() >= REMEMBERED) {
                    ofType.ids().clear();
                }
                id = new StreamId(ofType.type(), aggregateId);
                ofType.ids().put(aggregateId, id);
            }
            return id;
        }

        /** The streams of one aggregate type met so far, and the type's one text. */
        private record OfType(String type, Map<String, StreamId> ids) {}
    }

    /** A text column decoded from its UTF-8 bytes: the same text as {@code getString}. */
    static String text(ResultSet rs, int column) throws SQLException {
        byte[] utf8 = rs.getBytes(column);
        // SQLite gives no pointer for an empty value (and none for NULL): the driver's own answer then
        return utf8 != null && utf8.length > 0 ? new String(utf8, StandardCharsets.UTF_8) : rs.getString(column);
    }

    /**
     * An event id column: its 36 bytes parsed as they are when they are a UUID's canonical text,
     * else (never written by Eventscope) through {@link UUID#fromString}, with its errors.
     */
    static UUID uuid(ResultSet rs, int column) throws SQLException {
        byte[] b = rs.getBytes(column);
        if (b == null || b.length != 36 || b[8] != '-' || b[13] != '-' || b[18] != '-' || b[23] != '-') {
            return UUID.fromString(rs.getString(column));
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            int d = Character.digit(b[i], 16);
            if (d < 0) {
                return UUID.fromString(rs.getString(column));
            }
            if (i < 19) {
                high = high << 4 | d;
            } else {
                low = low << 4 | d;
            }
        }
        return new UUID(high, low);
    }

    /**
     * A JSON column as its UTF-8 bytes: folds parse them without decoding a String first (the
     * driver's text decoding cost as much as the parse); readers of the text decode it once.
     */
    private static JsonDoc json(ResultSet rs, int column) throws SQLException {
        byte[] utf8 = rs.getBytes(column);
        // SQLite gives no pointer for an empty value; JSON columns are never empty, but be exact
        return utf8 != null && utf8.length > 0 ? JsonDoc.ofUtf8(utf8) : JsonDoc.ofText(rs.getString(column));
    }

    static void bind(PreparedStatement st, RecordedEvent e) throws SQLException {
        bind(st, e, 0);
    }

    /** Binds {@code e} as the row whose first parameter follows {@code offset} others. */
    static void bind(PreparedStatement st, RecordedEvent e, int offset) throws SQLException {
        st.setLong(offset + 1, e.position());
        st.setString(offset + 2, e.eventId().toString());
        st.setString(offset + 3, e.aggregateType());
        st.setString(offset + 4, e.aggregateId());
        st.setLong(offset + 5, e.streamVersion());
        st.setString(offset + 6, e.eventType());
        st.setInt(offset + 7, e.eventVersion());
        st.setLong(offset + 8, Times.toMicros(e.timestamp()));
        st.setLong(offset + 9, Times.toMicros(e.recordedAt()));
        st.setString(offset + 10, e.correlationId());
        st.setString(offset + 11, e.causationId());
        st.setString(offset + 12, e.userId());
        st.setString(offset + 13, e.payload().text());
        st.setString(offset + 14, e.metadata().text());
        st.setString(offset + 15, e.hash());
    }

    /** SQL and its bound values for an event query. */
    record Sql(String text, List<Object> args) {
        void bind(PreparedStatement st) throws SQLException {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
        }
    }

    static Sql select(EventQuery q) {
        return select(q, COLUMNS);
    }

    /** The query's SQL selecting {@code columns} ({@link #COLUMNS} or {@link #FOLD_COLUMNS}). */
    static Sql select(EventQuery q, String columns) {
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM events WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.aggregateType() != null && q.aggregateId() == null) {
            // "+" keeps SQLite off the stream index here: it would read the type's rows in stream
            // order and sort them all by position in a temporary b-tree before returning the first
            // row; the position scan streams in order with no sort, in constant memory
            sql.append(" AND +aggregate_type = ?");
            args.add(q.aggregateType());
        } else if (q.aggregateType() != null) {
            sql.append(" AND aggregate_type = ?");
            args.add(q.aggregateType());
        } else if (q.aggregateId() != null) {
            sql.append(" AND aggregate_type IN (").append(DISTINCT_TYPES).append(")");
        }
        condition(sql, args, "aggregate_id = ?", q.aggregateId());
        if (!q.types().isEmpty()) {
            sql.append(" AND event_type IN (")
                    .append("?, ".repeat(q.types().size() - 1))
                    .append("?)");
            args.addAll(q.types().stream().sorted().toList());
        }
        condition(sql, args, "occurred_at >= ?", q.since() == null ? null : Times.toMicros(q.since()));
        condition(sql, args, "occurred_at <= ?", q.until() == null ? null : Times.toMicros(q.until()));
        condition(sql, args, "recorded_at <= ?", q.asOf() == null ? null : Times.toMicros(q.asOf()));
        condition(sql, args, "correlation_id = ?", q.correlationId());
        condition(sql, args, "causation_id = ?", q.causationId());
        condition(sql, args, "user_id = ?", q.userId());
        condition(sql, args, "position >= ?", q.fromPosition());
        condition(sql, args, "position <= ?", q.toPosition());
        // inside one stream, version order is position order, and the stream index yields it unsorted
        boolean oneStream = q.aggregateType() != null && q.aggregateId() != null;
        if (oneStream && q.fromPosition() != null && !q.reverse()) {
            // a stream read from a position (a fold resuming from a snapshot) would otherwise scan the
            // stream's index entries from its first version; this seeks to the first version at or
            // after the position, walking back only over the entries after it
            sql.append(" AND stream_version > coalesce((SELECT stream_version FROM events WHERE aggregate_type = ?"
                    + " AND aggregate_id = ? AND position < ? ORDER BY stream_version DESC LIMIT 1), 0)");
            args.add(q.aggregateType());
            args.add(q.aggregateId());
            args.add(q.fromPosition());
        }
        sql.append(" ORDER BY ").append(oneStream ? "stream_version" : "position");
        sql.append(q.reverse() ? " DESC" : " ASC");
        if (q.limit() != null) {
            sql.append(" LIMIT ?");
            args.add(q.limit());
        }
        return new Sql(sql.toString(), args);
    }

    /**
     * The smallest text above every text that starts with {@code prefix}, in SQLite's binary order
     * (UTF-8 bytes, which is code point order): the prefix with its last code point raised by one.
     * Null when no such text exists (the prefix is only U+10FFFF characters).
     */
    static String prefixEnd(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
                return prefix.substring(0, start) + new String(Character.toChars(next));
            }
            end = start;
        }
        return null;
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }
}
