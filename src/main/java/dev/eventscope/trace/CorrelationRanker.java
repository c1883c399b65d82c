package dev.eventscope.trace;

import dev.eventscope.event.StreamId;
import dev.eventscope.store.EventLink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ranks correlations in one pass over links grouped by correlation: holds one correlation at a
 * time and the best {@code limit} of each ranking.
 */
final class CorrelationRanker {

    static final Comparator<CorrelationStats> BY_SPAN = Comparator.comparing(CorrelationStats::span)
            .thenComparingInt(CorrelationStats::depth)
            .reversed()
            .thenComparing(CorrelationStats::correlationId);

    static final Comparator<CorrelationStats> BY_DEPTH = Comparator.comparingInt(CorrelationStats::depth)
            .thenComparing(CorrelationStats::span)
            .reversed()
            .thenComparing(CorrelationStats::correlationId);

    private CorrelationRanker() {}

    static CorrelationRanking rank(Iterator<EventLink> links, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more");
        }
        // each queue keeps its worst element on top, to drop it when a better one comes
        PriorityQueue<CorrelationStats> slowest = new PriorityQueue<>(BY_SPAN.reversed());
        PriorityQueue<CorrelationStats> deepest = new PriorityQueue<>(BY_DEPTH.reversed());
        long events = 0;
        long correlations = 0;
        List<EventLink> group = new ArrayList<>();
        while (links.hasNext() || !group.isEmpty()) {
            EventLink next = links.hasNext() ? links.next() : null;
            if (next != null) {
                events++;
            }
            if (next != null && (group.isEmpty() || group.get(0).correlationId().equals(next.correlationId()))) {
                group.add(next);
                continue;
            }
            CorrelationStats stats = stats(group);
            correlations++;
            keep(slowest, stats, limit);
            keep(deepest, stats, limit);
            group.clear();
            if (next != null) {
                group.add(next);
            }
        }
        return new CorrelationRanking(events, correlations, sorted(slowest, BY_SPAN), sorted(deepest, BY_DEPTH));
    }

    private static void keep(PriorityQueue<CorrelationStats> queue, CorrelationStats stats, int limit) {
        queue.add(stats);
        if (queue.size() > limit) {
            queue.poll();
        }
    }

    private static List<CorrelationStats> sorted(
            PriorityQueue<CorrelationStats> queue, Comparator<CorrelationStats> c) {
        List<CorrelationStats> list = new ArrayList<>(queue);
        list.sort(c);
        return list;
    }

    /** The figures of one correlation; depths follow causation links inside it, cycles excluded. */
    static CorrelationStats stats(List<EventLink> group) {
        int n = group.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(group.get(i).eventId().toString(), i);
        }
        int[] parent = new int[n];
        Set<StreamId> streams = new HashSet<>();
        Set<String> types = new TreeSet<>();
        Set<String> users = new HashSet<>();
        Instant first = null;
        Instant last = null;
        int roots = 0;
        for (int i = 0; i < n; i++) {
            EventLink e = group.get(i);
            Integer p = e.causationId() == null ? null : index.get(e.causationId());
            parent[i] = p == null ? -1 : p;
            roots += p == null ? 1 : 0;
            streams.add(e.stream());
            types.add(e.stream().aggregateType());
            if (e.userId() != null) {
                users.add(e.userId());
            }
            first = first == null || e.timestamp().isBefore(first) ? e.timestamp() : first;
            last = last == null || e.timestamp().isAfter(last) ? e.timestamp() : last;
        }
        int[] depth = depths(parent);
        int maxDepth = 0;
        int unreachable = 0;
        for (int d : depth) {
            maxDepth = Math.max(maxDepth, d);
            unreachable += d < 0 ? 1 : 0;
        }
        return new CorrelationStats(
                group.get(0).correlationId(),
                n,
                streams.size(),
                List.copyOf(types),
                users.size(),
                maxDepth,
                first,
                last,
                Duration.between(first, last),
                roots,
                unreachable);
    }

    /** Depth of each node (1 for a root), or -1 when following causes never reaches a root. */
    static int[] depths(int[] parent) {
        int n = parent.length;
        int[] depth = new int[n]; // 0: not yet known
        int[] stack = new int[n];
        boolean[] onStack = new boolean[n];
        for (int i = 0; i < n; i++) {
            int size = 0;
            int at = i;
            while (at >= 0 && depth[at] == 0 && !onStack[at]) {
                onStack[at] = true;
                stack[size++] = at;
                at = parent[at];
            }
            // at is a root's parent (-1), a node already known, or a node on this path (a cycle)
            int base = at < 0 ? 0 : onStack[at] ? -1 : depth[at];
            for (int k = size - 1; k >= 0; k--) {
                int node = stack[k];
                onStack[node] = false;
                base = base < 0 ? -1 : base + 1;
                depth[node] = base;
            }
        }
        return depth;
    }
}
