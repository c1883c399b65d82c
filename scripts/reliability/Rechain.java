import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A tamperer's tool for scenario 9: recomputes the hash chain of a store from docs/FORMAT.md
 * (written from the document, not from Eventscope's code), so that a changed history verifies
 * again unless a head was pinned elsewhere. Drops the update trigger for the rewrite and puts its
 * exact SQL back.
 *
 * <pre>java -cp target/eventscope.jar scripts/reliability/Rechain.java DB</pre>
 */
public class Rechain {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]); Statement st = c.createStatement()) {
            String trigger;
            try (ResultSet rs = st.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'events_no_update'")) {
                trigger = rs.getString(1);
            }
            c.setAutoCommit(false);
            st.execute("DROP TRIGGER events_no_update");
            PreparedStatement update = c.prepareStatement("UPDATE events SET hash = ? WHERE position = ?");
            String previous = "";
            int changed = 0;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT position, event_id, aggregate_type, aggregate_id,"
                    + " stream_version, event_type, event_version, occurred_at, recorded_at, correlation_id,"
                    + " causation_id, user_id, payload, metadata, hash FROM events ORDER BY position")) {
                while (rs.next()) {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    sha.update("eventscope-chain-v1".getBytes(StandardCharsets.US_ASCII));
                    field(sha, previous);
                    for (int i = 1; i <= 14; i++) {
                        field(sha, rs.getString(i));
                    }
                    String hash = HexFormat.of().formatHex(sha.digest());
                    if (!hash.equals(rs.getString(15))) {
                        update.setString(1, hash);
                        update.setLong(2, rs.getLong(1));
                        update.executeUpdate();
                        changed++;
                    }
                    previous = hash;
                }
            }
            st.execute(trigger);
            c.commit();
            System.out.println("rechained " + changed + " hashes");
        }
    }

    static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
        sha.update(b);
    }
}
