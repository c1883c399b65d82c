package dev.eventscope.store.postgres;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.EventQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Mapping between {@code events} rows and {@link RecordedEvent}, and the SQL of event queries. */
final class PgRows {

    /** The columns of the public contract, in the order {@link #map} reads them. */
    static final String COLUMNS = "position, event_id, aggregate_type, aggregate_id, stream_version, event_type,"
            + " event_version, occurred_at, recorded_at, correlation_id, causation_id, user_id, payload, metadata, hash";

    /**
     * The columns a fold reads ({@link PgEventStore#scanForFold}): {@link #COLUMNS} without the
     * copied links and the hash, in the same order up to the payload (ADR 0240).
     */
    static final String FOLD_COLUMNS = "position, event_id, aggregate_type, aggregate_id, stream_version, event_type,"
            + " event_version, occurred_at, recorded_at, payload, metadata";

    static final String INSERT =
            "INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?::json, ?)";

    /**
     * The distinct aggregate types, found by seeking the stream index once per type (a loose index
     * scan) rather than reading it all; lets a query by aggregate id alone use the stream index.
     */
    static final String DISTINCT_TYPES = "WITH RECURSIVE t(x) AS (SELECT min(aggregate_type) FROM events"
            + " UNION ALL SELECT (SELECT min(aggregate_type) FROM events WHERE aggregate_type > t.x) FROM t"
            + " WHERE t.x IS NOT NULL) SELECT x FROM t WHERE x IS NOT NULL";

    private PgRows() {}

    static RecordedEvent map(ResultSet rs) throws SQLException {
        return map(rs, rs.getString(6), new StreamId(rs.getString(3), rs.getString(4)));
    }

    private static RecordedEvent map(ResultSet rs, String eventType, StreamId stream) throws SQLException {
        return new RecordedEvent(
                rs.getLong(1),
                (UUID) rs.getObject(2),
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

    /** The event of a row of {@link #FOLD_COLUMNS}: no links, no hash. */
    private static RecordedEvent mapFold(ResultSet rs, String eventType, StreamId stream) throws SQLException {
        return new RecordedEvent(
                rs.getLong(1),
                (UUID) rs.getObject(2),
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
     * The mapper of one long read: it hands out one instance of each event type and stream id, so a
     * consumer's map lookups by them end at an identity check instead of comparing text.
     */
    static final class ScanMapper implements PgStreams.RowMapper<RecordedEvent> {

        /** Event types and streams remembered at most; then the memory starts again. */
        static final int REMEMBERED = 100_000;

        private final Map<String, String> eventTypes = new HashMap<>();
        private final Map<String, Map<String, StreamId>> streams = new HashMap<>();
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
            String type = rs.getString(6);
            String eventType = eventTypes.get(type);
            if (eventType == null) {
                eventType = type;
                if (eventTypes.size() < REMEMBERED) {
                    eventTypes.put(type, type);
                }
            }
            String aggregateType = rs.getString(3);
            String aggregateId = rs.getString(4);
            Map<String, StreamId> ofType = streams.computeIfAbsent(aggregateType, k -> new HashMap<>());
            StreamId id = ofType.get(aggregateId);
            if (id == null) {
                if (ofType.size() >= REMEMBERED) {
                    ofType.clear();
                }
                id = new StreamId(aggregateType, aggregateId);
                ofType.put(aggregateId, id);
            }
            return fold ? mapFold(rs, eventType, id) : PgRows.map(rs, eventType, id);
        }
    }

    /** A json column as its UTF-8 bytes, as the server sent them (the exact stored text). */
    private static JsonDoc json(ResultSet rs, int column) throws SQLException {
        byte[] utf8 = rs.getBytes(column);
        return utf8 != null && utf8.length > 0 ? JsonDoc.ofUtf8(utf8) : JsonDoc.ofText(rs.getString(column));
    }

    static void bind(PreparedStatement st, RecordedEvent e) throws SQLException {
        st.setLong(1, e.position());
        st.setObject(2, e.eventId());
        st.setString(3, e.aggregateType());
        st.setString(4, e.aggregateId());
        st.setLong(5, e.streamVersion());
        st.setString(6, e.eventType());
        st.setInt(7, e.eventVersion());
        st.setLong(8, Times.toMicros(e.timestamp()));
        st.setLong(9, Times.toMicros(e.recordedAt()));
        st.setString(10, e.correlationId());
        st.setString(11, e.causationId());
        st.setString(12, e.userId());
        st.setString(13, e.payload().text());
        st.setString(14, e.metadata().text());
        st.setString(15, e.hash());
    }

    /** SQL and its bound values. */
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
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM events WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.aggregateType() != null) {
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
        boolean oneStream = q.aggregateType() != null && q.aggregateId() != null;
        sql.append(" ORDER BY ").append(oneStream ? "stream_version" : "position");
        sql.append(q.reverse() ? " DESC" : " ASC");
        if (q.limit() != null) {
            sql.append(" LIMIT ?");
            args.add(q.limit());
        }
        return new Sql(sql.toString(), args);
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    /**
     * The smallest text above every text that starts with {@code prefix}, in byte order (UTF-8,
     * which is code point order, as COLLATE "C" compares): the prefix with its last code point raised
     * by one. Null when there is none.
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
}
