package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.pipeline.EventTree;
import java.time.Instant;
import java.util.UUID;

/**
 * Runs rules once on a synthetic event when they are loaded, so that a rule that compiles but
 * cannot work (it returns a string where a state is needed, it divides by zero, it calls a
 * function with the wrong arguments) fails at load time rather than half-way through a replay.
 *
 * <p>The synthetic event has the right aggregate and event type, an empty payload and metadata,
 * position and version 1 and the epoch as its times. JSLT is lenient with missing values ({@code
 * null + 1} is {@code null}), so rules written for real payloads pass.
 */
public final class DryRun {

    private DryRun() {}

    /** The synthetic event, as a tree. */
    public static JsonNode event(String aggregateType, String eventType) {
        return EventTree.of(new RecordedEvent(
                1,
                new UUID(0, 0),
                eventType,
                new StreamId(aggregateType, "dry-run"),
                1,
                1,
                Instant.EPOCH,
                Instant.EPOCH,
                JsonDoc.EMPTY_OBJECT,
                JsonDoc.EMPTY_OBJECT,
                null,
                null,
                null,
                null));
    }

    /**
     * Whether the rule failed by calling JSLT's {@code error()}: a projection or handler rule that
     * checks its input and refuses an event without the data it needs (to dead-letter it) refuses
     * the empty synthetic event too, which is no fault of the rule.
     */
    static boolean refusedOnPurpose(RuleFailure failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("error: ");
    }

    /** Why {@code failure} happened on the synthetic event, located, for a load-time problem. */
    static String describe(RuleFailure failure, String eventType) {
        return failure.location() + ": rule " + failure.source().name() + " fails on a synthetic " + eventType
                + " event (empty payload): " + failure.getMessage();
    }
}
