package dev.eventscope.web;

import dev.eventscope.engine.Engines;
import dev.eventscope.stats.StatsReport;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every page of one running console shares: the engines requests open theirs from, whether
 * writes exist, the CSRF token forms carry, the head watch of live pages, and the last statistics
 * report (whose heavy sections the next overview reuses while fresh, as {@code top} does).
 */
final class Console {

    private final Engines engines;
    private final boolean allowWrites;
    private final String csrf;
    private final HeadWatch watch;
    private final AtomicReference<StatsReport> stats = new AtomicReference<>();

    Console(Engines engines, boolean allowWrites, String csrf, HeadWatch watch) {
        this.engines = engines;
        this.allowWrites = allowWrites;
        this.csrf = csrf;
        this.watch = watch;
    }

    Engines engines() {
        return engines;
    }

    boolean allowWrites() {
        return allowWrites;
    }

    String csrf() {
        return csrf;
    }

    HeadWatch watch() {
        return watch;
    }

    AtomicReference<StatsReport> stats() {
        return stats;
    }
}
