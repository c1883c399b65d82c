package dev.eventscope.store.postgres;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.Times;
import dev.eventscope.store.SagaDeadline;
import dev.eventscope.store.SagaInstance;
import dev.eventscope.store.SagaLetter;
import dev.eventscope.store.SagaStates;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The tables {@code saga_instances}, {@code saga_deadlines} and {@code saga_letters} (ADR 0183), on
 * the store's own connection so they commit in the processing transactions. States are kept as
 * their exact text; ids compare as bytes ({@code COLLATE "C"}); times are UTC epoch microseconds.
 */
final class PgSagaStates implements SagaStates {

    private static final String INSTANCE_COLUMNS = "saga, instance_id, status, state, events, started_by, started_at,"
            + " last_position, last_event_id, last_event_type, last_event_at, ended_at, version, updated_at";

    private static final String DEADLINE_COLUMNS =
            "saga, instance_id, name, due_at, set_by, set_by_position, status, changed_at";

    private final PgEventStore store;

    PgSagaStates(PgEventStore store) {
        this.store = store;
    }

    @Override
    public Optional<SagaInstance> instance(String saga, String instanceId) {
        return PgStreams.list(
                        store.connection(),
                        store.pg(),
                        "reading instance " + instanceId + " of saga " + saga,
                        "SELECT " + INSTANCE_COLUMNS + " FROM saga_instances WHERE saga = ? AND instance_id = ?",
                        st -> {
                            st.setString(1, saga);
                            st.setString(2, instanceId);
                        },
                        PgSagaStates::instance)
                .stream()
                .findFirst();
    }

    @Override
    public List<SagaInstance> instances(String saga) {
        return PgStreams.list(
                store.connection(),
                store.pg(),
                "reading the instances of saga " + saga,
                "SELECT " + INSTANCE_COLUMNS + " FROM saga_instances WHERE saga = ? ORDER BY instance_id",
                st -> st.setString(1, saga),
                PgSagaStates::instance);
    }

