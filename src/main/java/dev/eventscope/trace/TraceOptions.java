package dev.eventscope.trace;

/**
 * What a trace covers. By default the whole correlation of the entry point; {@code up} narrows it
 * to the causes of the entry event (its causation chain to the root), {@code down} to what the
 * entry caused, and both together to the entry's lineage. {@code followCausation} lets the trace
 * cross into other correlations through causation links.
 *
 * <p>{@code maxEvents} and {@code maxCorrelations} bound what one trace reads; a trace that reaches
 * a bound stops there and says so ({@link Trace#limits()}).
 */
public record TraceOptions(boolean up, boolean down, boolean followCausation, int maxEvents, int maxCorrelations) {

    public static final int DEFAULT_MAX_EVENTS = 10_000;
    public static final int DEFAULT_MAX_CORRELATIONS = 100;

    public static final TraceOptions DEFAULT =
            new TraceOptions(false, false, false, DEFAULT_MAX_EVENTS, DEFAULT_MAX_CORRELATIONS);

    public TraceOptions {
        if (maxEvents < 1 || maxCorrelations < 1) {
            throw new IllegalArgumentException("maxEvents and maxCorrelations must be 1 or more");
        }
    }

    public TraceOptions withDirection(boolean newUp, boolean newDown) {
        return new TraceOptions(newUp, newDown, followCausation, maxEvents, maxCorrelations);
    }

    public TraceOptions following(boolean follow) {
        return new TraceOptions(up, down, follow, maxEvents, maxCorrelations);
    }

    public TraceOptions withLimits(int newMaxEvents, int newMaxCorrelations) {
        return new TraceOptions(up, down, followCausation, newMaxEvents, newMaxCorrelations);
    }

    /** Whether the trace is the whole correlation rather than a walk up or down from an event. */
    public boolean wholeCorrelation() {
        return !up && !down;
    }

    /** The scope in words: {@code correlation}, {@code up}, {@code down} or {@code up+down}. */
    public String scope() {
        if (up && down) {
            return "up+down";
        }
        return up ? "up" : down ? "down" : "correlation";
    }
}
