package dev.eventscope.engine;

import dev.eventscope.stats.Stats;
import dev.eventscope.stats.StatsReport;
import java.time.Instant;

/**
 * The store's health figures: {@code stats} once, and {@code top}'s refreshes (the heavy sections
 * recomputed only every few seconds, and only after new events). Reached through {@link
 * Engine#stats()}; one thread at a time, as its engine.
 */
public final class StatsService {

    private final Workspace workspace;

    StatsService(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Every section's figures at {@code now}. */
    public StatsReport collect(Instant now) {
        return stats().collect(now);
    }

    /** The figures at {@code now}, reusing {@code previous}'s heavy sections while they are fresh enough. */
    public StatsReport refresh(StatsReport previous, Instant now) {
        return stats().refresh(previous, now);
    }

    /** Events recorded in each of the last {@code seconds} seconds before {@code now}, oldest first. */
    public long[] perSecond(Instant now, int seconds) {
        return stats().perSecond(now, seconds);
    }

    private Stats stats() {
        return workspace.stats();
    }
}
