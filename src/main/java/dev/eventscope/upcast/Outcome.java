package dev.eventscope.upcast;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.UpcastFailure;
import dev.eventscope.model.UpcasterChain;
import dev.eventscope.schema.EventValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the chain makes of one stored event, judged as {@code upcast check} and {@code upcast
 * migrate} judge it: the events it becomes, and the first problem if any. A problem is a failing
 * upcaster, an event left at a version other than the latest its type has, or a payload that does
 * not match the schema of its type at that version.
 */
record Outcome(RecordedEvent stored, List<RecordedEvent> events, Problem problem) {

    /** Why an event does not pass: which upcaster (if one was involved), where, and what. */
    record Problem(String upcaster, String at, String error) {}

    boolean ok() {
        return problem == null;
    }

    /** True when the chain changed the event (another version, type or payload, a split or a drop). */
    boolean changed() {
        return events.size() != 1 || events.get(0) != stored;
    }

    static Outcome of(RecordedEvent stored, UpcasterChain chain, EventValidator validator) {
        List<RecordedEvent> out;
        try {
            out = chain.upcast(stored);
        } catch (UpcastFailure f) {
            return new Outcome(stored, List.of(), new Problem(f.upcaster().name(), f.location(), f.getMessage()));
        }
        for (RecordedEvent e : out) {
            OptionalInt latest = chain.latest(e.eventType());
            if (latest.isPresent() && e.eventVersion() != latest.getAsInt()) {
                String why = e.eventVersion() > latest.getAsInt()
                        ? "is newer than the latest version the model knows (v" + latest.getAsInt() + ")"
                        : "has no upcaster to take it to the latest version v" + latest.getAsInt();
                return new Outcome(
                        stored,
                        out,
                        new Problem(
                                producer(stored, e, chain), null, e.eventType() + " v" + e.eventVersion() + " " + why));
            }
            List<String> violations = validator.violations(e.eventType(), e.eventVersion(), e.payload());
            if (!violations.isEmpty()) {
                String schema = validator
                        .schema(e.eventType(), e.eventVersion())
                        .map(s -> s.name() + " (" + s.source() + ")")
                        .orElse("");
                return new Outcome(
                        stored,
                        out,
                        new Problem(
                                producer(stored, e, chain),
                                null,
                                (out.size() > 1 ? "event " + e.eventId() + " " : "") + "does not match the schema "
                                        + schema + ": " + String.join("; ", violations)));
            }
        }
        return new Outcome(stored, out, null);
    }

    /** The name of the step that produced {@code e} from {@code stored}, or null when none did. */
    private static String producer(RecordedEvent stored, RecordedEvent e, UpcasterChain chain) {
        if (e == stored) {
            return null;
        }
        List<UpcasterChain.Applied> applied = new ArrayList<>();
        chain.trace(stored, new ArrayList<>(), applied);
        for (UpcasterChain.Applied a : applied) {
            for (RecordedEvent o : a.output()) {
                if (o.eventId().equals(e.eventId())
                        && o.eventType().equals(e.eventType())
                        && o.eventVersion() == e.eventVersion()) {
                    return a.upcaster().name();
                }
            }
        }
        return null;
    }
}
