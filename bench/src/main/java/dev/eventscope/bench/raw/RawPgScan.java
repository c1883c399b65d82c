package dev.eventscope.bench.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL yardstick of export and replay: every event of a store's schema in position order
 * through plain JDBC with a cursor (autocommit off, fetch size 2000, as Eventscope reads), payload
 * and metadata parsed by Jackson's {@code readTree}.
 */
final class RawPgScan {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RawPgScan() {}

    /** {@code url} is a JDBC URL; the schema is the store's. */
    static long scan(String url, String user, String schema) throws SQLException, java.io.IOException {
        long events = 0;
        long fields = 0;
        Properties p = new Properties();
        p.setProperty("user", user);
        // the driver directly: the shaded jar keeps SQLite's java.sql.Driver service entry
        try (Connection c = new org.postgresql.Driver().connect(url, p)) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("SELECT position, event_id, aggregate_type,"
                    + " aggregate_id, stream_version, event_type, event_version, occurred_at, recorded_at,"
                    + " correlation_id, causation_id, user_id, payload, metadata, hash FROM \"" + schema
                    + "\".events ORDER BY position")) {
                st.setFetchSize(2_000);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                        rs.getObject(2);
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
                        fields += payload.size() + metadata.size();
                        events++;
                    }
                }
            }
            c.commit();
        }
        if (fields == 0 && events > 0) {
            throw new IllegalStateException("no fields parsed");
        }
        return events;
    }
}
