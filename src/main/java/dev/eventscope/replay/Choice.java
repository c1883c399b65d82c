package dev.eventscope.replay;

import dev.eventscope.store.SnapshotInfo;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which snapshot a fold started from, or why none: the one used (null: the fold started from the
 * initial state), how many snapshots the stream has, and the newer ones passed over by reason
 * (all of them when none was used).
 *
 * @param disabledBy what turned snapshots off for this fold ({@code --no-snapshot}), or null
 */
public record Choice(SnapshotInfo used, int available, Map<Fit, Integer> passedOver, String disabledBy) {

    public Choice {
        passedOver = passedOver.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(passedOver));
    }

    /** Snapshots were not looked at. */
    public static Choice disabled(String by) {
        return new Choice(null, 0, Map.of(), by);
    }

    public boolean wasUsed() {
        return used != null;
    }
}
