package dev.eventscope.bench;

import dev.eventscope.engine.StoreAdapters;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Eventscope side of {@code pg-append-8}: CONNECTIONS threads, each with a store of its own,
 * append TOTAL / CONNECTIONS single events to a stream of their own with the exact expected
 * version; then the positions are checked dense (1..TOTAL).
 *
 * <pre>java -cp benchmarks.jar:eventscope.jar dev.eventscope.bench.PgAppendLoad URL CONNECTIONS TOTAL</pre>
 */
public final class PgAppendLoad {

    private PgAppendLoad() {}

    public static void main(String[] args) throws Exception {
        StoreLocator locator = StoreLocator.parse(args[0], "URL");
        int connections = Integer.parseInt(args[1]);
        long each = Long.parseLong(args[2]) / connections;
        StoreAdapters stores = new StoreAdapters();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            StreamId stream = StreamId.of("Bench", "bench-" + c);
            done.add(pool.submit(() -> {
                try (EventStore store =
                        stores.open(new StoreOptions(locator, StoreOptions.Access.WRITE, Duration.ofSeconds(60)))) {
                    for (long i = 0; i < each; i++) {
                        store.append(
                                List.of(new NewEvent(
                                        null,
                                        "BenchAppended",
                                        stream,
                                        1,
                                        null,
                                        JsonDoc.ofText("{\"n\":" + i + "}"),
                                        JsonDoc.EMPTY_OBJECT,
                                        null)),
                                new ExpectedVersion.Exactly(i));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (EventStore store =
                stores.open(new StoreOptions(locator, StoreOptions.Access.READ, Duration.ofSeconds(60)))) {
            var head = store.head();
            if (head.position() != each * connections || head.events() != head.position()) {
                throw new IllegalStateException("positions are not dense: head " + head);
            }
        }
        System.err.printf(
                "%d appends over %d connections in %.2f s (%.0f/s); positions 1..%d dense%n",
                each * connections, connections, seconds, each * connections / seconds, each * connections);
    }
}
