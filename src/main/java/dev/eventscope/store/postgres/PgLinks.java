package dev.eventscope.store.postgres;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.EventLink;
import dev.eventscope.store.ReadLinks;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@link ReadLinks} over the {@code events} table, answered from the {@code event_id},
 * {@code correlation_id} and {@code causation_id} indexes. A set of ids is bound as one array
 * ({@code = ANY(?)}): one statement for every size of set, no limit on bound values.
 */
final class PgLinks implements ReadLinks {

    private final PgEventStore store;

    PgLinks(PgEventStore store) {
        this.store = store;
    }

    private List<RecordedEvent> events(String doing, String sql, Object... args) {
        Connection c = store.connection();
        return PgStreams.list(
                c,
                store.pg(),
                doing,
                sql,
                st -> {
                    for (int i = 0; i < args.length; i++) {
                        Object a = args[i];
                        if (a instanceof Collection<?> values) {
                            boolean uuids =
                                    !values.isEmpty() && values.iterator().next() instanceof UUID;
                            Array array = c.createArrayOf(uuids ? "uuid" : "text", distinct(values));
                            st.setArray(i + 1, array);
                        } else {
                            st.setObject(i + 1, a);
                        }
                    }
                },
                PgRows::map);
    }

    private static Object[] distinct(Collection<?> values) {
        LinkedHashSet<Object> set = new LinkedHashSet<>();
        for (Object v : values) {
            if (v != null) {
                set.add(v);
            }
        }
        return set.toArray();
    }

    @Override
    public List<RecordedEvent> byCorrelation(String correlationId, int limit) {
        if (correlationId == null || limit <= 0) {
            return List.of();
        }
        return events(
                "reading correlation " + correlationId,
                "SELECT " + PgRows.COLUMNS + " FROM events WHERE correlation_id = ? ORDER BY position LIMIT ?",
                correlationId,
                limit);
    }

    @Override
    public List<RecordedEvent> byIds(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return events(
                "reading events by id",
                "SELECT " + PgRows.COLUMNS + " FROM events WHERE event_id = ANY(?) ORDER BY position",
                eventIds);
    }

    @Override
    public List<RecordedEvent> causedBy(Collection<String> causationIds, int limit) {
        if (causationIds.isEmpty() || limit <= 0) {
            return List.of();
        }
        return events(
                "reading events by causation",
                "SELECT " + PgRows.COLUMNS + " FROM events WHERE causation_id = ANY(?) ORDER BY position LIMIT ?",
                causationIds,
                limit);
    }

    @Override
    public List<RecordedEvent> causedOutside(
            Collection<String> causationIds, Collection<String> correlations, int limit) {
        if (causationIds.isEmpty() || limit <= 0) {
            return List.of();
        }
        return events(
                "reading events by causation",
                "SELECT " + PgRows.COLUMNS + " FROM events WHERE causation_id = ANY(?)"
                        + " AND (correlation_id IS NULL OR NOT correlation_id = ANY(?)) ORDER BY position LIMIT ?",
                causationIds,
                correlations.isEmpty() ? List.of("") : correlations,
                limit);
    }

    @Override
    public Stream<EventLink> linksByCorrelation() {
        return PgStreams.cursor(
                store.readers(),
                store.pg(),
                "reading correlations",
                "SELECT position, event_id, correlation_id, causation_id, aggregate_type, aggregate_id, user_id,"
                        + " occurred_at FROM events WHERE correlation_id IS NOT NULL ORDER BY correlation_id, position",
                st -> {},
                rs -> new EventLink(
                        rs.getLong(1),
                        (UUID) rs.getObject(2),
                        rs.getString(3),
                        rs.getString(4),
                        new StreamId(rs.getString(5), rs.getString(6)),
                        rs.getString(7),
                        Times.fromMicros(rs.getLong(8))));
    }

    static void free(Array a) throws SQLException {
        a.free();
    }
}
