package dev.eventscope.stats;

/**
 * One group of figures in {@code evs stats}: totals, rates, lag, event types, payloads, storage,
 * and later snapshots and handlers. A new capability adds its figures by adding a section to
 * {@link Stats#SECTIONS}; every output (table, JSON, Prometheus, {@code top}) picks it up.
 */
public interface StatsSection {

    /** The section's key in JSON output, e.g. {@code rates}. */
    String name();

    /**
     * True when the figures need a scan of every event (sizes, percentiles): {@code top} refreshes
     * such sections only when new events arrived, and not more often than every few seconds.
     */
    default boolean heavy() {
        return false;
    }

    /** Computes the section's figures. */
    StatsFigures collect(StatsContext context);
}
