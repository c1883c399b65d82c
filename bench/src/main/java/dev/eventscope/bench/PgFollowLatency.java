package dev.eventscope.bench;

import dev.eventscope.engine.StoreAdapters;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code pg-follow}: how long after an append commits a follower sees it. A writer appends one
 * event every few milliseconds on one connection; a follower on its own connections waits for
 * appends ({@code awaitAppend}: LISTEN/NOTIFY) and reads what is new, as {@code events --follow}
 * does; the latency is from the append's return to the follower's read, on one clock.
 *
 * <pre>java -cp benchmarks.jar:eventscope.jar dev.eventscope.bench.PgFollowLatency URL EVENTS</pre>
 */
public final class PgFollowLatency {

    private PgFollowLatency() {}

    public static void main(String[] args) throws Exception {
        StoreLocator locator = StoreLocator.parse(args[0], "URL");
        int events = Integer.parseInt(args[1]);
        StoreAdapters stores = new StoreAdapters();
        ConcurrentHashMap<Long, Long> committed = new ConcurrentHashMap<>();
        long[] latencies = new long[events];
        CountDownLatch ready = new CountDownLatch(1);
        Thread follower = new Thread(() -> {
            try (EventStore store =
                    stores.open(new StoreOptions(locator, StoreOptions.Access.READ, Duration.ofSeconds(60)))) {
                long last = store.headPosition();
                int seen = 0;
                store.awaitAppend(last, Duration.ofMillis(1));
                ready.countDown();
                while (seen < events) {
                    store.awaitAppend(last, Duration.ofSeconds(5));
                    try (Stream<RecordedEvent> s = store.read(EventQuery.ALL.withPositions(last + 1, null))) {
                        Iterator<RecordedEvent> it = s.iterator();
                        while (it.hasNext()) {
                            RecordedEvent e = it.next();
                            long now = System.nanoTime();
                            Long at = committed.get(e.position());
                            while (at == null) {
                                Thread.onSpinWait();
                                at = committed.get(e.position());
                            }
                            latencies[seen++] = now - at;
                            last = e.position();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        follower.start();
        ready.await();
        try (EventStore store =
                stores.open(new StoreOptions(locator, StoreOptions.Access.WRITE, Duration.ofSeconds(60)))) {
            StreamId stream = StreamId.of("Bench", "follow");
            for (int i = 0; i < events; i++) {
                RecordedEvent e = store.append(
                                List.of(new NewEvent(
                                        null,
                                        "Ticked",
                                        stream,
                                        1,
                                        null,
                                        JsonDoc.ofText("{}"),
                                        JsonDoc.EMPTY_OBJECT,
                                        null)),
                                ExpectedVersion.ANY)
                        .events()
                        .get(0);
                committed.put(e.position(), System.nanoTime());
                Thread.sleep(5);
            }
        }
        follower.join();
        Arrays.sort(latencies);
        System.out.printf(
                "follow latency over %d appends: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                events,
                latencies[events / 2] / 1e6,
                latencies[(int) Math.ceil(events * 0.99) - 1] / 1e6,
                latencies[events - 1] / 1e6);
    }
}
