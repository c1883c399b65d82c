package dev.eventscope.store;

import dev.eventscope.event.RecordedEvent;
import java.util.List;

/**
 * A faithful bulk copy into a store that holds no events yet ({@code evs copy} into a new or empty
 * store); obtained from {@link ImportTarget#startExactLoad()}. Events go in exactly as the source
 * holds them, as with {@link AppendEvents#appendExactly}: the same positions, eventIds, stream
 * versions, times and hashes, each batch checked to continue the events before it and every hash
 * recomputed, so a damaged source is never copied.
 *
 * <p>The store chooses how it writes. A store file may take the whole load as one transaction with
 * its secondary indexes built once at {@link #commit()} (as an atomic import does, ADR 0040); then
 * nothing is visible before the commit and {@link #close()} without it (or a crash) leaves the store
 * as it was, and a store that did not exist is not created. Otherwise every {@link #write} commits
 * on its own. Not thread-safe; close it in a {@code try}-with-resources.
 */
public interface ExactLoad extends AutoCloseable {

    /**
     * Adds {@code events}, which must continue the store's log (or the batch before) exactly.
     *
     * @throws dev.eventscope.error.ConflictException when they do not continue it (another writer
     *     appended, or the store held events)
     * @throws dev.eventscope.error.InvalidInputException when an event does not match its hash
     */
    void write(List<RecordedEvent> events);

    /** Ends the load: deferred indexes are built and everything written is committed. */
    void commit();

    /** Rolls back what was written and not committed (when the load is one transaction). */
    @Override
    void close();
}
