package dev.eventscope.store;

import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import java.util.List;

/** Writing events: each call is one atomic unit, all of it stored or none. */
public interface AppendEvents extends ImportTarget {

    /**
     * Appends {@code events} atomically, after checking {@code expected} against their stream.
     *
     * <p>Idempotent by eventId: when every event is already stored with identical content, nothing
     * is written and the stored events are returned. An eventId stored with other content, or a
     * batch of which only some events are stored, is a conflict. An expected version other than
     * {@code any} needs all events to belong to one stream.
     *
     * @throws dev.eventscope.error.ConflictException on a wrong expected version or reused eventId
     */
    AppendResult append(List<NewEvent> events, ExpectedVersion expected);

    /**
     * Imports one batch atomically: events already stored with identical content are skipped,
     * the rest appended in order. Every event must carry an eventId. An event that carries a
     * streamVersion must land on exactly that version.
     */
    ImportBatchResult importBatch(List<NewEvent> events);

    /**
     * Appends events exactly as another store holds them, for a faithful copy ({@code evs copy}):
     * the same positions, eventIds, stream versions, times and hashes. In one transaction, after
     * checking under the write lock that they continue this store's head: the first is at the head's
     * position + 1, each next one at the position after, and every hash recomputes from its event and
     * the hash before it (so a damaged source is never copied).
     *
     * @throws dev.eventscope.error.ConflictException when they do not continue the head (another
     *     writer appended, or the logs diverged); nothing is written
     * @throws dev.eventscope.error.InvalidInputException when an event does not match its hash
     */
    void appendExactly(List<RecordedEvent> events);

    /**
     * A load that appends every batch with {@link #appendExactly}, each in its own transaction; a
     * store that can do better (indexes built after, one transaction) overrides it.
     */
    @Override
    default ExactLoad startExactLoad() {
        return new ExactLoad() {
            @Override
            public void write(List<RecordedEvent> events) {
                appendExactly(events);
            }

            @Override
            public void commit() {
                // every batch committed as it was written
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
