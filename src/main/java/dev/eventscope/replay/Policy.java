package dev.eventscope.replay;

/**
 * Whether a fold may start from a snapshot ({@code --no-snapshot} turns it off) and whether it may
 * write one when it folded more events than the aggregate's {@code snapshotEvery} past the
 * snapshot it started from ({@code --no-snapshot-write} turns that off).
 *
 * @param readOffBy the option that turned reading off, for explanations (null: reading is on)
 */
public record Policy(String readOffBy, boolean write) {

    /** Use snapshots and write new ones as the model asks. */
    public static final Policy DEFAULT = new Policy(null, true);

    /** Use no snapshot and write none (folds that must not depend on them). */
    public static final Policy NONE = new Policy("no snapshots", false);

    public boolean read() {
        return readOffBy == null;
    }
}
