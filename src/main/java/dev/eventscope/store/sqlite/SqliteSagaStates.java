package dev.eventscope.store.sqlite;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.Times;
import dev.eventscope.store.SagaDeadline;
import dev.eventscope.store.SagaInstance;
import dev.eventscope.store.SagaLetter;
import dev.eventscope.store.SagaStates;
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

/** The tables {@code saga_instances}, {@code saga_deadlines} and {@code saga_letters}. Times are UTC epoch microseconds. */
final class SqliteSagaStates implements SagaStates {

    private static final String INSTANCE_COLUMNS = "saga, instance_id, status, state, events, started_by, started_at,"
            + " last_position, last_event_id, last_event_type, last_event_at, ended_at, version, updated_at";

    private static final String DEADLINE_COLUMNS =
            "saga, instance_id, name, due_at, set_by, set_by_position, status, changed_at";

    private final StatementCache statements;
    private final Path file;

    SqliteSagaStates(StatementCache statements, Path file) {
        this.statements = statements;
        this.file = file;
    }

    @Override
    public Optional<SagaInstance> instance(String saga, String instanceId) {
        try {
            PreparedStatement st = statements.get(
                    "SELECT " + INSTANCE_COLUMNS + " FROM saga_instances WHERE saga = ? AND instance_id = ?");
            st.setString(1, saga);
            st.setString(2, instanceId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(instance(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading instance " + instanceId + " of saga " + saga, file);
        }
    }

    @Override
    public List<SagaInstance> instances(String saga) {
        try {
            PreparedStatement st = statements.get(
                    "SELECT " + INSTANCE_COLUMNS + " FROM saga_instances WHERE saga = ? ORDER BY instance_id");
            st.setString(1, saga);
            List<SagaInstance> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(instance(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the instances of saga " + saga, file);
        }
    }

    @Override
    public void putInstance(SagaInstance i) {
        try {
            PreparedStatement st = statements.get("INSERT OR REPLACE INTO saga_instances (" + INSTANCE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            st.setString(1, i.saga());
            st.setString(2, i.instanceId());
            st.setString(3, i.status().label());
            st.setString(4, i.state().text());
            st.setLong(5, i.events());
            st.setString(6, i.startedBy().toString());
            st.setLong(7, Times.toMicros(i.startedAt()));
            st.setLong(8, i.lastPosition());
            st.setString(9, i.lastEventId().toString());
            st.setString(10, i.lastEventType());
            st.setLong(11, Times.toMicros(i.lastEventAt()));
            if (i.endedAt() == null) {
                st.setNull(12, Types.INTEGER);
            } else {
                st.setLong(12, Times.toMicros(i.endedAt()));
            }
            st.setLong(13, i.version());
            st.setLong(14, Times.toMicros(i.updatedAt()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "writing instance " + i.instanceId() + " of saga " + i.saga(), file);
        }
    }

    @Override
    public List<SagaDeadline> deadlines(String saga, String instanceId) {
        try {
            PreparedStatement st = statements.get("SELECT " + DEADLINE_COLUMNS
                    + " FROM saga_deadlines WHERE saga = ? AND instance_id = ? ORDER BY name");
            st.setString(1, saga);
            st.setString(2, instanceId);
            return deadlines(st);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the deadlines of " + instanceId + " of saga " + saga, file);
        }
    }

    @Override
    public void putDeadline(SagaDeadline d) {
        try {
            PreparedStatement st = statements.get(
                    "INSERT OR REPLACE INTO saga_deadlines (" + DEADLINE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            st.setString(1, d.saga());
            st.setString(2, d.instanceId());
            st.setString(3, d.name());
            st.setLong(4, Times.toMicros(d.due()));
            st.setString(5, d.setBy().toString());
            st.setLong(6, d.setByPosition());
            st.setString(7, d.status().label());
            st.setLong(8, Times.toMicros(d.changedAt()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "writing deadline " + d.name() + " of saga " + d.saga(), file);
        }
    }

    @Override
    public List<SagaDeadline> due(String saga, Instant upTo) {
        try {
            PreparedStatement st = statements.get("SELECT " + DEADLINE_COLUMNS + " FROM saga_deadlines"
                    + " WHERE saga = ? AND status = 'pending' AND due_at <= ? ORDER BY due_at, instance_id, name");
            st.setString(1, saga);
            st.setLong(2, Times.toMicros(upTo));
            return deadlines(st);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the deadlines due of saga " + saga, file);
        }
    }

    @Override
    public Optional<Instant> nextDue(String saga) {
        try {
            PreparedStatement st =
                    statements.get("SELECT min(due_at) FROM saga_deadlines WHERE saga = ? AND status = 'pending'");
            st.setString(1, saga);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    long micros = rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(Times.fromMicros(micros));
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the next deadline of saga " + saga, file);
        }
    }

    @Override
    public void link(SagaLetter l) {
        try {
            PreparedStatement st = statements.get("INSERT OR REPLACE INTO saga_letters (saga, letter_id, instance_id,"
                    + " deadline) VALUES (?, ?, ?, ?)");
            st.setString(1, l.saga());
            st.setLong(2, l.letterId());
            st.setString(3, l.instanceId());
            st.setString(4, l.deadline());
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "linking dead letter " + l.letterId() + " to saga " + l.saga(), file);
        }
    }

    @Override
    public Map<String, Long> blocked(String saga) {
        try {
            // SQLite takes the bare column id from the row that has min(position)
            PreparedStatement st = statements.get("SELECT l.instance_id, d.id, min(d.position) FROM saga_letters l"
                    + " JOIN dead_letters d ON d.id = l.letter_id"
                    + " WHERE l.saga = ? AND d.handler = ? AND d.status = 'parked'"
                    + " GROUP BY l.instance_id ORDER BY l.instance_id");
            st.setString(1, saga);
            st.setString(2, saga);
            Map<String, Long> out = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the blocked instances of saga " + saga, file);
        }
    }

    @Override
    public Optional<SagaLetter> letter(String saga, long letterId) {
        try {
            PreparedStatement st = statements.get(
                    "SELECT saga, letter_id, instance_id, deadline FROM saga_letters WHERE saga = ? AND letter_id = ?");
            st.setString(1, saga);
            st.setLong(2, letterId);
            List<SagaLetter> found = letters(st);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the instance of dead letter " + letterId, file);
        }
    }

    @Override
    public List<SagaLetter> letters(String saga) {
        try {
            PreparedStatement st = statements.get("SELECT saga, letter_id, instance_id, deadline FROM saga_letters"
                    + " WHERE saga = ? ORDER BY letter_id");
            st.setString(1, saga);
            return letters(st);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the dead letters of saga " + saga, file);
        }
    }

    @Override
    public List<Long> parkedLetters(String saga, String instanceId) {
        try {
            PreparedStatement st = statements.get("SELECT d.id FROM saga_letters l JOIN dead_letters d"
                    + " ON d.id = l.letter_id WHERE l.saga = ? AND l.instance_id = ? AND d.handler = ?"
                    + " AND d.status = 'parked' ORDER BY d.position, d.id");
            st.setString(1, saga);
            st.setString(2, instanceId);
            st.setString(3, saga);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the dead letters of " + instanceId + " of saga " + saga, file);
        }
    }

    private static SagaInstance instance(ResultSet rs) throws SQLException {
        long ended = rs.getLong(12);
        Instant endedAt = rs.wasNull() ? null : Times.fromMicros(ended);
        return new SagaInstance(
                rs.getString(1),
                rs.getString(2),
                SagaInstance.Status.parse(rs.getString(3)),
                JsonDoc.ofText(rs.getString(4)),
                rs.getLong(5),
                UUID.fromString(rs.getString(6)),
                Times.fromMicros(rs.getLong(7)),
                rs.getLong(8),
                UUID.fromString(rs.getString(9)),
                rs.getString(10),
                Times.fromMicros(rs.getLong(11)),
                endedAt,
                rs.getLong(13),
                Times.fromMicros(rs.getLong(14)));
    }

    private static List<SagaLetter> letters(PreparedStatement st) throws SQLException {
        List<SagaLetter> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new SagaLetter(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    private static List<SagaDeadline> deadlines(PreparedStatement st) throws SQLException {
        List<SagaDeadline> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new SagaDeadline(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Times.fromMicros(rs.getLong(4)),
                        UUID.fromString(rs.getString(5)),
                        rs.getLong(6),
                        SagaDeadline.Status.parse(rs.getString(7)),
                        Times.fromMicros(rs.getLong(8))));
            }
        }
        return out;
    }
}
