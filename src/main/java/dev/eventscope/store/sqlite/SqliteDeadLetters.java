package dev.eventscope.store.sqlite;

import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.DeadLetterQuery;
import dev.eventscope.store.DeadLetters;
import dev.eventscope.store.NewDeadLetter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code dead_letters} table. Times are UTC epoch microseconds. */
final class SqliteDeadLetters implements DeadLetters {

    private static final String COLUMNS = "id, handler, event_id, position, event_type, aggregate_type, aggregate_id,"
            + " status, attempts, error, blocked_by, first_failed_at, last_failed_at, resolved_at, reason";

    private final StatementCache statements;
    private final Path file;

    SqliteDeadLetters(StatementCache statements, Path file) {
        this.statements = statements;
        this.file = file;
    }

    @Override
    public List<DeadLetter> find(DeadLetterQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dead_letters WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.handler() != null) {
            sql.append(" AND handler = ?");
            args.add(q.handler());
        }
        if (q.eventType() != null) {
            sql.append(" AND event_type = ?");
            args.add(q.eventType());
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().label());
        }
        if (q.stream() != null) {
            sql.append(" AND aggregate_type = ? AND aggregate_id = ?");
            args.add(q.stream().aggregateType());
            args.add(q.stream().aggregateId());
        }
        sql.append(" ORDER BY position, handler");
        if (q.limit() != null) {
            sql.append(" LIMIT ?");
            args.add(q.limit());
        }
        try {
            PreparedStatement st = statements.get(sql.toString());
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading dead letters", file);
        }
    }

    @Override
    public Optional<DeadLetter> get(long id) {
        try {
            PreparedStatement st = statements.get("SELECT " + COLUMNS + " FROM dead_letters WHERE id = ?");
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading dead letter " + id, file);
        }
    }

    @Override
    public Changes changes() {
        try {
            PreparedStatement st =
                    statements.get("SELECT count(*), coalesce(sum(CASE WHEN status = 'parked' THEN 1 ELSE 0 END), 0),"
                            + " coalesce(sum(attempts), 0), coalesce(max(last_failed_at), 0), coalesce(max(resolved_at), 0)"
                            + " FROM dead_letters");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Changes(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading dead letters", file);
        }
    }

    @Override
    public Map<StreamId, Long> parkedStreams(String handler) {
        try {
            // SQLite takes the bare column id from the row that has min(position)
            PreparedStatement st = statements.get("SELECT aggregate_type, aggregate_id, id, min(position)"
                    + " FROM dead_letters WHERE handler = ? AND status = 'parked'"
                    + " GROUP BY aggregate_type, aggregate_id");
            st.setString(1, handler);
            Map<StreamId, Long> out = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(new StreamId(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            }
            return out;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the dead letters of " + handler, file);
        }
    }

    @Override
    public long park(NewDeadLetter d) {
        try {
            PreparedStatement st = statements.get("INSERT INTO dead_letters (handler, event_id, position, event_type,"
                    + " aggregate_type, aggregate_id, status, attempts, error, blocked_by, first_failed_at,"
                    + " last_failed_at) VALUES (?, ?, ?, ?, ?, ?, 'parked', ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (handler, event_id) DO UPDATE SET status = 'parked',"
                    + " attempts = dead_letters.attempts + excluded.attempts, error = excluded.error,"
                    + " blocked_by = excluded.blocked_by, last_failed_at = excluded.last_failed_at,"
                    + " resolved_at = NULL, reason = NULL");
            st.setString(1, d.handler());
            st.setString(2, d.eventId().toString());
            st.setLong(3, d.position());
            st.setString(4, d.eventType());
            st.setString(5, d.stream().aggregateType());
            st.setString(6, d.stream().aggregateId());
            st.setInt(7, d.attempts());
            st.setString(8, d.error());
            if (d.blockedBy() == null) {
                st.setNull(9, Types.INTEGER);
            } else {
                st.setLong(9, d.blockedBy());
            }
            st.setLong(10, micros(d.firstFailedAt()));
            st.setLong(11, micros(d.lastFailedAt()));
            st.executeUpdate();
            PreparedStatement id = statements.get("SELECT id FROM dead_letters WHERE handler = ? AND event_id = ?");
            id.setString(1, d.handler());
            id.setString(2, d.eventId().toString());
            try (ResultSet rs = id.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "parking a dead letter", file);
        }
    }

    @Override
    public void resolve(long id, int attempts, String reason) {
        update(
                "UPDATE dead_letters SET status = 'resolved', attempts = attempts + ?, resolved_at = ?, reason = ?,"
                        + " blocked_by = NULL WHERE id = ? AND status = 'parked'",
                id,
                attempts,
                reason,
                "resolving");
    }

    @Override
    public void skip(long id, String reason) {
        update(
                "UPDATE dead_letters SET status = 'skipped', attempts = attempts + ?, resolved_at = ?, reason = ?"
                        + " WHERE id = ? AND status = 'parked'",
                id,
                0,
                reason,
                "skipping");
    }

    @Override
    public void failedAgain(long id, int attempts, String error) {
        update(
                "UPDATE dead_letters SET attempts = attempts + ?, last_failed_at = ?, error = ?, blocked_by = NULL"
                        + " WHERE id = ?",
                id,
                attempts,
                error,
                "recording a failed retry of");
    }

    private void update(String sql, long id, int attempts, String text, String doing) {
        try {
            PreparedStatement st = statements.get(sql);
            st.setInt(1, attempts);
            st.setLong(2, micros(Times.nowMicros()));
            st.setString(3, text);
            st.setLong(4, id);
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, doing + " dead letter " + id, file);
        }
    }

    private static long micros(Instant t) {
        return Times.toMicros(t);
    }

    private static DeadLetter map(ResultSet rs) throws SQLException {
        long blocked = rs.getLong(11);
        Long blockedBy = rs.wasNull() ? null : blocked;
        long resolved = rs.getLong(14);
        Instant resolvedAt = rs.wasNull() ? null : Times.fromMicros(resolved);
        return new DeadLetter(
                rs.getLong(1),
                rs.getString(2),
                UUID.fromString(rs.getString(3)),
                rs.getLong(4),
                rs.getString(5),
                new StreamId(rs.getString(6), rs.getString(7)),
                DeadLetter.Status.parse(rs.getString(8)),
                rs.getInt(9),
                rs.getString(10),
                blockedBy,
                Times.fromMicros(rs.getLong(12)),
                Times.fromMicros(rs.getLong(13)),
                resolvedAt,
                rs.getString(15));
    }
}
