package dev.eventscope.store;

import dev.eventscope.event.NewEvent;
import java.util.List;

/**
 * One bulk import, written batch by batch; obtained from {@link ImportTarget#startImport}.
 *
 * <p>The store chooses how it writes. Usually every {@link #write} is its own transaction, so the
 * write lock is held only briefly and what was written stays written. For a large import into an
 * empty or small store it may instead make the import <em>atomic</em> ({@link #atomic()}): every
 * batch lands in one transaction that only {@link #commit()} ends, which lets it build its
 * secondary indexes once at the end rather than event by event. Until that commit nothing is
 * visible to other connections, and {@link #close()} without it (or a crash) leaves the store
 * exactly as it was; a store that did not exist is not created. An atomic import needs no
 * validation pass of its own: invalid input found on the way is rolled back with the rest.
 *
 * <p>A conflict in a batch ends an atomic session: the whole import is rolled back. Not
 * thread-safe; close it in a {@code try}-with-resources.
 */
public interface ImportSession extends AutoCloseable {

    /** True when the whole import is one transaction that {@link #commit()} ends. */
    boolean atomic();

    /**
     * How many events an atomic import, which parses on a thread of its own while this session
     * writes, hands to {@link #write} at a time. Fewer keep less garbage alive for the collector;
     * more mean fewer calls, which cost a store that sends each batch to a server.
     */
    default int parsedBatchSize() {
        return 1_000;
    }

    /**
     * Writes one batch, with the rules of {@link AppendEvents#importBatch}: events stored already
     * with identical content are skipped, the rest appended in order.
     */
    ImportBatchResult write(List<NewEvent> events);

    /** Ends the import; an atomic one builds its deferred indexes and commits here. */
    void commit();

    /** How many transactions committed events (or will, for an atomic session). */
    int transactions();

    /** Rolls back whatever an atomic session wrote and did not commit; otherwise does nothing. */
    @Override
    void close();
}
