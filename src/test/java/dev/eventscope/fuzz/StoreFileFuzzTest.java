package dev.eventscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The store file opened by reading commands: a copy of the orders store with bytes changed in its
 * pages, cut short, or with foreign rows inserted with plain SQL (as the sqlite3 CLI would), then
 * one reading command. Reads work, or the store is refused as damaged (exit 74) or not found (66);
 * {@code verify} may report problems (exit 1).
 */
class StoreFileFuzzTest {

    private static final Evs EVS = new Evs(Evs.scratch("store"));

    private static final List<List<String>> COMMANDS = List.of(
            List.of("events", "-o", "ndjson"),
            List.of("show", "3"),
            List.of("streams"),
            List.of("export"),
            List.of("verify"),
            List.of("head"),
            List.of("stats"),
            List.of("--model", "MODEL", "replay", "--aggregate-type=Order", "-o", "ndjson"),
            List.of("--model", "MODEL", "state", "order-0001", "--aggregate-type=Order"),
            List.of("trace", "1"),
            List.of("lint"));

    @FuzzTest(maxDuration = "10m")
    void damaged(FuzzedDataProvider data) {
        EVS.reset();
        Fixtures.copyOrdersStore(EVS.dir());
        int how = data.consumeInt(0, 2);
        if (how == 0) {
            flip(data);
        } else if (how == 1) {
            truncate(data.consumeLong(0, size()));
        } else {
            insertForeignRow(data);
        }
        List<String> command = COMMANDS.get(data.consumeInt(0, COMMANDS.size() - 1));
        String[] args = command.stream()
                .map(a -> a.equals("MODEL") ? Fixtures.ordersModel().toString() : a)
                .toArray(String[]::new);
        Outcome.require(EVS.run(args), 1);
    }

    private void flip(FuzzedDataProvider data) {
        long size = size();
        try (RandomAccessFile f = new RandomAccessFile(EVS.db().toFile(), "rw")) {
            int flips = data.consumeInt(1, 64);
            for (int i = 0; i < flips && data.remainingBytes() > 0; i++) {
                f.seek(data.consumeLong(0, size - 1));
                f.write(data.consumeByte());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void truncate(long length) {
        try (RandomAccessFile f = new RandomAccessFile(EVS.db().toFile(), "rw")) {
            f.setLength(length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void insertForeignRow(FuzzedDataProvider data) {
        String sql = "insert into events(position, event_id, aggregate_type, aggregate_id, stream_version,"
                + " event_type, event_version, occurred_at, recorded_at, correlation_id, causation_id, user_id,"
                + " payload, metadata, hash) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + EVS.db());
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, data.consumeBoolean() ? null : data.consumeLong(-5, 1000));
            st.setString(2, data.consumeString(40));
            st.setString(3, data.consumeBoolean() ? "Order" : data.consumeString(20));
            st.setString(4, data.consumeBoolean() ? "order-0001" : data.consumeString(20));
            st.setObject(5, data.consumeLong(-2, 100));
            st.setString(6, data.consumeString(20));
            st.setObject(7, data.consumeInt(-2, 5));
            st.setObject(8, data.consumeBoolean() ? (Object) data.consumeLong() : data.consumeString(30));
            st.setObject(9, data.consumeBoolean() ? (Object) data.consumeLong() : data.consumeString(30));
            st.setString(10, data.consumeBoolean() ? null : data.consumeString(20));
            st.setString(11, data.consumeBoolean() ? null : data.consumeString(20));
            st.setString(12, data.consumeBoolean() ? null : data.consumeString(20));
            st.setBytes(13, data.consumeBytes(200));
            st.setString(14, data.consumeBoolean() ? "{}" : data.consumeString(60));
            st.setString(15, new String(data.consumeBytes(64), StandardCharsets.ISO_8859_1));
            st.executeUpdate();
        } catch (SQLException refusedBySqlite) {
            // a constraint of the schema refused the row: the store stays as it was, which is fine
        }
    }

    private long size() {
        return EVS.db().toFile().length();
    }
}
