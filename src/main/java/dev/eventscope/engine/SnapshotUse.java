package dev.eventscope.engine;

import dev.eventscope.replay.Policy;

/** Whether a fold may start from a snapshot and write one ({@code --no-snapshot}, {@code --no-snapshot-write}). */
public enum SnapshotUse {
    /** Start from the newest usable snapshot, and write one when the model's snapshotEvery asks. */
    READ_AND_WRITE,
    /** Start from snapshots but never write one: stay read-only ({@code --no-snapshot-write}). */
    READ_ONLY,
    /** Fold from the first event; use no snapshot and write none ({@code --no-snapshot}). */
    NONE;

    Policy policy() {
        switch (this) {
            case NONE:
                return new Policy("--no-snapshot", false);
            case READ_ONLY:
                return new Policy(null, false);
            default:
                return Policy.DEFAULT;
        }
    }
}
