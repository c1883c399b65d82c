package dev.eventscope.upcast;

import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

/**
 * What {@code upcast check} found: every stored event read through the upcaster chain and checked
 * against the latest schema of its type.
 *
 * @param failures the first failures, in position order ({@code failed} counts them all)
 */
public record CheckReport(long events, long passed, long failed, List<TypeReport> types, List<Failure> failures) {

    public CheckReport {
        types = List.copyOf(types);
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failed == 0;
    }

    /**
     * One stored event type: how many events it has at each stored schema version, the latest
     * version the model knows (null: none), how many the chain changed, how many were checked
     * against a schema, and how many failed.
     */
    public record TypeReport(
            String eventType,
            SortedMap<Integer, Long> storedVersions,
            Integer latestVersion,
            long events,
            long upcast,
            long validated,
            long failed) {}

    /**
     * One stored event that does not pass.
     *
     * @param upcaster the step that failed or produced the failing event (null: none was involved)
     * @param at where that step fails in the model file (null: not a failure inside a rule)
     */
    public record Failure(
            long position,
            UUID eventId,
            String eventType,
            int eventVersion,
            String upcaster,
            String at,
            String error) {}
}
