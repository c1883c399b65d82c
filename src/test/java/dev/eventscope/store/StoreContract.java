package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;

import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the store contract suites: each test gets a fresh, empty store of the implementation
 * under test ({@link #underTest()}), opened for writing, and helpers to fill and read it. Every
 * suite is written against the port only, so each implementation runs it unchanged by naming
 * itself in a subclass.
 */
public abstract class StoreContract {

    protected static final StreamId ORDER_17 = StreamId.of("Order", "order-17");

    /** The empty store of this test, opened for writing. */
    protected EventStore store;

    /** Where {@link #store} is. */
    protected StoreLocator locator;

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** The implementation the suite checks. */
    protected abstract StoreUnderTest underTest();

    @BeforeEach
    void openEmptyStore() {
        locator = underTest().newLocator();
        store = underTest().open(locator, StoreOptions.Access.WRITE);
    }

    @AfterEach
    void closeStores() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        store.close();
    }

    /** Another connection to the store of this test, closed after the test. */
    protected EventStore another(StoreOptions.Access access) {
        return closeLater(underTest().open(locator, access));
    }

    /** Closes {@code resource} after the test. */
    protected <T extends AutoCloseable> T closeLater(T resource) {
        opened.add(resource);
        return resource;
    }

    // ------------------------------------------------------------------ helpers

    protected List<RecordedEvent> append(ExpectedVersion expected, NewEvent... events) {
        return store.append(List.of(events), expected).events();
    }

    protected List<RecordedEvent> append(NewEvent... events) {
        return append(ExpectedVersion.ANY, events);
    }

    protected List<RecordedEvent> read(EventQuery query) {
        return read(store, query);
    }

    protected static List<RecordedEvent> read(ReadEvents from, EventQuery query) {
        try (Stream<RecordedEvent> events = from.read(query)) {
            return events.toList();
        }
    }

    protected List<RecordedEvent> all() {
        return read(EventQuery.ALL);
    }

    protected static List<Long> positions(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::position).toList();
    }

    /** Appends {@code n} events to {@code stream}, one call each. */
    protected void grow(StreamId stream, int n) {
        for (int i = 0; i < n; i++) {
            append(event("Tick")
                    .on(stream.aggregateType(), stream.aggregateId())
                    .build());
        }
    }

    /** Waits until the clock has moved past {@code instant}, so the next write gets a later record time. */
    protected static void clockPast(Instant instant) {
        while (!Times.nowMicros().isAfter(instant)) {
            Thread.onSpinWait();
        }
    }
}
