package dev.eventscope.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * The gap rule of ADR 0160 for sources whose order is a PostgreSQL sequence that writers draw from
 * without waiting for each other (Marten's {@code seq_id}, Message DB's and Axon's global
 * positions, RubyEventStore's and eventsourcing's ids on PostgreSQL): a position missing below the
 * last one read may belong to a transaction that has not committed yet, and reading past it would
 * lose that event for good. So a page is trusted only up to its first unsettled gap.
 *
 * <p>A gap is settled (a rollback, a sequence cache, or a late commit now visible) when either
 *
 * <ul>
 *   <li>the first row after it was stored longer than the grace period ago, by the source's clock:
 *       the old gaps of a store's history settle at once; or
 *   <li>it has been open for the grace period, and every transaction that was running when it was
 *       seen the second time has ended (a later snapshot's {@code xmin} reached that sighting's
 *       {@code xmax}).
 * </ul>
 *
 * The grace period covers writers that draw a position before their transaction has an id (a
 * {@code nextval} in a SELECT before the INSERT), which no snapshot shows; Marten's and Axon's own
 * readers wait for the same reason (Marten's stale-sequence threshold, Axon's gap timeout).
 *
 * <p>One instance follows one source through one run (or {@code --follow}); it is not thread-safe.
 */
final class SequenceGaps {

    /** The default grace period, Marten's stale-sequence threshold. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);

    /**
     * What {@code pg_current_snapshot()} and {@code now()} said in the transaction that read the page.
     *
     * @param xmin the oldest transaction still running ({@code pg_snapshot_xmin})
     * @param xmax one past the newest transaction id assigned ({@code pg_snapshot_xmax})
     * @param now the source's clock
     */
    record Snapshot(long xmin, long xmax, Instant now) {}

    private final Duration grace;
    /** First missing position of each open gap → what is known of it. */
    private final TreeMap<Long, Sighting> open = new TreeMap<>();

    private static final class Sighting {
        final Instant firstSeen;
        /** The xmax of the second sighting, or -1 after only one. */
        long settlesAt = -1;

        Sighting(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    SequenceGaps(Duration grace) {
        this.grace = grace;
    }

    /**
     * The leading part of {@code page} (read after {@code after}, in position order) that can be
     * trusted: everything before the first gap that has not settled.
     */
    List<SourceEvent> trusted(SourcePosition after, List<SourceEvent> page, Snapshot snapshot) {
        List<SourceEvent> out = new ArrayList<>(page.size());
        long expected = after.position() + 1;
        for (SourceEvent e : page) {
            long p = e.position().position();
            if (p > expected && !settled(expected, e, snapshot)) {
                break;
            }
            out.add(e);
            expected = p + 1;
        }
        long end = out.isEmpty()
                ? after.position()
                : out.get(out.size() - 1).position().position();
        Iterator<Long> behind = open.headMap(end, true).keySet().iterator();
        while (behind.hasNext()) {
            behind.next();
            behind.remove();
        }
        return out;
    }

    /** How many gaps are open: a caller reports them and reads again shortly. */
    int openGaps() {
        return open.size();
    }

    private boolean settled(long gapStart, SourceEvent after, Snapshot snapshot) {
        Instant old = snapshot.now().minus(grace);
        if (after.storedAt() != null && after.storedAt().isBefore(old)) {
            open.remove(gapStart);
            return true;
        }
        Sighting s = open.get(gapStart);
        if (s == null) {
            open.put(gapStart, new Sighting(snapshot.now()));
            return false;
        }
        if (s.settlesAt < 0) {
            s.settlesAt = snapshot.xmax();
            return false;
        }
        if (!s.firstSeen.isAfter(old) && snapshot.xmin() >= s.settlesAt) {
            open.remove(gapStart);
            return true;
        }
        return false;
    }
}
