package dev.eventscope.bench;

import dev.eventscope.event.Cut;
import dev.eventscope.event.Json;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Replayer;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures the fold against the raw read it is built on (never run by the build; run by hand):
 *
 * <pre>
 * java -cp target/test-classes:target/eventscope.jar dev.eventscope.bench.ModelBench STORE AGGREGATE_ID
 * </pre>
 *
 * <p>The store holds Account aggregates with Deposited/Withdrawn events whose payload has an
 * amount. Prints the median of several runs: state of one aggregate vs an indexed JDBC read with
 * Jackson parsing of the same rows, and replay of every aggregate vs a scan with parsing.
 */
public final class ModelBench {

    public static final String MODEL = "aggregates:\n"
            + "  Account:\n"
            + "    initial: {balance: 0.0, count: 0, last: null}\n"
            + "    reducers:\n"
            + "      Deposited: '$state | {\"balance\": .balance + $event.payload.amount, \"count\": .count + 1,"
            + " \"last\": $event.timestamp, * : .}'\n"
            + "      Withdrawn: '$state | {\"balance\": .balance - $event.payload.amount, \"count\": .count + 1,"
            + " \"last\": $event.timestamp, * : .}'\n";

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        String id = args[1];
        Model model = ModelLoader.parse("bench.yaml", MODEL, Path.of("."), List.of());
        try (EventStore store = SqliteEventStore.open(new StoreOptions(
                        StoreLocator.file(db), StoreOptions.Access.READ, StoreOptions.DEFAULT_BUSY_TIMEOUT));
                Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            TimeMachine machine = new TimeMachine(store, model, new EventSource(store::read, model.transform()));
            long[] state = new long[15];
            long[] rawRead = new long[15];
            long events = 0;
            for (int i = 0; i < state.length; i++) {
                long t0 = System.nanoTime();
                AggregateState s = machine.state(id, "Account", Cut.LATEST, false);
                state[i] = System.nanoTime() - t0;
                events = s.version();
                t0 = System.nanoTime();
                rawStream(raw, id);
                rawRead[i] = System.nanoTime() - t0;
            }
            System.out.printf(
                    Locale.ROOT,
                    "state of %s (%d events): %.1f ms; raw indexed read + parse: %.1f ms; ratio %.2f%n",
                    id,
                    events,
                    median(state) / 1e6,
                    median(rawRead) / 1e6,
                    (double) median(state) / median(rawRead));
            long[] replay = new long[5];
            long[] scan = new long[5];
            long[] counts = new long[2];
            for (int i = 0; i < replay.length; i++) {
                long t0 = System.nanoTime();
                Replayer.Summary summary = new Replayer(machine).replay("Account", Cut.LATEST, x -> {});
                replay[i] = System.nanoTime() - t0;
                counts[0] = summary.events();
                counts[1] = summary.aggregates();
                t0 = System.nanoTime();
                rawScan(raw);
                scan[i] = System.nanoTime() - t0;
            }
            double replayRate = counts[0] / (median(replay) / 1e9);
            double scanRate = counts[0] / (median(scan) / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "replay of %d events over %d aggregates: %.0f ms (%.0f events/s); raw scan + parse: %.0f ms"
                            + " (%.0f events/s); ratio of rates %.2f%n",
                    counts[0],
                    counts[1],
                    median(replay) / 1e6,
                    replayRate,
                    median(scan) / 1e6,
                    scanRate,
                    replayRate / scanRate);
        }
    }

    private static void rawStream(Connection c, String id) throws Exception {
        try (PreparedStatement st = c.prepareStatement("SELECT position, event_id, aggregate_type, aggregate_id,"
                + " stream_version, event_type, event_version, occurred_at, recorded_at, correlation_id,"
                + " causation_id, user_id, payload, metadata, hash FROM events WHERE aggregate_type = ? AND"
                + " aggregate_id = ? ORDER BY stream_version")) {
            st.setString(1, "Account");
            st.setString(2, id);
            consume(st.executeQuery());
        }
    }

    private static void rawScan(Connection c) throws Exception {
        try (PreparedStatement st = c.prepareStatement("SELECT position, event_id, aggregate_type, aggregate_id,"
                + " stream_version, event_type, event_version, occurred_at, recorded_at, correlation_id,"
                + " causation_id, user_id, payload, metadata, hash FROM events ORDER BY position")) {
            consume(st.executeQuery());
        }
    }

    private static void consume(ResultSet rs) throws Exception {
        long sink = 0;
        while (rs.next()) {
            sink += rs.getLong(1) + rs.getString(6).length();
            sink += Json.mapper().readTree(rs.getString(13)).size();
            sink += Json.mapper().readTree(rs.getString(14)).size();
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
