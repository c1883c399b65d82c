package dev.eventscope.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Input files and store inspection shared by the end-to-end tests. */
final class Fixtures {

    static final String ID_1 = "00000000-0000-4000-8000-000000000001";
    static final String ID_2 = "00000000-0000-4000-8000-000000000002";
    static final String ID_3 = "00000000-0000-4000-8000-000000000003";
    static final String ID_4 = "00000000-0000-4000-8000-000000000004";

    /** Four events over three streams, with offsets, fractions and causation links. */
    static final String ORDERS = String.join(
            "\n",
            "{\"eventId\":\"" + ID_1 + "\",\"eventType\":\"OrderPlaced\",\"aggregateId\":\"order-1\","
                    + "\"aggregateType\":\"Order\",\"timestamp\":\"2024-01-15T10:30:00+01:00\","
                    + "\"payload\":{\"customerId\":\"c-1\",\"totalAmount\":59.98},"
                    + "\"metadata\":{\"userId\":\"u-1\",\"correlationId\":\"req-1\"}}",
            "{\"eventId\":\"" + ID_2 + "\",\"eventType\":\"PaymentProcessed\",\"aggregateId\":\"pay-1\","
                    + "\"aggregateType\":\"Payment\",\"timestamp\":\"2024-01-15T10:35:00Z\","
                    + "\"payload\":{\"orderId\":\"order-1\",\"amount\":59.98},"
                    + "\"metadata\":{\"userId\":\"svc\",\"correlationId\":\"req-1\",\"causationId\":\"" + ID_1
                    + "\"}}",
            "{\"eventId\":\"" + ID_3 + "\",\"eventType\":\"OrderShipped\",\"aggregateId\":\"order-1\","
                    + "\"aggregateType\":\"Order\",\"timestamp\":\"2024-01-16T08:00:00.250Z\","
                    + "\"payload\":{\"carrier\":\"DHL\"},"
                    + "\"metadata\":{\"userId\":\"u-2\",\"correlationId\":\"req-1\",\"causationId\":\"" + ID_2
                    + "\"}}",
            "{\"eventId\":\"" + ID_4 + "\",\"eventType\":\"OrderPlaced\",\"aggregateId\":\"order-2\","
                    + "\"aggregateType\":\"Order\",\"eventVersion\":2,\"timestamp\":\"2024-01-17T09:00:00Z\","
                    + "\"payload\":{\"customerId\":\"c-2\",\"totalAmount\":10.5},"
                    + "\"metadata\":{\"userId\":\"u-1\",\"correlationId\":\"req-2\"}}",
            "");

    private Fixtures() {}

    static Path write(Path dir, String name, String content) {
        return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports {@link #ORDERS} into {@code events.db} in the runner's directory. */
    static void importOrders(Evs evs) {
        write(evs.workDir(), "orders.ndjson", ORDERS);
        Evs.Result result = evs.run("-q", "import", "orders.ndjson");
        if (result.exitCode() != 0) {
            throw new AssertionError("fixture import failed: " + result);
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection jdbc(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    /** The first column of every row of {@code sql}, as text. */
    static List<String> column(Path db, String sql) {
        try (Connection c = jdbc(db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new AssertionError("cannot query " + db + ": " + e.getMessage(), e);
        }
    }

    /** Runs statements on the store file directly, as someone with the sqlite3 CLI would. */
    static void sql(Path db, String... statements) {
        try (Connection c = jdbc(db);
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot change " + db + ": " + e.getMessage(), e);
        }
    }
}
