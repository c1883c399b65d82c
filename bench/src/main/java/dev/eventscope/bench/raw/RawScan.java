package dev.eventscope.bench.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Yardstick 3: every event in position order through plain JDBC, with payload and metadata parsed
 * by Jackson's {@code readTree}: the least work a full replay must do.
 */
final class RawScan {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RawScan() {}

    /** Every event up to {@code toPosition} (null: all), as a bounded replay must read them. */
    static long scan(Path db, Long toPosition) throws SQLException, java.io.IOException {
        long events = 0;
        long fields = 0;
        try (Connection c = RawConnections.open(db, true);
                PreparedStatement st = c.prepareStatement("SELECT position, event_id, aggregate_type,"
                        + " aggregate_id, stream_version, event_type, event_version, occurred_at, recorded_at,"
                        + " correlation_id, causation_id, user_id, payload, metadata, hash FROM events"
                        + " WHERE position <= ? ORDER BY position")) {
            st.setLong(1, toPosition == null ? Long.MAX_VALUE : toPosition);
            st.setFetchSize(1_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1);
                    rs.getString(2);
                    rs.getString(3);
                    rs.getString(4);
                    rs.getLong(5);
                    rs.getString(6);
                    rs.getInt(7);
                    rs.getLong(8);
                    rs.getLong(9);
                    rs.getString(10);
                    rs.getString(11);
                    rs.getString(12);
                    JsonNode payload = MAPPER.readTree(rs.getString(13));
                    JsonNode metadata = MAPPER.readTree(rs.getString(14));
                    rs.getString(15);
                    // use the trees, so that no part of the parse can be optimised away
                    fields += payload.size() + metadata.size();
                    events++;
                }
            }
        }
        if (fields == 0 && events > 0) {
            throw new IllegalStateException("no fields parsed");
        }
        return events;
    }
}
