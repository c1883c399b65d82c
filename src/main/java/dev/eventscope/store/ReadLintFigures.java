package dev.eventscope.store;

import dev.eventscope.event.StreamId;
import java.time.Duration;
import java.util.List;

/**
 * The figures {@code evs lint} needs, answered by the store as aggregates over the events table
 * (one statement each, no per-event queries), so a lint of a million events stays one pass per
 * rule. Each method returns how many events match and the first few of them in position order.
 */
public interface ReadLintFigures {

    /** One matching event, with what makes it match ({@code detail}: a size, a time, an id). */
    record Example(long position, StreamId stream, String eventType, String detail) {}

    /** How many events match, and up to the requested number of examples. */
    record Matches(long count, List<Example> examples) {

        public Matches {
            if (count < 0) {
                throw new IllegalArgumentException("count must be 0 or more");
            }
            examples = List.copyOf(examples);
        }
    }

    /** How many events of one aggregate type, event type and schema version are stored. */
    record TypeVersion(String aggregateType, String eventType, int eventVersion, long events) {}

    /** Events whose payload is larger than {@code maxBytes} (UTF-8); detail is the size in bytes. */
    Matches largePayloads(long maxBytes, int examples);

    /** Events without a correlationId. */
    Matches withoutCorrelation(int examples);

    /**
     * Events whose causationId has the form of an eventId (lower-case 8-4-4-4-12) but names no
     * stored event; detail is the causationId. Other causationIds are command or request ids.
     */
    Matches danglingCausations(int examples);

    /**
     * Events whose timestamp is earlier than that of the event before them in their stream
     * (by stream version); detail is the previous event's timestamp as epoch microseconds.
     */
    Matches timestampsBackwards(int examples);

    /** Events recorded more than {@code max} after their timestamp; detail is the lag in microseconds. */
    Matches recordLag(Duration max, int examples);

    /**
     * Events with the same event type and the same payload text as the event just before them in
     * their stream (a likely double write); detail is the previous event's position.
     */
    Matches repeatedPayloads(int examples);

    /** The stored (aggregate type, event type, schema version) combinations, sorted. */
    List<TypeVersion> typeVersions();
}
