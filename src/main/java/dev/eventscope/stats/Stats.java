package dev.eventscope.stats;

import dev.eventscope.store.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Health figures of a store ({@code evs stats}, {@code evs top}, {@code stats --prometheus}):
 * collects every registered {@link StatsSection}. Sections are computed by the store (SQL
 * aggregates behind {@link dev.eventscope.store.ReadStatistics}), never by reading events here.
 */
public final class Stats {

    /**
     * The sections, in output order. A capability with figures of its own (snapshots, handlers,
     * dead letters) adds its section here.
     */
    public static final List<StatsSection> SECTIONS = List.of(
            Sections.TOTALS,
            Sections.RATES,
            Sections.LAG,
            Sections.EVENT_TYPES,
            Sections.LARGEST_PAYLOADS,
            new StorageSection());

    /** {@code top} recomputes heavy sections at most this often, and only after new events. */
    public static final Duration HEAVY_REFRESH = Duration.ofSeconds(5);

    /** Heavy figures of an unchanged store are recomputed after this (their windows slide). */
    public static final Duration HEAVY_MAX_AGE = Duration.ofMinutes(1);

    private final EventStore store;
    private final List<StatsSection> sections;

    public Stats(EventStore store) {
        this(store, SECTIONS);
    }

    public Stats(EventStore store, List<StatsSection> sections) {
        this.store = store;
        this.sections = List.copyOf(sections);
    }

    /**
     * Events recorded in each of the last {@code seconds} seconds before {@code now}, oldest first
     * ({@code top}'s sparkline of events per second).
     */
    public long[] perSecond(Instant now, int seconds) {
        return store.statistics().recordedPerBucket(now, Duration.ofSeconds(1), Math.max(1, seconds));
    }

    /** Every section's figures at {@code now}. */
    public StatsReport collect(Instant now) {
        return refresh(null, now);
    }

    /**
     * Every section's figures at {@code now}, reusing the heavy sections of {@code previous} (may be
     * null) while they are younger than {@link #HEAVY_REFRESH}, or than {@link #HEAVY_MAX_AGE} when
     * no event arrived since.
     */
    public StatsReport refresh(StatsReport previous, Instant now) {
        long head = store.head().position();
        boolean reuseHeavy = previous != null
                && previous.heavyAt()
                        .plus(previous.heavyHead() == head ? HEAVY_MAX_AGE : HEAVY_REFRESH)
                        .isAfter(now);
        StatsContext context = new StatsContext(store, now);
        List<StatsFigures> figures = new ArrayList<>();
        for (StatsSection s : sections) {
            StatsFigures old = reuseHeavy && s.heavy() ? previous.section(s.name()) : null;
            figures.add(old != null ? old : s.collect(context));
        }
        return reuseHeavy
                ? new StatsReport(now, head, previous.heavyAt(), previous.heavyHead(), figures)
                : new StatsReport(now, head, now, head, figures);
    }
}
