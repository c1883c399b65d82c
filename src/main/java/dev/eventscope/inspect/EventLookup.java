package dev.eventscope.inspect;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.pipeline.EventTransform;
import dev.eventscope.store.ReadEvents;
import java.util.List;
import java.util.Optional;

/** Finding one event by eventId or position ({@code show}, {@code upcast show}). */
public final class EventLookup {

    /**
     * A stored event and what it reads as through the pipeline: usually one event, several after a
     * split, none when the upcasters drop it.
     */
    public record Found(RecordedEvent stored, List<RecordedEvent> read) {

        /** The event as read that keeps the stored eventId (the first of a split), if any. */
        public Optional<RecordedEvent> same() {
            return read.stream()
                    .filter(e -> e.eventId().equals(stored.eventId()))
                    .findFirst();
        }
    }

    private EventLookup() {}

    /**
     * The stored event with eventId or position {@code id}.
     *
     * @throws UsageException when {@code id} is neither
     * @throws NotFoundException when there is no such event
     */
    public static RecordedEvent stored(ReadEvents store, String id) {
        Optional<RecordedEvent> found;
        if (id.matches("\\d{1,18}")) {
            found = store.byPosition(Long.parseLong(id));
        } else {
            try {
                found = store.byId(EventJson.parseEventId(id));
            } catch (IllegalArgumentException e) {
                throw new UsageException(
                        "'" + Text.printable(id, 60) + "' is neither an eventId nor a position",
                        "pass a UUID such as 550e8400-e29b-41d4-a716-446655440000 or a number");
            }
        }
        return found.orElseThrow(() -> new NotFoundException(
                "no event " + Text.printable(id, 60) + " in the store", "list events with 'evs events'"));
    }

    /** The stored event {@code id} and what it reads as through {@code transform}. */
    public static Found read(ReadEvents store, EventTransform transform, String id) {
        RecordedEvent stored = stored(store, id);
        return new Found(stored, transform.apply(stored));
    }
}
