package dev.eventscope.pipeline;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.ReadEvents;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Where stored events come from: the store ({@code store::read}), or a list in memory. */
@FunctionalInterface
public interface EventReader {

    /** The events matching {@code query}, in its order; close the stream when done. */
    Stream<RecordedEvent> read(EventQuery query);

    /**
     * {@link #read} for a long read whose consumer touches the store in no other way until it
     * closes the stream; a store may read ahead on another thread (see
     * {@link dev.eventscope.store.ReadEvents#scan}).
     */
    default Stream<RecordedEvent> scan(EventQuery query) {
        return read(query);
    }

    /** {@link #scan} for a fold: events without links and hash (see {@link ReadEvents#scanForFold}). */
    default Stream<RecordedEvent> scanForFold(EventQuery query) {
        return scan(query);
    }

    /**
     * The reader of a store: its reads and its scans. The store is looked up at each read, so a
     * caller that opens another connection later (a writer) reads through that one.
     */
    static EventReader of(Supplier<? extends ReadEvents> store) {
        return new EventReader() {
            @Override
            public Stream<RecordedEvent> read(EventQuery query) {
                return store.get().read(query);
            }

            @Override
            public Stream<RecordedEvent> scan(EventQuery query) {
                return store.get().scan(query);
            }

            @Override
            public Stream<RecordedEvent> scanForFold(EventQuery query) {
                return store.get().scanForFold(query);
            }
        };
    }
}
