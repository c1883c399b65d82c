package dev.eventscope.replay;

import dev.eventscope.store.SnapshotInfo;

/**
 * Whether a snapshot can start a fold at a cut, and if not, why. Checked newest snapshot first;
 * the first usable one is used.
 */
public enum Fit {
    /** Made under the current model and inside the cut. */
    USABLE("usable"),
    /** Made under other rules (a reducer, the initial state or an upcaster changed since). */
    STALE("made under another model (stale fingerprint)"),
    /** Holds events after the cut's position, record time or stream version. */
    BEYOND_CUT("beyond the cut"),
    /** Holds an event whose timestamp is after the cut's valid time. */
    VALID_TIME_TOO_LATE("holds events after the --at time"),
    /** Its state no longer matches the checksum written with it, or does not parse. */
    DAMAGED("damaged (state changed after it was written)");

    private final String reason;

    Fit(String reason) {
        this.reason = reason;
    }

    /** Why a snapshot of this kind was passed over, for people. */
    public String reason() {
        return reason;
    }

    /**
     * How {@code s} fits {@code cut} under the rules with {@code fingerprint} (null: the model has
     * no such aggregate). Every event a usable snapshot folded is inside the cut: its position is
     * within the record-time bound, its version within a version cut, and, for a valid-time cut,
     * its largest timestamp is at or before the cut's time, so the events after it that the cut
     * admits are exactly the ones still to fold.
     */
    public static Fit of(SnapshotInfo s, String fingerprint, ResolvedCut cut) {
        if (!s.fingerprint().equals(fingerprint)) {
            return STALE;
        }
        if (s.position() > cut.upTo() || cut.version() >= 0 && s.version() > cut.version()) {
            return BEYOND_CUT;
        }
        if (cut.validTime() != null && s.validTime().isAfter(cut.validTime())) {
            return VALID_TIME_TOO_LATE;
        }
        return USABLE;
    }
}
