package dev.eventscope.store;

import dev.eventscope.event.StreamId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Stored snapshots of aggregate states (derived data: never part of the hash chain, safe to
 * delete). Lists hold descriptions only; {@link #load} reads a state.
 *
 * <p>Each {@link #save} and {@link #delete} is one short write transaction of its own: a snapshot
 * is stored whole or not at all. A snapshot of the same stream, version and fingerprint as a
 * stored one replaces it. Not thread-safe, like the store it belongs to.
 */
public interface SnapshotStore {

    /** The snapshots of {@code stream}, newest first (highest stream version, then latest made). */
    List<SnapshotInfo> list(StreamId stream);

    /**
     * The snapshots of every stream of {@code aggregateType} (null: of every type), by aggregate
     * type and id, then newest first.
     */
    List<SnapshotInfo> list(String aggregateType);

    /** The snapshot with {@code id} and its state, if it is (still) stored. */
    Optional<Snapshot> load(long id);

    /** Stores {@code snapshots} in one transaction; returns how each was stored, in order. */
    List<SnapshotInfo> save(List<NewSnapshot> snapshots);

    /** Deletes the snapshots with these ids in one transaction; returns how many there were. */
    int delete(Collection<Long> ids);
}
