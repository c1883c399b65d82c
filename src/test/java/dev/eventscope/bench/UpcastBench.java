package dev.eventscope.bench;

import dev.eventscope.event.Json;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import dev.eventscope.upcast.CheckReport;
import dev.eventscope.upcast.UpcastCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures {@code upcast check} against the raw scan it is built on (never run by the build; run by
 * hand on a store of Account events with a payload {amt, n}, every one at v1):
 *
 * <pre>
 * java -cp target/test-classes:target/eventscope.jar dev.eventscope.bench.UpcastBench STORE [RUNS]
 * </pre>
 *
 * <p>Prints the medians: a JDBC scan of every row with Jackson parsing of payload and metadata, the
 * check with one JSLT step (v1 -> v2 renaming a payload field), and the same with a JSON Schema for
 * v2.
 */
public final class UpcastBench {

    static final String STEP = "upcasters:\n  - {type: Deposited, from: 1, to: 2, transform:"
            + " '{\"payload\": {\"amount\": .payload.amt, \"n\": .payload.n}}'}\n";

    static final String SCHEMA = "schemas:\n  Deposited:\n    2: {type: object, required: [amount, n], properties:"
            + " {amount: {type: number}, n: {type: integer, minimum: 0}}}\n";

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Model step = ModelLoader.parse("bench.yaml", STEP, Path.of("."), List.of());
        Model validated = ModelLoader.parse("bench.yaml", STEP + SCHEMA, Path.of("."), List.of());
        long[] scan = new long[runs];
        long[] check = new long[runs];
        long[] checkSchema = new long[runs];
        long events = 0;
        try (EventStore store = SqliteEventStore.open(new StoreOptions(
                        StoreLocator.file(db), StoreOptions.Access.READ, StoreOptions.DEFAULT_BUSY_TIMEOUT));
                Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                events = rawScan(raw);
                scan[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                CheckReport r = new UpcastCheck(store, step.upcasters(), step.validator()).run(0, Progress.NONE);
                check[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                CheckReport v =
                        new UpcastCheck(store, validated.upcasters(), validated.validator()).run(0, Progress.NONE);
                checkSchema[i] = System.nanoTime() - t0;
                if (!r.ok() || !v.ok()) {
                    throw new IllegalStateException("the bench store does not pass the check");
                }
            }
        }
        double scanRate = events / (median(scan) / 1e9);
        double checkRate = events / (median(check) / 1e9);
        double schemaRate = events / (median(checkSchema) / 1e9);
        System.out.printf(
                Locale.ROOT,
                "%d events: raw scan + parse %.0f events/s; upcast check (one JSLT step) %.0f events/s, ratio %.2f;"
                        + " with a schema %.0f events/s, ratio %.2f%n",
                events,
                scanRate,
                checkRate,
                checkRate / scanRate,
                schemaRate,
                schemaRate / scanRate);
    }

    private static long rawScan(Connection c) throws Exception {
        long n = 0;
        long sink = 0;
        try (PreparedStatement st = c.prepareStatement("SELECT position, event_id, aggregate_type, aggregate_id,"
                        + " stream_version, event_type, event_version, occurred_at, recorded_at, correlation_id,"
                        + " causation_id, user_id, payload, metadata, hash FROM events ORDER BY position");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                n++;
                sink += rs.getLong(1) + rs.getString(6).length();
                sink += Json.mapper().readTree(rs.getString(13)).size();
                sink += Json.mapper().readTree(rs.getString(14)).size();
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        return n;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
