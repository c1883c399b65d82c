package dev.eventscope.store.sqlite;

import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.ReadLintFigures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ReadLintFigures} as SQL over the events table. Each rule is one statement that counts the
 * matches with {@code count(*) OVER ()} and returns the first few rows, so the table is read once
 * per rule; rules about neighbours in a stream use window functions over the stream index.
 */
final class SqliteLintFigures implements ReadLintFigures {

    /** A causationId of the stored eventId form: 36 characters, dashes in place, only hex digits. */
    private static final String EVENT_ID_FORM = "length(causation_id) = 36 AND substr(causation_id, 9, 1) = '-'"
            + " AND substr(causation_id, 14, 1) = '-' AND substr(causation_id, 19, 1) = '-'"
            + " AND substr(causation_id, 24, 1) = '-' AND causation_id NOT GLOB '*[^0-9a-f-]*'";

    private static final String NEIGHBOURS = "SELECT position, aggregate_type, aggregate_id, event_type, occurred_at,"
            + " payload, lag(occurred_at) OVER s AS prev_at, lag(payload) OVER s AS prev_payload,"
            + " lag(event_type) OVER s AS prev_type, lag(position) OVER s AS prev_position FROM events"
            + " WINDOW s AS (PARTITION BY aggregate_type, aggregate_id ORDER BY stream_version)";

    private final Connection connection;
    private final Path file;

    SqliteLintFigures(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /**
     * Runs {@code select} (columns: position, aggregate_type, aggregate_id, event_type, detail)
     * wrapped to count all its rows and return the first {@code examples}.
     */
    private Matches matches(String select, int examples, Object... args) {
        String sql = "SELECT position, aggregate_type, aggregate_id, event_type, detail, count(*) OVER () FROM ("
                + select + ") ORDER BY position LIMIT ?";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            int i = 1;
            for (Object a : args) {
                st.setObject(i++, a);
            }
            st.setInt(i, Math.max(1, examples));
            try (ResultSet rs = st.executeQuery()) {
                long count = 0;
                List<Example> list = new ArrayList<>();
                while (rs.next()) {
                    count = rs.getLong(6);
                    if (list.size() < examples) {
                        list.add(new Example(
                                rs.getLong(1),
                                new StreamId(rs.getString(2), rs.getString(3)),
                                rs.getString(4),
                                rs.getString(5)));
                    }
                }
                return new Matches(count, list);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "linting the events", file);
        }
    }

    @Override
    public Matches largePayloads(long maxBytes, int examples) {
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, octet_length(payload) AS detail"
                        + " FROM events WHERE octet_length(payload) > ?",
                examples,
                maxBytes);
    }

    @Override
    public Matches withoutCorrelation(int examples) {
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, NULL AS detail FROM events"
                        + " WHERE correlation_id IS NULL",
                examples);
    }

    @Override
    public Matches danglingCausations(int examples) {
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, causation_id AS detail FROM events e"
                        + " WHERE causation_id IS NOT NULL AND " + EVENT_ID_FORM
                        + " AND NOT EXISTS (SELECT 1 FROM events c WHERE c.event_id = e.causation_id)",
                examples);
    }

    @Override
    public Matches timestampsBackwards(int examples) {
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, prev_at AS detail FROM (" + NEIGHBOURS
                        + ") WHERE occurred_at < prev_at",
                examples);
    }

    @Override
    public Matches recordLag(Duration max, int examples) {
        long micros = Times.toMicros(java.time.Instant.EPOCH.plus(max));
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, recorded_at - occurred_at AS detail"
                        + " FROM events WHERE recorded_at - occurred_at > ?",
                examples,
                micros);
    }

    @Override
    public Matches repeatedPayloads(int examples) {
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, prev_position AS detail FROM (" + NEIGHBOURS
                        + ") WHERE event_type = prev_type AND payload = prev_payload",
                examples);
    }

    @Override
    public List<TypeVersion> typeVersions() {
        String sql = "SELECT aggregate_type, event_type, event_version, count(*) FROM events GROUP BY 1, 2, 3"
                + " ORDER BY 1, 2, 3";
        try (PreparedStatement st = connection.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            List<TypeVersion> list = new ArrayList<>();
            while (rs.next()) {
                list.add(new TypeVersion(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)));
            }
            return list;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "listing event types", file);
        }
    }
}
