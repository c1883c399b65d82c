package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.EventTree;
import dev.eventscope.store.EventQuery;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Folds one stream up to a cut, reading it through the pipeline from the stream index.
 *
 * <p>A valid-time cut folds exactly the events whose timestamp is at or before its time, in
 * version order, even when later versions carry earlier timestamps (then the outcome says the
 * stream is out of order). A version cut past the end of the stream is an error, not a clamp.
 */
final class StreamFolder {

    /** Sees each applied event; returns false to stop the fold there. */
    @FunctionalInterface
    interface Listener {
        boolean applied(RecordedEvent event, JsonNode tree, Folded before, Folded after);
    }

    static final Listener NONE = (e, t, b, a) -> true;

    /** How a fold ended. */
    record Outcome(Folded folded, boolean outOfOrder, boolean stopped) {}

    private StreamFolder() {}

    /**
     * Folds {@code stream} from {@code start} (the initial state, or a snapshot) up to {@code cut}.
     *
     * @throws NotFoundException for a version cut past the end of the stream
     */
    static Outcome fold(
            EventSource source, StreamId stream, Folder folder, ResolvedCut cut, Folded start, Listener listener) {
        return fold(source, stream, folder, cut, start, 0, listener);
    }

    /**
     * {@link #fold(EventSource, StreamId, Folder, ResolvedCut, Folded, Listener)} reading at most
     * {@code maxEvents} events (0: all): a walk that stops after a page reads no further (a read
     * ended by the bound is not checked against a version cut).
     */
    static Outcome fold(
            EventSource source,
            StreamId stream,
            Folder folder,
            ResolvedCut cut,
            Folded start,
            long maxEvents,
            Listener listener) {
        EventQuery query =
                EventQuery.stream(stream).withPositions(start.position() > 0 ? start.position() + 1 : null, cut.upTo());
        if (maxEvents > 0) {
            query = query.withLimit(maxEvents);
        }
        long read = 0;
        long version = cut.version();
        Folded folded = start;
        long lastSeen = start.version();
        boolean excluded = false;
        boolean outOfOrder = false;
        try (Stream<RecordedEvent> events = source.read(query)) {
            Iterator<RecordedEvent> it = events.iterator();
            while (it.hasNext()) {
                RecordedEvent e = it.next();
                read++;
                if (e.streamVersion() <= start.version()) {
                    continue;
                }
                if (version >= 0 && e.streamVersion() > version) {
                    lastSeen = Math.max(lastSeen, e.streamVersion());
                    break;
                }
                lastSeen = Math.max(lastSeen, e.streamVersion());
                if (!cut.happened(e)) {
                    excluded = true;
                    continue;
                }
                outOfOrder |= excluded;
                JsonNode tree = EventTree.lazy(e);
                Folded before = folded;
                folded = folder.apply(before, e, tree);
                if (!listener.applied(e, tree, before, folded)) {
                    return new Outcome(folded, outOfOrder, true);
                }
            }
        }
        if (version > lastSeen && (maxEvents <= 0 || read < maxEvents)) {
            throw new NotFoundException(
                    "--version " + version + " is past the end of " + stream + ", whose last version is " + lastSeen,
                    lastSeen == 0 ? "the stream has no events" : "use --version " + lastSeen + " or less");
        }
        return new Outcome(folded, outOfOrder, false);
    }
}
