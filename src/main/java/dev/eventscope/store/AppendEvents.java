package dev.eventscope.store;

import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
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
}
