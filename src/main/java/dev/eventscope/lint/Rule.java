package dev.eventscope.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lint rules: each has a stable id (for {@code --rule} and for CI scripts), a severity and a
 * one-line description of what it finds.
 */
public enum Rule {
    LARGE_PAYLOAD(
            "large-payload",
            Severity.WARNING,
            "payloads above the size threshold (store references, not whole objects)"),
    MISSING_CORRELATION("missing-correlation", Severity.WARNING, "events without a correlationId"),
    DANGLING_CAUSATION(
            "dangling-causation", Severity.ERROR, "causationIds of the eventId form that name no stored event"),
    TIME_BACKWARDS(
            "time-backwards",
            Severity.WARNING,
            "events whose timestamp is before the previous event's in their stream"),
    UNKNOWN_TYPE(
            "unknown-type", Severity.WARNING, "event types that no reducer, projection or handler of the model knows"),
    NO_UPCAST_PATH(
            "no-upcast-path", Severity.ERROR, "stored schema versions with no upcaster path to the model's latest"),
    NOT_PAST_TENSE("not-past-tense", Severity.INFO, "event type names that are not in the past tense (a heuristic)"),
    RECORD_LAG(
            "record-lag",
            Severity.INFO,
            "events recorded long after they happened (record time far behind valid time)"),
    REPEATED_PAYLOAD(
            "repeated-payload",
            Severity.WARNING,
            "the same event type and payload twice in a row in one stream (a likely double write)"),
    SAGA_NEVER_ENDS(
            "saga-never-ends",
            Severity.WARNING,
            "sagas that cannot end: no end, or no end event in the store and no rule that emits one");

    private final String id;
    private final Severity severity;
    private final String description;

    Rule(String id, Severity severity, String description) {
        this.id = id;
        this.severity = severity;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String description() {
        return description;
    }

    /** The rule with this id. */
    public static Optional<Rule> byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Every rule id, in order. */
    public static List<String> ids() {
        List<String> list = new ArrayList<>();
        for (Rule r : values()) {
            list.add(r.id);
        }
        return list;
    }
}
