package dev.eventscope.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.decide.Command;
import dev.eventscope.event.Cut;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.util.List;

/**
 * One spec of the model. A fold spec: events given to one aggregate, a cut to replay to, and what
 * to expect: the exact state, a subset of it, or an error whose message contains a text. An upcast
 * spec ({@code upcast}): one stored event (the only given event), and the events the upcaster
 * chain must turn it into, or an error. A command spec ({@code when: {command: ...}}): events
 * given, a command decided against them (at the cut), and the events it must decide, or the
 * rejection (a reason containing a text), or an error.
 *
 * @param where {@code file:line} of the spec, for reports
 * @param command the command of a command spec, else null
 */
public record Spec(
        String file,
        String name,
        String where,
        StreamId stream,
        List<RecordedEvent> given,
        Cut when,
        Expectation then,
        boolean upcast,
        Command command) {

    /** A fold or upcast spec. */
    public Spec(
            String file,
            String name,
            String where,
            StreamId stream,
            List<RecordedEvent> given,
            Cut when,
            Expectation then,
            boolean upcast) {
        this(file, name, where, stream, given, when, then, upcast, null);
    }

    /** What a spec expects. */
    public sealed interface Expectation permits Exact, Subset, Failure, Events, Rejected, SagaSpecs.Expectation {}

    /** The state is exactly this (numbers compared by value). */
    public record Exact(JsonNode state, Long version) implements Expectation {}

    /** The state has at least these keys with these values (objects compared recursively). */
    public record Subset(JsonNode state, Long version) implements Expectation {}

    /** Folding (or upcasting) fails with a message that contains {@code text}. */
    public record Failure(String text) implements Expectation {}

    /** The command is rejected with a reason that contains {@code text}. */
    public record Rejected(String text) implements Expectation {}

    /**
     * Upcasting (or a command) gives exactly these events, in order; each is compared on the fields it gives
     * (eventType, eventVersion, payload, metadata, eventId, ...), payload and metadata exactly.
     */
    public record Events(List<JsonNode> events) implements Expectation {

        public Events {
            events = List.copyOf(events);
        }
    }
}
