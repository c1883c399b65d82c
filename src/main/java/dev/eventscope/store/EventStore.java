package dev.eventscope.store;

import java.nio.file.Path;

/**
 * The event store port: one store file, read and written through one connection.
 *
 * <p>Not thread-safe: one instance serves one thread at a time. Separate instances (in this or
 * other processes) may use the same file concurrently; writers are serialised by the store's
 * write lock, and a writer that cannot get it in time fails as busy.
 */
public interface EventStore extends AppendEvents, ReadEvents, AutoCloseable {

    /** The store file. */
    Path file();

    /** Reads by correlation and causation, answered from their indexes (for tracing). */
    ReadLinks links();

    /** The snapshots of aggregate states kept in the same file. */
    SnapshotStore snapshots();

    /** Aggregate figures for {@code stats} and {@code top}. */
    ReadStatistics statistics();

    /** Aggregate figures for {@code lint}: anti-patterns counted by the store. */
    ReadLintFigures lintFigures();

    /** Names by prefix, for completion. */
    ReadNames names();

    /** Checks the store does for {@code verify}: file integrity and schema. */
    IntegrityChecks integrity();

    /**
     * Checkpoints, dead letters and read-model tables, written in transactions with the events
     * (for {@code process}, {@code dlq} and {@code project}).
     */
    default ProcessingStore processing() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no checkpoints or read models");
    }

    /** Read-only SQL over the store file, on a connection of its own opened read-only. */
    default ReadModelQuery readModelQuery() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot run SQL");
    }

    @Override
    void close();
}
