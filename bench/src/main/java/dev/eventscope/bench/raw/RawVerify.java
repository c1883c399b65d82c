package dev.eventscope.bench.raw;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;

/**
 * Yardstick of {@code verify}: every row in position order through plain JDBC, its hash recomputed
 * with SHA-256 as docs/FORMAT.md defines the chain (a prefix, then each field as a 4-byte big-endian
 * length and its UTF-8 bytes, null as length -1), and compared with the stored one. The least work
 * a check of the whole chain must do; no integrity check of the file, no schema check.
 */
final class RawVerify {

    private static final byte[] PREFIX = "eventscope-chain-v1".getBytes(StandardCharsets.US_ASCII);

    private RawVerify() {}

    /** The number of rows checked; fails on the first hash that does not recompute. */
    static long verify(Path db) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer length = ByteBuffer.allocate(4);
        HexFormat hex = HexFormat.of();
        String previous = "";
        long rows = 0;
        try (Connection c = RawConnections.open(db, true);
                PreparedStatement st = c.prepareStatement("SELECT position, event_id, aggregate_type, aggregate_id,"
                        + " stream_version, event_type, event_version, occurred_at, recorded_at, correlation_id,"
                        + " causation_id, user_id, payload, metadata, hash FROM events ORDER BY position")) {
            st.setFetchSize(1_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sha.reset();
                    sha.update(PREFIX);
                    field(sha, length, previous.getBytes(StandardCharsets.UTF_8));
                    for (int column = 1; column <= 14; column++) {
                        // integers as their decimal text, text and JSON as their stored UTF-8
                        byte[] value = column == 13 || column == 14 ? rs.getBytes(column) : text(rs, column);
                        field(sha, length, value);
                    }
                    String hash = hex.formatHex(sha.digest());
                    String stored = rs.getString(15);
                    if (!hash.equals(stored)) {
                        throw new IllegalStateException("hash mismatch at position " + rs.getLong(1));
                    }
                    previous = stored;
                    rows++;
                }
            }
        }
        return rows;
    }

    private static byte[] text(ResultSet rs, int column) throws java.sql.SQLException {
        String s = rs.getString(column);
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static void field(MessageDigest sha, ByteBuffer length, byte[] value) {
        length.clear();
        length.putInt(value == null ? -1 : value.length);
        sha.update(length.array());
        if (value != null) {
            sha.update(value);
        }
    }
}
