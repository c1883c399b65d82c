package dev.eventscope.process;

import java.util.List;

/**
 * What one {@code process} run did.
 *
 * @param from the checkpoint it started from
 * @param to the checkpoint it left
 * @param events how many events were fed to the handler (subscribed ones)
 * @param applied of those, how many it handled successfully
 * @param deadLettered how many failed every attempt and were dead-lettered
 * @param parked how many were parked behind an earlier dead letter of their aggregate
 * @param emitted how many new events it appended (reactors, plugins)
 * @param stopped whether a stop (Ctrl-C, SIGTERM) ended it
 * @param warnings things the user should know (a changed projection)
 * @param saga for a saga, what happened to its instances and deadlines; null for the others
 */
public record ProcessReport(
        String name,
        String kind,
        long from,
        long to,
        long events,
        long applied,
        long deadLettered,
        long parked,
        long emitted,
        boolean stopped,
        List<String> warnings,
        SagaFigures saga) {

    public ProcessReport {
        warnings = List.copyOf(warnings);
    }

    /** The report of a projection or handler. */
    public ProcessReport(
            String name,
            String kind,
            long from,
            long to,
            long events,
            long applied,
            long deadLettered,
            long parked,
            long emitted,
            boolean stopped,
            List<String> warnings) {
        this(name, kind, from, to, events, applied, deadLettered, parked, emitted, stopped, warnings, null);
    }

    /**
     * What a saga's run did besides taking events: instances started and ended, deadlines that
     * passed, and deadlines whose emit rule failed (dead-lettered).
     */
    public record SagaFigures(long started, long ended, long deadlinesFired, long deadlinesFailed) {}
}
