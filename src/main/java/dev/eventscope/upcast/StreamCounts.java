package dev.eventscope.upcast;

import dev.eventscope.event.StreamId;
import dev.eventscope.store.ReadEvents;
import dev.eventscope.store.StreamCount;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Compares the streams of a store and its migrated copy: both listed in the same order (type, then
 * id), so the comparison holds one stream of each at a time.
 */
final class StreamCounts {

    private StreamCounts() {}

    /**
     * The first stream whose count in {@code copy} is not its count in {@code source} plus its
     * {@code delta} (splits minus drops), or empty when all agree.
     */
    static Optional<String> compare(ReadEvents source, ReadEvents copy, Map<StreamId, Long> delta) {
        try (Stream<StreamCount> a = source.streamCounts();
                Stream<StreamCount> b = copy.streamCounts()) {
            Iterator<StreamCount> from = a.iterator();
            Iterator<StreamCount> to = b.iterator();
            StreamCount next = to.hasNext() ? to.next() : null;
            while (from.hasNext()) {
                StreamCount s = from.next();
                long expected = s.events() + delta.getOrDefault(s.stream(), 0L);
                if (expected == 0) {
                    continue;
                }
                if (next == null || !next.stream().equals(s.stream())) {
                    return Optional.of("stream " + s.stream() + " is missing");
                }
                if (next.events() != expected || next.version() != expected) {
                    return Optional.of("stream " + s.stream() + " has " + next.events() + " events up to version "
                            + next.version() + ", expected " + expected);
                }
                next = to.hasNext() ? to.next() : null;
            }
            if (next != null) {
                return Optional.of("stream " + next.stream() + " is not in the source");
            }
        }
        return Optional.empty();
    }
}