    @Override
    public void putInstance(SagaInstance i) {
        try (PreparedStatement st = store.connection()
                .prepareStatement("INSERT INTO saga_instances (" + INSTANCE_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (saga, instance_id)"
                        + " DO UPDATE SET status = excluded.status, state = excluded.state,"
                        + " events = excluded.events, started_by = excluded.started_by,"
                        + " started_at = excluded.started_at, last_position = excluded.last_position,"
                        + " last_event_id = excluded.last_event_id, last_event_type = excluded.last_event_type,"
                        + " last_event_at = excluded.last_event_at, ended_at = excluded.ended_at,"
                        + " version = excluded.version, updated_at = excluded.updated_at")) {
            st.setString(1, i.saga());
            st.setString(2, i.instanceId());
            st.setString(3, i.status().label());
            st.setString(4, i.state().text());
            st.setLong(5, i.events());
            st.setObject(6, i.startedBy());
            st.setLong(7, Times.toMicros(i.startedAt()));
            st.setLong(8, i.lastPosition());
            st.setObject(9, i.lastEventId());
            st.setString(10, i.lastEventType());
            st.setLong(11, Times.toMicros(i.lastEventAt()));
            if (i.endedAt() == null) {
                st.setNull(12, Types.BIGINT);
            } else {
                st.setLong(12, Times.toMicros(i.endedAt()));
            }
            st.setLong(13, i.version());
            st.setLong(14, Times.toMicros(i.updatedAt()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw PgProcessingFailures.failed(store, e, "writing instance " + i.instanceId() + " of saga " + i.saga());
        }
    }

    @Override
    public List<SagaDeadline> deadlines(String saga, String instanceId) {
        return PgStreams.list(
                store.connection(),
                store.pg(),
                "reading the deadlines of " + instanceId + " of saga " + saga,
                "SELECT " + DEADLINE_COLUMNS + " FROM saga_deadlines WHERE saga = ? AND instance_id = ? ORDER BY name",
                st -> {
                    st.setString(1, saga);
                    st.setString(2, instanceId);
                },
                PgSagaStates::deadline);
    }

    @Override
    public void putDeadline(SagaDeadline d) {
        try (PreparedStatement st = store.connection()
                .prepareStatement("INSERT INTO saga_deadlines (" + DEADLINE_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (saga, instance_id, name)"
                        + " DO UPDATE SET due_at = excluded.due_at, set_by = excluded.set_by,"
                        + " set_by_position = excluded.set_by_position, status = excluded.status,"
                        + " changed_at = excluded.changed_at")) {
            st.setString(1, d.saga());
            st.setString(2, d.instanceId());
            st.setString(3, d.name());
            st.setLong(4, Times.toMicros(d.due()));
            st.setObject(5, d.setBy());
            st.setLong(6, d.setByPosition());
            st.setString(7, d.status().label());
            st.setLong(8, Times.toMicros(d.changedAt()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw PgProcessingFailures.failed(store, e, "writing deadline " + d.name() + " of saga " + d.saga());
        }
    }

    @Override
    public List<SagaDeadline> due(String saga, Instant upTo) {
        return PgStreams.list(
                store.connection(),
                store.pg(),
                "reading the deadlines due of saga " + saga,
                "SELECT " + DEADLINE_COLUMNS + " FROM saga_deadlines WHERE saga = ? AND status = 'pending'"
                        + " AND due_at <= ? ORDER BY due_at, instance_id, name",
                st -> {
                    st.setString(1, saga);
                    st.setLong(2, Times.toMicros(upTo));
                },
                PgSagaStates::deadline);
    }

    @Override
    public Optional<Instant> nextDue(String saga) {
        List<Optional<Instant>> found = PgStreams.list(
                store.connection(),
                store.pg(),
                "reading the next deadline of saga " + saga,
                "SELECT min(due_at) FROM saga_deadlines WHERE saga = ? AND status = 'pending'",
                st -> st.setString(1, saga),
                rs -> {
                    long micros = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Times.fromMicros(micros));
                });
        return found.isEmpty() ? Optional.empty() : found.get(0);
    }

    @Override
    public void link(SagaLetter l) {
        try (PreparedStatement st = store.connection()
                .prepareStatement("INSERT INTO saga_letters (saga, letter_id, instance_id, deadline)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (saga, letter_id) DO UPDATE SET"
                        + " instance_id = excluded.instance_id, deadline = excluded.deadline")) {
            st.setString(1, l.saga());
            st.setLong(2, l.letterId());
            st.setString(3, l.instanceId());
            st.setString(4, l.deadline());
            st.executeUpdate();
        } catch (SQLException e) {
            throw PgProcessingFailures.failed(store, e, "linking dead letter " + l.letterId() + " to saga " + l.saga());
        }
    }

    @Override
    public Map<String, Long> blocked(String saga) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object[] row : PgStreams.list(
                store.connection(),
                store.pg(),
                "reading the blocked instances of saga " + saga,
                "SELECT DISTINCT ON (l.instance_id) l.instance_id, d.id FROM saga_letters l"
                        + " JOIN dead_letters d ON d.id = l.letter_id"
                        + " WHERE l.saga = ? AND d.handler = ? AND d.status = 'parked'"
                        + " ORDER BY l.instance_id, d.position, d.id",
                st -> {
                    st.setString(1, saga);
                    st.setString(2, saga);
                },
                rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
            out.put((String) row[0], (Long) row[1]);
        }
        return out;
    }

    @Override
    public Optional<SagaLetter> letter(String saga, long letterId) {
        return PgStreams.list(
                        store.connection(),
                        store.pg(),
                        "reading the instance of dead letter " + letterId,
                        "SELECT saga, letter_id, instance_id, deadline FROM saga_letters"
                                + " WHERE saga = ? AND letter_id = ?",
                        st -> {
                            st.setString(1, saga);
                            st.setLong(2, letterId);
                        },
                        PgSagaStates::letter)
                .stream()
                .findFirst();
    }

    @Override
    public List<SagaLetter> letters(String saga) {
        return PgStreams.list(
                store.connection(),
                store.pg(),
                "reading the dead letters of saga " + saga,
                "SELECT saga, letter_id, instance_id, deadline FROM saga_letters WHERE saga = ? ORDER BY letter_id",
                st -> st.setString(1, saga),
                PgSagaStates::letter);
    }

    @Override
    public List<Long> parkedLetters(String saga, String instanceId) {
        return PgStreams.list(
                store.connection(),
                store.pg(),
                "reading the dead letters of " + instanceId + " of saga " + saga,
                "SELECT d.id FROM saga_letters l JOIN dead_letters d ON d.id = l.letter_id"
                        + " WHERE l.saga = ? AND l.instance_id = ? AND d.handler = ? AND d.status = 'parked'"
                        + " ORDER BY d.position, d.id",
                st -> {
                    st.setString(1, saga);
                    st.setString(2, instanceId);
                    st.setString(3, saga);
                },
                rs -> rs.getLong(1));
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
                (UUID) rs.getObject(6),
                Times.fromMicros(rs.getLong(7)),
                rs.getLong(8),
                (UUID) rs.getObject(9),
                rs.getString(10),
                Times.fromMicros(rs.getLong(11)),
                endedAt,
                rs.getLong(13),
                Times.fromMicros(rs.getLong(14)));
    }

    private static SagaDeadline deadline(ResultSet rs) throws SQLException {
        return new SagaDeadline(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Times.fromMicros(rs.getLong(4)),
                (UUID) rs.getObject(5),
                rs.getLong(6),
                SagaDeadline.Status.parse(rs.getString(7)),
                Times.fromMicros(rs.getLong(8)));
    }

    private static SagaLetter letter(ResultSet rs) throws SQLException {
        return new SagaLetter(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4));
    }
}
