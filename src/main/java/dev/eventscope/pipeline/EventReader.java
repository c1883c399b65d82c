package dev.eventscope.pipeline;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import java.util.stream.Stream;

/** Where stored events come from: the store ({@code store::read}), or a list in memory. */
@FunctionalInterface
public interface EventReader {

    /** The events matching {@code query}, in its order; close the stream when done. */
    Stream<RecordedEvent> read(EventQuery query);
}
