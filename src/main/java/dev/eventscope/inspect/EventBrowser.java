package dev.eventscope.inspect;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.pipeline.EventReader;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.EventTransform;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.ReadEvents;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Listing events: a finite read of what matches a query, or a follow that keeps delivering new
 * matching events as they are appended, in position order, until told to stop.
 */
public final class EventBrowser {

    /** Receives events; returns false to stop early (output closed, enough seen). */
    @FunctionalInterface
    public interface Sink {
        boolean accept(RecordedEvent event);
    }

    private final ReadEvents store;
    private final EventSource source;
    private final boolean scan;

    /** Lists events as stored. */
    public EventBrowser(ReadEvents store) {
        this(store, new EventSource(EventReader.of(() -> store), EventTransform.IDENTITY));
    }

    /** Lists events read through {@code source} (the pipeline); {@code store} tells the head. */
    public EventBrowser(ReadEvents store, EventSource source) {
        this(store, source, false);
    }

    private EventBrowser(ReadEvents store, EventSource source, boolean scan) {
        this.store = store;
        this.source = source;
        this.scan = scan;
    }

    /**
     * This browser for a long listing whose sink touches the store in no other way (export): the
     * store may read ahead of the sink on another thread ({@link EventSource#scan}).
     */
    public EventBrowser scanning() {
        return new EventBrowser(store, source, true);
    }

    /**
     * Delivers every event matching {@code query} and {@code filter} (applied after the store
     * query; the query's limit counts only events the filter keeps). Returns how many were
     * delivered, and the highest position seen.
     */
    public Result list(EventQuery query, Predicate<RecordedEvent> filter, Sink sink) {
        return list(query, filter, sink, Progress.NONE);
    }

    /**
     * As {@link #list(EventQuery, Predicate, Sink)}, telling {@code progress} the position of every
     * event read (a read in reverse order reports nothing). The read stops when the thread is
     * interrupted ({@link dev.eventscope.pipeline.Cancellation}).
     */
    public Result list(EventQuery query, Predicate<RecordedEvent> filter, Sink sink, Progress progress) {
        if (query.reverse()) {
            progress = Progress.NONE;
        }
        long first = query.fromPosition() == null ? 1 : query.fromPosition();
        if (progress != Progress.NONE) {
            long head = store.head().position();
            long last = query.toPosition() == null ? head : Math.min(head, query.toPosition());
            progress.begin("reading", Progress.Unit.EVENTS, Math.max(1, last - first + 1));
        }
        try {
            return read(query, filter, sink, progress, first);
        } finally {
            progress.end();
        }
    }

    private Result read(EventQuery query, Predicate<RecordedEvent> filter, Sink sink, Progress progress, long first) {
        long limit = query.limit() == null ? Long.MAX_VALUE : query.limit();
        EventQuery unlimited = filter == null ? query : query.withLimit(null);
        long delivered = 0;
        long last = 0;
        if (limit == 0) {
            return new Result(0, 0);
        }
        try (Stream<RecordedEvent> events = scan ? source.scan(unlimited) : source.read(unlimited)) {
            var it = events.iterator();
            while (it.hasNext()) {
                RecordedEvent e = it.next();
                last = Math.max(last, e.position());
                progress.at(Math.max(0, e.position() - first + 1));
                if (filter != null && !filter.test(e)) {
                    continue;
                }
                delivered++;
                if (!sink.accept(e) || delivered >= limit) {
                    return new Result(delivered, last);
                }
            }
        }
        return new Result(delivered, last);
    }

    /**
     * Lists what matches now, then polls every {@code interval} for events appended later and
     * delivers them too, until {@code stop} says so, the sink refuses, or the query's limit is
     * reached. Each poll is a short read up to the head seen just before it, so following never
     * holds the store open between polls and never skips an event: positions become visible in
     * order, one whole transaction at a time.
     */
    public long follow(
            EventQuery query, Predicate<RecordedEvent> filter, Duration interval, BooleanSupplier stop, Sink sink)
            throws InterruptedException {
        long limit = query.limit() == null ? Long.MAX_VALUE : query.limit();
        long upTo = query.toPosition() == null ? Long.MAX_VALUE : query.toPosition();
        long next = query.fromPosition() == null ? 1 : query.fromPosition();
        long delivered = 0;
        boolean open = true;
        boolean firstRound = true;
        while (open && delivered < limit && next <= upTo) {
            if (!firstRound) {
                if (stop.getAsBoolean()) {
                    break;
                }
                // woken by the store when it can tell of appends, else after the interval
                store.awaitAppend(next - 1, interval);
            }
            firstRound = false;
            long head = Math.min(store.head().position(), upTo);
            if (head < next) {
                continue;
            }
            long[] count = {delivered};
            boolean[] keepGoing = {true};
            EventQuery round =
                    query.reversed(false).withLimit(limit - delivered).withPositions(next, head);
            list(round, filter, e -> {
                count[0]++;
                keepGoing[0] = sink.accept(e);
                return keepGoing[0];
            });
            delivered = count[0];
            open = keepGoing[0];
            next = head + 1;
        }
        return delivered;
    }

    /** How many events were delivered, and the highest position read. */
    public record Result(long delivered, long lastPosition) {}
}
