package dev.eventscope.source;

import dev.eventscope.event.NewEvent;
import java.util.Set;

/**
 * One event read from another store, mapped to our shape, with where it came from and what the
 * mapping could not keep.
 *
 * @param event the event to import; its metadata carries {@link ImportedFrom#KEY}
 * @param position where the event sits in the source's order (a re-run resumes after it)
 * @param storedAt when the source stored the row, by the source's clock, or null where it keeps no
 *     such time (the gap rule reads it, see {@link SequenceGaps})
 * @param losses what differs from the source row, each counted in the summary (empty: nothing)
 */
public record SourceEvent(NewEvent event, SourcePosition position, java.time.Instant storedAt, Set<Loss> losses) {

    public SourceEvent {
        if (event == null || position == null) {
            throw new IllegalArgumentException("a source event needs its event and its position");
        }
        losses = Set.copyOf(losses);
    }
}
