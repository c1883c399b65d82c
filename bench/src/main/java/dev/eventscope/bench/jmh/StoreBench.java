package dev.eventscope.bench.jmh;

import dev.eventscope.bench.raw.RawConnections;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One operation of {@link Operations}, through Eventscope's store and through plain JDBC. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StoreBench {

    @Param("")
    public String db;

    /** The copy of the base store with a snapshot of the hot aggregate at its head. */
    @Param("")
    public String snapshotDb;

    @Param("")
    public String model;

    @Param("")
    public String correlationId;

    @Param("")
    public String hotAggregateType;

    @Param("")
    public String hotAggregateId;

    @Param({"correlation", "stream", "state", "state-snapshot"})
    public String operation;

    private Operations.Context context;
    private Connection raw;
    private Operations.Op op;
    private Operations.Sample sample;

    @Setup(Level.Trial)
    public void open() throws Exception {
        op = Operations.get(operation);
        Path file = Path.of(op.snapshotStore() ? snapshotDb : db);
        EventStore store = SqliteEventStore.open(new StoreOptions(
                dev.eventscope.store.StoreLocator.file(file),
                StoreOptions.Access.READ,
                StoreOptions.DEFAULT_BUSY_TIMEOUT));
        context = new Operations.Context(store, ModelLoader.load(Path.of(model), List.of()));
        raw = RawConnections.open(file, true);
        sample = new Operations.Sample(correlationId, hotAggregateType, hotAggregateId);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        context.store().close();
        raw.close();
    }

    @Benchmark
    public Object eventscope() throws Exception {
        return op.eventscope().run(context, sample);
    }

    @Benchmark
    public Object raw() throws Exception {
        return op.raw().run(raw, sample);
    }
}
