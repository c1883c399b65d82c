package dev.eventscope.audit;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.verify.StoreVerifier;
import dev.eventscope.verify.VerifyReport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds an {@link AuditReport}: one pass over the events in scope for the figures, the
 * {@link StoreVerifier} for integrity (always over the whole store: the chain has no partial
 * proof), and an {@link AuditTrail} per chosen aggregate.
 */
public final class AuditReports {

    /** How many correlations the report lists as the slowest. */
    public static final int SLOWEST = 10;

    /** A scope spanning more days than this is charted per month instead of per day. */
    static final long MAX_DAYS_CHARTED = 92;

    private static final int MAX_AGGREGATES_LISTED = 3;

    private final EventStore store;
    private final AuditTrail trail;

    /** @param trail the timelines of the chosen aggregates, over the same store */
    public AuditReports(EventStore store, AuditTrail trail) {
        this.store = store;
        this.trail = trail;
    }

    private static final class Correlation {
        long events;
        Instant first;
        Instant last;
        final Set<String> aggregates = new LinkedHashSet<>();
    }

    /**
     * The report over the events of {@code aggregateType} (all when null) whose timestamp is in
     * [since, until] (open ends when null), with the timelines of {@code aggregates}.
     */
    public AuditReport build(String aggregateType, Instant since, Instant until, List<String> aggregates, Instant now) {
        EventQuery query = EventQuery.ALL.withStream(aggregateType, null).withValidTime(since, until);
        long events = 0;
        Set<StreamId> streams = new HashSet<>();
        Map<String, Long> perUser = new HashMap<>();
        TreeMap<LocalDate, Long> perDay = new TreeMap<>();
        Map<String, Correlation> correlations = new HashMap<>();
        Instant first = null;
        Instant last = null;
        try (Stream<RecordedEvent> s = store.read(query)) {
            Iterator<RecordedEvent> it = s.iterator();
            while (it.hasNext()) {
                RecordedEvent e = it.next();
                events++;
                streams.add(e.stream());
                perUser.merge(e.userId() == null ? "" : e.userId(), 1L, Long::sum);
                perDay.merge(LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC), 1L, Long::sum);
                first = first == null || e.timestamp().isBefore(first) ? e.timestamp() : first;
                last = last == null || e.timestamp().isAfter(last) ? e.timestamp() : last;
                if (e.correlationId() != null) {
                    Correlation c = correlations.computeIfAbsent(e.correlationId(), k -> new Correlation());
                    c.events++;
                    c.first = c.first == null || e.timestamp().isBefore(c.first) ? e.timestamp() : c.first;
                    c.last = c.last == null || e.timestamp().isAfter(c.last) ? e.timestamp() : c.last;
                    if (c.aggregates.size() < MAX_AGGREGATES_LISTED) {
                        c.aggregates.add(e.stream().toString());
                    }
                }
            }
        }
        VerifyReport integrity = new StoreVerifier(store).verify(false, null);
        List<Timeline> timelines = new ArrayList<>();
        for (String id : aggregates) {
            timelines.add(trail.ofAggregate(id, aggregateType, since, until));
        }
        boolean monthly = first != null && Duration.between(first, last).toDays() > MAX_DAYS_CHARTED;
        return new AuditReport(
                now,
                store.locator().name(),
                aggregateType,
                since,
                until,
                events,
                streams.size(),
                correlations.size(),
                first,
                last,
                users(perUser),
                monthly ? "month" : "day",
                periods(perDay, monthly),
                slowest(correlations),
                integrity,
                timelines);
    }

    private static List<AuditReport.Count> users(Map<String, Long> perUser) {
        List<AuditReport.Count> list = new ArrayList<>();
        perUser.forEach((u, n) -> list.add(new AuditReport.Count(u.isEmpty() ? null : u, n)));
        list.sort(Comparator.comparingLong(AuditReport.Count::events)
                .reversed()
                .thenComparing(AuditReport.Count::label, Comparator.nullsLast(Comparator.naturalOrder())));
        return list;
    }

    /** Every day (or month) from the first to the last, empty ones included, so the chart's axis is even. */
    private static List<AuditReport.Count> periods(TreeMap<LocalDate, Long> perDay, boolean monthly) {
        List<AuditReport.Count> list = new ArrayList<>();
        if (perDay.isEmpty()) {
            return list;
        }
        LocalDate end = perDay.lastKey();
        if (monthly) {
            TreeMap<LocalDate, Long> perMonth = new TreeMap<>();
            perDay.forEach((d, n) -> perMonth.merge(d.withDayOfMonth(1), n, Long::sum));
            for (LocalDate m = perDay.firstKey().withDayOfMonth(1); !m.isAfter(end); m = m.plusMonths(1)) {
                list.add(new AuditReport.Count(m.toString().substring(0, 7), perMonth.getOrDefault(m, 0L)));
            }
            return list;
        }
        for (LocalDate d = perDay.firstKey(); !d.isAfter(end); d = d.plusDays(1)) {
            list.add(new AuditReport.Count(d.toString(), perDay.getOrDefault(d, 0L)));
        }
        return list;
    }

    private static final Comparator<AuditReport.Span> BY_SPAN =
            Comparator.comparing(AuditReport.Span::span).reversed().thenComparing(AuditReport.Span::correlationId);

    private static List<AuditReport.Span> slowest(Map<String, Correlation> correlations) {
        // the worst of the kept ones on top, to drop it when a slower one comes
        PriorityQueue<AuditReport.Span> kept = new PriorityQueue<>(BY_SPAN.reversed());
        correlations.forEach((id, c) -> {
            kept.add(new AuditReport.Span(id, c.events, c.first, c.last, new ArrayList<>(c.aggregates)));
            if (kept.size() > SLOWEST) {
                kept.poll();
            }
        });
        List<AuditReport.Span> list = new ArrayList<>(kept);
        list.sort(BY_SPAN);
        return list;
    }
}
