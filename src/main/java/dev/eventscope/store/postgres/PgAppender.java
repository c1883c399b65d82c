package dev.eventscope.store.postgres;

import dev.eventscope.error.ConflictException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.AppendResult;
import dev.eventscope.store.AppendRules;
import dev.eventscope.store.HashChain;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Appends inside a write transaction that holds the head row: the idempotency check by eventId,
 * the expected-version check, stream versions, record time and the hash chain over the exact
 * stored text, then one batched insert and the new head.
 *
 * <p>The table's keys back the rules up: a unique-key violation is mapped by the constraint's name
 * (event id: the idempotency rules again; stream version: a conflict), never by message text.
 */
final class PgAppender {

    private final HashChain chain = new HashChain();

    /** Every event of {@code events} with an eventId: the given one, or a new random one. */
    static List<NewEvent> withIds(List<NewEvent> events) {
        List<NewEvent> out = new ArrayList<>(events.size());
        for (NewEvent e : events) {
            out.add(e.eventId() != null ? e : e.withEventId(UUID.randomUUID()));
        }
        return out;
    }

    /**
     * {@link dev.eventscope.store.AppendEvents#append} inside the caller's transaction; every event
     * carries an eventId ({@link #withIds}).
     */
    AppendResult append(Connection c, List<NewEvent> events, ExpectedVersion expected, String channel)
            throws SQLException {
        PgWriter.Head head = PgWriter.lockHead(c);
        Map<UUID, RecordedEvent> existing = byIds(c, ids(events));
        List<RecordedEvent> stored = new ArrayList<>();
        for (NewEvent e : events) {
            RecordedEvent found = existing.get(e.eventId());
            if (found == null) {
                continue;
            }
            List<String> diffs = e.differencesFrom(found);
            if (!diffs.isEmpty()) {
                throw AppendRules.reused(found, diffs);
            }
            stored.add(found);
        }
        if (stored.size() == events.size()) {
            return new AppendResult(stored, true);
        }
        if (!stored.isEmpty()) {
            throw AppendRules.partlyStored(stored, events.size());
        }
        Map<StreamId, Long> versions = currentVersions(c, streams(events));
        StreamId first = events.get(0).stream();
        long current = versions.getOrDefault(first, 0L);
        if (!expected.isSatisfiedBy(current)) {
            throw AppendRules.wrongVersion(expected, first, current);
        }
        List<RecordedEvent> written = new ArrayList<>(events.size());
        for (NewEvent e : events) {
            long version = versions.getOrDefault(e.stream(), 0L) + 1;
            if (e.streamVersion() != null && e.streamVersion() != version) {
                throw AppendRules.streamVersionTaken(e, version);
            }
            versions.put(e.stream(), version);
            written.add(next(head, e, version));
        }
        insert(c, written);
        PgWriter.advanceHead(c, head, channel);
        return new AppendResult(written, false);
    }

    /** The event {@code e} as the next one after {@code head} at stream version {@code version}; advances the head. */
    RecordedEvent next(PgWriter.Head head, NewEvent e, long version) {
        var recordedAt = Times.fromMicros(head.nowMicros);
        RecordedEvent unhashed = new RecordedEvent(
                head.position + 1,
                e.eventId(),
                e.eventType(),
                e.stream(),
                version,
                e.eventVersion(),
                e.timestamp() != null ? e.timestamp() : recordedAt,
                recordedAt,
                e.payload(),
                e.metadata(),
                e.correlationId(),
                e.causationId(),
                e.userId(),
                null);
        RecordedEvent event = unhashed.withHash(chain.hash(head.hash, unhashed));
        head.position = event.position();
        head.hash = event.hash();
        head.recordedAtMicros = head.nowMicros;
        head.events++;
        return event;
    }

    /** Inserts {@code events} in one batch; a key violation is reported by the key it broke. */
    static void insert(Connection c, List<RecordedEvent> events) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(PgRows.INSERT)) {
            for (RecordedEvent e : events) {
                PgRows.bind(st, e);
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null && PgErrors.isUniqueViolation(e.getNextException())
                    ? e.getNextException()
                    : e;
            if (PgErrors.isUniqueViolation(cause)) {
                throw keyViolation(cause);
            }
            throw e;
        }
    }

    /**
     * A unique key refused a row: another writer got there first in a way the head lock should
     * have prevented, or the store was changed outside Eventscope.
     */
    static RuntimeException keyViolation(SQLException e) {
        String constraint = PgErrors.constraint(e);
        switch (constraint) {
            case "events_event_id_key":
                return new ConflictException(
                        "an eventId of the batch was stored by another writer at the same time",
                        "run the command again: events stored with the same content are skipped");
            case "events_stream_key":
                return new ConflictException(
                        "a stream version of the batch was taken by another writer at the same time",
                        "re-read the stream and run the command again");
            case "events_pkey":
                return new StoreIoException(
                        "a position after the head is taken: the store was changed outside Eventscope",
                        "run 'evs verify' and restore the store from a backup",
                        e);
            default:
                return new IllegalStateException("unique key " + constraint + " refused a row", e);
        }
    }

    static List<UUID> ids(List<NewEvent> events) {
        List<UUID> ids = new ArrayList<>(events.size());
        for (NewEvent e : events) {
            ids.add(e.eventId());
        }
        return ids;
    }

    static Collection<StreamId> streams(List<NewEvent> events) {
        LinkedHashSet<StreamId> streams = new LinkedHashSet<>();
        for (NewEvent e : events) {
            streams.add(e.stream());
        }
        return streams;
    }

    /** The stored events among {@code ids}, by id. */
    static Map<UUID, RecordedEvent> byIds(Connection c, Collection<UUID> ids) throws SQLException {
        Map<UUID, RecordedEvent> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Array array = c.createArrayOf("uuid", ids.toArray());
        try (PreparedStatement st =
                c.prepareStatement("SELECT " + PgRows.COLUMNS + " FROM events WHERE event_id = ANY(?)")) {
            st.setArray(1, array);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    RecordedEvent e = PgRows.map(rs);
                    found.put(e.eventId(), e);
                }
            }
        } finally {
            array.free();
        }
        return found;
    }

    /** The current version of each of {@code streams} (0 for a stream without events). */
    static Map<StreamId, Long> currentVersions(Connection c, Collection<StreamId> streams) throws SQLException {
        Map<StreamId, Long> versions = new HashMap<>();
        if (streams.isEmpty()) {
            return versions;
        }
        String[] types = new String[streams.size()];
        String[] ids = new String[streams.size()];
        int i = 0;
        for (StreamId s : streams) {
            types[i] = s.aggregateType();
            ids[i] = s.aggregateId();
            i++;
        }
        Array typeArray = c.createArrayOf("text", types);
        Array idArray = c.createArrayOf("text", ids);
        try (PreparedStatement st = c.prepareStatement("SELECT t.a, t.i, (SELECT e.stream_version FROM events e"
                + " WHERE e.aggregate_type = t.a AND e.aggregate_id = t.i ORDER BY e.stream_version DESC LIMIT 1)"
                + " FROM unnest(?::text[], ?::text[]) AS t(a, i)")) {
            st.setArray(1, typeArray);
            st.setArray(2, idArray);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    versions.put(new StreamId(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            }
        } finally {
            typeArray.free();
            idArray.free();
        }
        return versions;
    }
}
