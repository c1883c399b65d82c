package dev.eventscope.store.sqlite;

import dev.eventscope.event.Times;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Index lookups that resolve what replays ask for: an as-of time, the types of an aggregate id. */
final class Lookups {

    private Lookups() {}

    /** The last position recorded at or before {@code recordTime}, 0 when none: one index seek. */
    static long lastPositionRecordedBy(Connection connection, Path file, Instant recordTime) {
        // record time never decreases with position, so the recorded_at index yields it directly
        String sql =
                "SELECT position FROM events WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, Times.toMicros(recordTime));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "resolving --as-of", file);
        }
    }

    /** The highest position stored, 0 when none: one seek at the end of the table. */
    static long headPosition(Connection connection, Path file) {
        try (PreparedStatement st = connection.prepareStatement("SELECT max(position) FROM events");
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the head", file);
        }
    }

    /** The aggregate types with a stream of id {@code aggregateId}, sorted. */
    static List<String> aggregateTypesOf(Connection connection, Path file, String aggregateId) {
        // one seek of the stream index per distinct aggregate type, rather than a scan
        String sql = "SELECT x FROM (" + EventRows.DISTINCT_TYPES + ") WHERE EXISTS (SELECT 1 FROM events"
                + " WHERE aggregate_type = x AND aggregate_id = ?) ORDER BY x";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, aggregateId);
            List<String> types = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
            return types;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "finding the aggregate " + aggregateId, file);
        }
    }
}
