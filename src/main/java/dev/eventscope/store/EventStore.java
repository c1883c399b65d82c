package dev.eventscope.store;

import dev.eventscope.error.UsageException;
import java.util.Optional;

/**
 * The event store port: one store, read and written through one connection. It names no file: a
 * store is known by its {@link #locator()}, and what only some kinds of store have (a file size, a
 * write-ahead log) is answered by the capability that reports it ({@link ReadStatistics#storage()},
 * {@link IntegrityChecks#storageProblems}).
 *
 * <p>Every capability is either offered or not: the required ones are plain methods; the optional
 * ones return empty when the store does not offer them, and {@link #require} turns that into a
 * clear usage error. No method throws {@link UnsupportedOperationException}.
 *
 * <p>Not thread-safe: one instance serves one thread at a time. Separate instances (in this or
 * other processes) may use the same store concurrently; writers are serialised by the store's
 * write lock, and a writer that cannot get it in time fails as busy.
 */
public interface EventStore extends AppendEvents, ReadEvents, AutoCloseable {

    /** Where the store lives. */
    StoreLocator locator();

    /** Reads by correlation and causation, answered from their indexes (for tracing). */
    ReadLinks links();

    /** The snapshots of aggregate states kept beside the events. */
    SnapshotStore snapshots();

    /** Aggregate figures for {@code stats} and {@code top}. */
    ReadStatistics statistics();

    /** Aggregate figures for {@code lint}: anti-patterns counted by the store. */
    ReadLintFigures lintFigures();

    /** Names by prefix, for completion. */
    ReadNames names();

    /** Checks the store does for {@code verify}: storage integrity and schema. */
    IntegrityChecks integrity();

    /**
     * Checkpoints, dead letters and read-model tables, written in transactions with the events
     * (for {@code process}, {@code dlq} and {@code project}); empty when this store keeps none.
     */
    Optional<ProcessingStore> processing();

    /**
     * Read-only SQL over the store (its read models and events table), on a connection of its own
     * opened read-only; empty when this store cannot run SQL.
     */
    Optional<ReadModelQuery> readModelQuery();

    /**
     * The capability {@code offered}, or a usage error naming the store and what it lacks.
     *
     * @param what what the capability is, for the message ("checkpoints, dead letters and read
     *     models")
     * @param neededBy the commands that need it, for the hint ("process, dlq and project")
     * @throws UsageException when the store does not offer it
     */
    default <T> T require(Optional<T> offered, String what, String neededBy) {
        return offered.orElseThrow(() -> new UsageException(
                "the store " + locator() + " does not offer " + what,
                neededBy + " need a store that does: a SQLite file or a PostgreSQL schema"));
    }

    /** {@link #processing()}, or a usage error when this store keeps no checkpoints or read models. */
    default ProcessingStore requireProcessing() {
        return require(processing(), "checkpoints, dead letters and read models", "process, dlq and project");
    }

    /** {@link #readModelQuery()}, or a usage error when this store cannot run SQL. */
    default ReadModelQuery requireReadModelQuery() {
        return require(readModelQuery(), "read-only SQL queries", "query");
    }

    @Override
    void close();
}
