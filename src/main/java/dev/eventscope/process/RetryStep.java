package dev.eventscope.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.store.DeadLetter;
import java.util.Locale;

/**
 * What {@code dlq retry} did (or, in a dry run, would do) with one dead letter, in the order it
 * was done.
 *
 * @param attempts how often the handler ran on it in this retry
 * @param error the new error when it failed again, or why it could not be tried
 */
public record RetryStep(DeadLetter letter, Result result, int attempts, String error) {

    /** The public JSON shape of the {@code order}-th step ({@code dlq retry -o json}). */
    public ObjectNode json(int order) {
        ObjectNode o = Json.object();
        o.put("order", order);
        o.put("id", letter.id());
        o.put("handler", letter.handler());
        o.put("eventId", letter.eventId().toString());
        o.put("position", letter.position());
        o.put("eventType", letter.eventType());
        o.put("aggregateType", letter.aggregateType());
        o.put("aggregateId", letter.aggregateId());
        o.put("result", result.label());
        o.put("attempts", attempts);
        o.put("error", error);
        return o;
    }

    /** The end of one letter's retry. */
    public enum Result {
        /** a dry run: it would be retried at this point */
        PLANNED(false),
        /** the handler handled it: the letter is resolved */
        RESOLVED(false),
        /** after upcasting, the handler is not fed this event any more: the letter is resolved */
        NOT_HANDLED(false),
        /** it failed again: the letter stays parked with the new error */
        FAILED(true),
        /** an earlier letter of its aggregate failed again, so it stays parked, unattempted */
        NOT_ATTEMPTED(true),
        /** its handler is not in the model (any more): left as it is */
        NO_HANDLER(true),
        /** resolved or skipped by someone else meanwhile: left as it is */
        GONE(false);

        private final boolean stillFailing;

        Result(boolean stillFailing) {
            this.stillFailing = stillFailing;
        }

        /** Whether the letter is still parked after this (what makes {@code dlq retry} exit 1). */
        public boolean stillFailing() {
            return stillFailing;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
