package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Where a fold is: the state, the last stream version and the highest position folded into it (0
 * when nothing was), how many events were applied, and the largest valid time (event timestamp)
 * among the events folded into it (null when none). A fold can start from any such point (a
 * snapshot) instead of the initial state; {@code applied} then counts from there.
 */
public record Folded(JsonNode state, long version, long position, long applied, Instant validTime) {

    public Folded {
        if (state == null || !state.isObject()) {
            throw new IllegalArgumentException("a state is an object");
        }
        if ((validTime == null) != (position == 0)) {
            throw new IllegalArgumentException(
                    "a point after an event has the largest timestamp folded; before" + " any, none");
        }
    }

    /** Before any event. */
    public static Folded initial(JsonNode initialState) {
        return new Folded(initialState, 0, 0, 0, null);
    }

    /**
     * A point to resume from: {@code state} after the events up to {@code version}, none of them
     * counted as applied yet.
     */
    public static Folded resume(JsonNode state, long version, long position, Instant validTime) {
        return new Folded(state, version, position, 0, validTime);
    }
}
