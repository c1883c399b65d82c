package dev.eventscope.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Cut;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.util.List;

/**
 * One given-when-then spec of the model: events given to one aggregate, a cut to replay to, and
 * what to expect: the exact state, a subset of it, or an error whose message contains a text.
 *
 * @param where {@code file:line} of the spec, for reports
 */
public record Spec(
        String file,
        String name,
        String where,
        StreamId stream,
        List<RecordedEvent> given,
        Cut when,
        Expectation then) {

    /** What a spec expects. */
    public sealed interface Expectation permits Exact, Subset, Failure {}

    /** The state is exactly this (numbers compared by value). */
    public record Exact(JsonNode state, Long version) implements Expectation {}

    /** The state has at least these keys with these values (objects compared recursively). */
    public record Subset(JsonNode state, Long version) implements Expectation {}

    /** Folding fails with a message that contains {@code text}. */
    public record Failure(String text) implements Expectation {}
}
