package dev.eventscope.store;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Reading events: finite reads in position order. */
public interface ReadEvents {

    /**
     * The events matching {@code query}. The stream holds resources: close it (try-with-resources).
     * It sees the store as of the moment the read began.
     */
    Stream<RecordedEvent> read(EventQuery query);

    Optional<RecordedEvent> byId(UUID eventId);

    Optional<RecordedEvent> byPosition(long position);

    /** The stream's current version: its highest stream version, 0 when it has no events. */
    long currentVersion(StreamId stream);

    /** Summaries of the streams matching {@code query}, by aggregate type then id. */
    Stream<StreamSummary> streams(StreamQuery query);

    StoreHead head();
}
