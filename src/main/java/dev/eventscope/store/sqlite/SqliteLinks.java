package dev.eventscope.store.sqlite;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.EventLink;
import dev.eventscope.store.ReadLinks;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@link ReadLinks} over the {@code events} table, answered from the {@code event_id},
 * {@code correlation_id} and {@code causation_id} indexes.
 *
 * <p>A set of ids is bound as one JSON array and read back with {@code json_each}: SQLite turns
 * {@code x IN (SELECT value FROM json_each(?))} into one index lookup per id, and one prepared
 * statement serves every size of set (no IN list to build, no limit on bound variables).
 * Statements are prepared once and kept until {@link #close()}. Not thread-safe.
 */
final class SqliteLinks implements ReadLinks, AutoCloseable {

    static final String BY_CORRELATION =
            "SELECT " + EventRows.COLUMNS + " FROM events WHERE correlation_id = ? ORDER BY position LIMIT ?";
    static final String BY_IDS = "SELECT " + EventRows.COLUMNS
            + " FROM events WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY position";
    static final String CAUSED_BY = "SELECT " + EventRows.COLUMNS
            + " FROM events WHERE causation_id IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT ?";
    static final String CAUSED_OUTSIDE = "SELECT " + EventRows.COLUMNS
            + " FROM events WHERE causation_id IN (SELECT value FROM json_each(?))"
            + " AND (correlation_id IS NULL OR correlation_id NOT IN (SELECT value FROM json_each(?)))"
            + " ORDER BY position LIMIT ?";
    static final String LINKS_BY_CORRELATION = "SELECT position, event_id, correlation_id, causation_id,"
            + " aggregate_type, aggregate_id, user_id, occurred_at FROM events WHERE correlation_id IS NOT NULL"
            + " ORDER BY correlation_id, position";

    private final Connection connection;
    private final Path file;
    private PreparedStatement byCorrelation;
    private PreparedStatement byIds;
    private PreparedStatement causedBy;
    private PreparedStatement causedOutside;

    SqliteLinks(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    @Override
    public List<RecordedEvent> byCorrelation(String correlationId, int limit) {
        if (correlationId == null || limit <= 0) {
            return List.of();
        }
        try {
            if (byCorrelation == null) {
                byCorrelation = connection.prepareStatement(BY_CORRELATION);
            }
            byCorrelation.setString(1, correlationId);
            byCorrelation.setInt(2, limit);
            return events(byCorrelation);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading correlation " + correlationId, file);
        }
    }

    @Override
    public List<RecordedEvent> byIds(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        try {
            if (byIds == null) {
                byIds = connection.prepareStatement(BY_IDS);
            }
            byIds.setString(1, jsonArray(eventIds));
            return events(byIds);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading events by id", file);
        }
    }

    @Override
    public List<RecordedEvent> causedBy(Collection<String> causationIds, int limit) {
        if (causationIds.isEmpty() || limit <= 0) {
            return List.of();
        }
        try {
            if (causedBy == null) {
                causedBy = connection.prepareStatement(CAUSED_BY);
            }
            causedBy.setString(1, jsonArray(causationIds));
            causedBy.setInt(2, limit);
            return events(causedBy);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading events by causation", file);
        }
    }

    @Override
    public List<RecordedEvent> causedOutside(
            Collection<String> causationIds, Collection<String> correlations, int limit) {
        if (causationIds.isEmpty() || limit <= 0) {
            return List.of();
        }
        try {
            if (causedOutside == null) {
                causedOutside = connection.prepareStatement(CAUSED_OUTSIDE);
            }
            causedOutside.setString(1, jsonArray(causationIds));
            causedOutside.setString(2, jsonArray(correlations));
            causedOutside.setInt(3, limit);
            return events(causedOutside);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading events by causation", file);
        }
    }

    @Override
    public Stream<EventLink> linksByCorrelation() {
        // every row is a seek into the table in correlation order: read the pages in place
        ScanMapping mapped = ScanMapping.on(connection, file, "reading correlations");
        try {
            return links().onClose(mapped::close);
        } catch (RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    private Stream<EventLink> links() {
        return SqlStreams.stream(
                connection,
                file,
                "reading correlations",
                LINKS_BY_CORRELATION,
                st -> {},
                rs -> new EventLink(
                        rs.getLong(1),
                        UUID.fromString(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        new StreamId(rs.getString(5), rs.getString(6)),
                        rs.getString(7),
                        Times.fromMicros(rs.getLong(8))));
    }

    private static List<RecordedEvent> events(PreparedStatement st) throws SQLException {
        List<RecordedEvent> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(EventRows.map(rs));
            }
        }
        return out;
    }

    private static String jsonArray(Collection<?> values) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (Object v : values) {
            if (v != null) {
                array.add(v.toString());
            }
        }
        return Json.write(array);
    }

    @Override
    public void close() {
        for (PreparedStatement st : new PreparedStatement[] {byCorrelation, byIds, causedBy, causedOutside}) {
            if (st != null) {
                try {
                    st.close();
                } catch (SQLException ignored) {
                    // closing; nothing to recover
                }
            }
        }
    }
}
