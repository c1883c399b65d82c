package dev.eventscope.pipeline;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one read pipeline (DESIGN §3): store query, then the model's transform (upcasters), then
 * the consumer. Every engine capability that reads events for their content reads them here.
 *
 * <p>Queries select stored events; the transform is applied to what they select. A filter on the
 * event type matches the type as read (after upcasting): the store is asked for the stored types
 * that may become it, and what the transform returns is filtered again. A limit counts events as
 * read (a split yields several), and in a reverse read the events of a split come last first.
 * Every other filter (stream, times, positions, correlation, causation, user) is on values an
 * upcaster cannot change.
 */
public final class EventSource {

    private final EventReader reader;
    private final EventTransform transform;

    public EventSource(EventReader reader, EventTransform transform) {
        this.reader = reader;
        this.transform = transform;
    }

    /** A source over events held in memory (specs, what-if timelines). */
    public static EventSource of(List<RecordedEvent> events, EventTransform transform) {
        return new EventSource(new InMemoryEvents(events), transform);
    }

    public EventTransform transform() {
        return transform;
    }

    /**
     * The events {@code query} selects, each passed through the transform. Close the stream.
     * Reading stops with a {@link java.util.concurrent.CancellationException} when the reading
     * thread is interrupted ({@link Cancellation}), so every consumer of the pipeline can be
     * cancelled between two events.
     */
    public Stream<RecordedEvent> read(EventQuery query) {
        return read(query, Read.READ);
    }

    /**
     * {@link #read} for a long read whose consumer touches the store in no other way until it
     * closes the stream: the store may read ahead on another thread ({@link EventReader#scan}).
     */
    public Stream<RecordedEvent> scan(EventQuery query) {
        return read(query, Read.SCAN);
    }

    /**
     * {@link #scan} for a fold, whose consumer reads no event's links and hash: the store may leave
     * them out ({@link EventReader#scanForFold}). Upcasters carry them over as they are.
     */
    public Stream<RecordedEvent> scanForFold(EventQuery query) {
        return read(query, Read.FOLD);
    }

    /** How the store is asked. */
    private enum Read {
        READ,
        SCAN,
        FOLD
    }

    // the events are handed on by plain iterators rather than stream stages: a consumer iterates,
    // and a stream iterator over stages buffers every element on its way (a replay's pipeline cost
    // was several percent of its time)
    private Stream<RecordedEvent> read(EventQuery query, Read how) {
        Set<String> types = query.types();
        EventQuery stored = query;
        if (!transform.isIdentity()) {
            stored = query.withLimit(null);
            if (!types.isEmpty()) {
                stored = stored.withTypes(transform.storedTypesFor(types));
            }
        }
        Stream<RecordedEvent> rows = switch (how) {
            case READ -> reader.read(stored);
            case SCAN -> reader.scan(stored);
            case FOLD -> reader.scanForFold(stored);
        };
        Iterator<RecordedEvent> events = new Checked(rows.iterator());
        if (!transform.isIdentity()) {
            events = new Transformed(events, transform, query.reverse());
        }
        Stream<RecordedEvent> read = StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(rows::close);
        if (transform.isIdentity()) {
            return read;
        }
        if (!types.isEmpty()) {
            read = read.filter(e -> types.contains(e.eventType()));
        }
        return query.limit() == null ? read : read.limit(query.limit());
    }

    /** Stored events, checking for cancellation before each. */
    private static final class Checked implements Iterator<RecordedEvent> {
        private final Iterator<RecordedEvent> rows;

        Checked(Iterator<RecordedEvent> rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public RecordedEvent next() {
            Cancellation.check();
            return rows.next();
        }
    }

    /** What the transform makes of each stored event, in order (last first in a reverse read). */
    private static final class Transformed implements Iterator<RecordedEvent> {
        private final Iterator<RecordedEvent> stored;
        private final EventTransform transform;
        private final boolean reverse;
        private List<RecordedEvent> out = List.of();
        private int next;

        Transformed(Iterator<RecordedEvent> stored, EventTransform transform, boolean reverse) {
            this.stored = stored;
            this.transform = transform;
            this.reverse = reverse;
        }

        @Override
        public boolean hasNext() {
            while (next == out.size()) {
                if (!stored.hasNext()) {
                    return false;
                }
                out = transform.apply(stored.next());
                if (reverse && out.size() > 1) {
                    out = new ArrayList<>(out);
                    Collections.reverse(out);
                }
                next = 0;
            }
            return true;
        }

        @Override
        public RecordedEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return out.get(next++);
        }
    }
}
