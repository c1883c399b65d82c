package dev.eventscope.store;

import dev.eventscope.event.RecordedEvent;

/**
 * Writes a new store file as a copy of another (what {@code upcast migrate} writes into): events
 * with the eventIds, streams, stream versions and times they are given, new positions in the order
 * they come, a fresh hash chain, and where each source event landed.
 *
 * <p>The file is written without durability until {@link #finish()} (a copy that is interrupted is
 * thrown away, never used), and is unusable by others meanwhile. Not thread-safe.
 */
public interface StoreCopy extends AutoCloseable {

    /**
     * Adds {@code event} at the next position with its hash; its own position and hash are
     * ignored. Records that it is part {@code part} of the source event at {@code sourcePosition}.
     *
     * @return the event as stored
     */
    RecordedEvent add(RecordedEvent event, long sourcePosition, int part);

    /** Records that the source event at {@code sourcePosition} became no event. */
    void dropped(long sourcePosition);

    /** Records a fact about the copy in the store's info table (e.g. where it was copied from). */
    void info(String key, String value);

    /** The head so far: the last position, its hash, the events added. */
    StoreHead head();

    /**
     * Commits everything, gives the file the settings of every store (write-ahead log), and
     * forces it to disk. The file is then a complete store.
     */
    void finish();

    /**
     * Finishes as {@link #finish()} does, and runs {@code alongside} meanwhile where the store can:
     * once every event is committed, {@code alongside} may read them through a store of its own
     * (the secondary indexes may still be being built; nothing else is readable yet). Returns when
     * both are done; a failure of either is thrown (the store's first). The default finishes
     * first, then runs {@code alongside}.
     */
    default void finish(Runnable alongside) {
        finish();
        alongside.run();
    }

    /** Releases the file; what was not finished is left incomplete (the caller deletes it). */
    @Override
    void close();
}
