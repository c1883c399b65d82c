package dev.eventscope.bench.jmh;

import dev.eventscope.bench.raw.RawConnections;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.sql.Connection;
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

    @Param("")
    public String correlationId;

    @Param("")
    public String hotAggregateType;

    @Param("")
    public String hotAggregateId;

    @Param({"correlation", "stream"})
    public String operation;

    private EventStore store;
    private Connection raw;
    private Operations.Op op;
    private Operations.Sample sample;

    @Setup(Level.Trial)
    public void open() throws Exception {
        store = SqliteEventStore.open(
                new StoreOptions(Path.of(db), StoreOptions.Access.READ, StoreOptions.DEFAULT_BUSY_TIMEOUT));
        raw = RawConnections.open(Path.of(db), true);
        op = Operations.get(operation);
        sample = new Operations.Sample(correlationId, hotAggregateType, hotAggregateId);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        store.close();
        raw.close();
    }

    @Benchmark
    public Object eventscope() throws Exception {
        return op.eventscope().run(store, sample);
    }

    @Benchmark
    public Object raw() throws Exception {
        return op.raw().run(raw, sample);
    }
}
