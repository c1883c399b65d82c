package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a fold is: the state, the last stream version and the highest position folded into it (0
 * when nothing was), and how many events were applied. A fold can start from any such point (a
 * snapshot) instead of the initial state.
 */
public record Folded(JsonNode state, long version, long position, long applied) {

    public Folded {
        if (state == null || !state.isObject()) {
            throw new IllegalArgumentException("a state is an object");
        }
    }

    /** Before any event. */
    public static Folded initial(JsonNode initialState) {
        return new Folded(initialState, 0, 0, 0);
    }
}
