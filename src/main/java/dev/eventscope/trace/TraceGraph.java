package dev.eventscope.trace;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Builds a {@link Trace} from the events a trace read: the causation edges between them, roots
 * grouped by cause, depths, delays, cycles and the critical path.
 *
 * <p>Each event has at most one cause, so the graph is a forest of trees hanging from roots plus,
 * at most, components that each hold one cycle with trees hanging from it. Everything here is
 * iterative, so a causal chain of any length cannot overflow the stack.
 */
final class TraceGraph {

    /** Valid time, then position: the order of siblings and of causes. */
    static final Comparator<RecordedEvent> BY_TIME =
            Comparator.comparing(RecordedEvent::timestamp).thenComparingLong(RecordedEvent::position);

    private final Map<UUID, RecordedEvent> events = new LinkedHashMap<>();
    private final Map<String, RecordedEvent> byIdText = new HashMap<>();
    private final Map<UUID, UUID> parent = new HashMap<>();
    private final Map<UUID, List<UUID>> children = new HashMap<>();
    private final Map<UUID, Integer> depth = new HashMap<>();
    private final Map<UUID, UUID> rootOf = new HashMap<>();

    private TraceGraph(Collection<RecordedEvent> read) {
        read.stream()
                .sorted(Comparator.comparingLong(RecordedEvent::position))
                .forEach(e -> events.put(e.eventId(), e));
        for (RecordedEvent e : events.values()) {
            byIdText.put(e.eventId().toString(), e);
        }
    }

    /**
     * Builds the trace.
     *
     * @param outsideCauses stored events outside the trace that its roots name as causes, by id text
     */
    static Trace build(
            TraceEntry entry,
            TraceOptions options,
            Collection<RecordedEvent> read,
            Map<String, RecordedEvent> outsideCauses,
            List<Trace.OutsideEffect> effectsOutside,
            List<String> limits) {
        return new TraceGraph(read).trace(entry, options, outsideCauses, effectsOutside, limits);
    }

    private Trace trace(
            TraceEntry entry,
            TraceOptions options,
            Map<String, RecordedEvent> outsideCauses,
            List<Trace.OutsideEffect> effectsOutside,
            List<String> limits) {
        link();
        List<TraceNode.Cause> causes = rootCauses(outsideCauses);
        walkFromRoots(causes);
        causes.addAll(cycles());
        List<UUID> critical = criticalPath();
        Set<UUID> onPath = new HashSet<>(critical);
        UUID entryId = entry instanceof TraceEntry.Event ev ? ev.event().eventId() : null;
        Map<UUID, TraceNode.Event> nodes = new LinkedHashMap<>();
        for (RecordedEvent e : events.values()) {
            UUID id = e.eventId();
            nodes.put(
                    id,
                    new TraceNode.Event(
                            e,
                            parent.get(id),
                            depth.get(id),
                            delay(e, outsideCauses),
                            children.getOrDefault(id, List.of()),
                            onPath.contains(id),
                            id.equals(entryId)));
        }
        TraceSummary summary = summary(nodes, causes, critical, effectsOutside.size());
        return new Trace(entry, options, nodes, causes, effectsOutside, summary, limits);
    }

    private void link() {
        for (RecordedEvent e : events.values()) {
            RecordedEvent cause = e.causationId() == null ? null : byIdText.get(e.causationId());
            if (cause != null) {
                parent.put(e.eventId(), cause.eventId());
                children.computeIfAbsent(cause.eventId(), k -> new ArrayList<>())
                        .add(e.eventId());
            }
        }
        Comparator<UUID> order = Comparator.comparing(events::get, BY_TIME);
        children.values().forEach(list -> list.sort(order));
    }

    private List<TraceNode.Cause> rootCauses(Map<String, RecordedEvent> outsideCauses) {
        Map<String, List<RecordedEvent>> byCause = new LinkedHashMap<>();
        for (RecordedEvent e : events.values()) {
            if (!parent.containsKey(e.eventId())) {
                String cause = e.causationId() == null ? "" : e.causationId();
                byCause.computeIfAbsent(cause, k -> new ArrayList<>()).add(e);
            }
        }
        List<TraceNode.Cause> causes = new ArrayList<>();
        List<RecordedEvent> firsts = new ArrayList<>();
        for (Map.Entry<String, List<RecordedEvent>> group : byCause.entrySet()) {
            List<RecordedEvent> roots = group.getValue();
            roots.sort(BY_TIME);
            String id = group.getKey();
            RecordedEvent outside = outsideCauses.get(id);
            TraceNode.CauseKind kind;
            if (id.isEmpty()) {
                kind = TraceNode.CauseKind.NONE;
            } else if (outside != null) {
                kind = TraceNode.CauseKind.OUTSIDE;
            } else if (EventIds.looksLikeEventId(id)) {
                kind = TraceNode.CauseKind.MISSING;
            } else {
                kind = TraceNode.CauseKind.COMMAND;
            }
            causes.add(new TraceNode.Cause(
                    id,
                    kind,
                    outside,
                    roots.stream().map(RecordedEvent::eventId).toList(),
                    List.of()));
            firsts.add(roots.get(0));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < causes.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(firsts::get, BY_TIME));
        List<TraceNode.Cause> sorted = new ArrayList<>();
        order.forEach(i -> sorted.add(causes.get(i)));
        return sorted;
    }

    /** Depths and roots by breadth-first walks from every root. */
    private void walkFromRoots(List<TraceNode.Cause> causes) {
        Deque<UUID> queue = new ArrayDeque<>();
        for (TraceNode.Cause cause : causes) {
            for (UUID root : cause.roots()) {
                depth.put(root, 1);
                rootOf.put(root, root);
                queue.add(root);
            }
        }
        while (!queue.isEmpty()) {
            UUID id = queue.poll();
            for (UUID child : children.getOrDefault(id, List.of())) {
                depth.put(child, depth.get(id) + 1);
                rootOf.put(child, rootOf.get(id));
                queue.add(child);
            }
        }
    }

    /**
     * The cycles among the events no root reached. Following causes from such an event never ends
     * at a root, so it always runs into a cycle.
     */
    private List<TraceNode.Cause> cycles() {
        List<TraceNode.Cause> found = new ArrayList<>();
        Set<UUID> done = new HashSet<>(depth.keySet());
        for (UUID start : events.keySet()) {
            if (done.contains(start)) {
                continue;
            }
            List<UUID> path = new ArrayList<>();
            Map<UUID, Integer> onPath = new HashMap<>();
            UUID at = start;
            while (at != null && !done.contains(at) && !onPath.containsKey(at)) {
                onPath.put(at, path.size());
                path.add(at);
                at = parent.get(at);
            }
            done.addAll(path);
            if (at == null || !onPath.containsKey(at)) {
                continue; // ran into a component already handled
            }
            // path runs effect -> cause; the cycle is its tail from the repeated event
            List<UUID> cycle = new ArrayList<>(path.subList(onPath.get(at), path.size()));
            Collections.reverse(cycle);
            UUID first = cycle.stream()
                    .min(Comparator.comparingLong(id -> events.get(id).position()))
                    .orElseThrow();
            Collections.rotate(cycle, -cycle.indexOf(first));
            found.add(new TraceNode.Cause(
                    events.get(first).causationId(), TraceNode.CauseKind.CYCLE, null, List.of(first), cycle));
            markComponent(first, done);
        }
        found.sort(Comparator.comparingLong(c -> events.get(c.roots().get(0)).position()));
        return found;
    }

    private void markComponent(UUID start, Set<UUID> done) {
        Deque<UUID> queue = new ArrayDeque<>(List.of(start));
        Set<UUID> seen = new HashSet<>(List.of(start));
        while (!queue.isEmpty()) {
            for (UUID child : children.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(child)) {
                    done.add(child);
                    queue.add(child);
                }
            }
        }
    }

    /**
     * The chain with the longest total delay. Delays along a chain add up to the time from its root
     * to its last event, so this is the reachable event furthest in time from its root (ties: the
     * deeper, then the lower position), and the chain of causes above it.
     */
    private List<UUID> criticalPath() {
        UUID best = null;
        Duration bestDelay = null;
        for (RecordedEvent e : events.values()) {
            UUID id = e.eventId();
            if (!depth.containsKey(id)) {
                continue;
            }
            Duration d = Duration.between(events.get(rootOf.get(id)).timestamp(), e.timestamp());
            int c = bestDelay == null ? 1 : d.compareTo(bestDelay);
            if (c > 0 || (c == 0 && depth.get(id) > depth.get(best))) {
                best = id;
                bestDelay = d;
            }
        }
        List<UUID> path = new ArrayList<>();
        for (UUID at = best; at != null; at = parent.get(at)) {
            path.add(at);
        }
        Collections.reverse(path);
        return path;
    }

    private Duration delay(RecordedEvent e, Map<String, RecordedEvent> outsideCauses) {
        UUID p = parent.get(e.eventId());
        RecordedEvent cause = p != null ? events.get(p) : outsideCauses.get(e.causationId());
        return cause == null ? null : Duration.between(cause.timestamp(), e.timestamp());
    }

    private TraceSummary summary(
            Map<UUID, TraceNode.Event> nodes, List<TraceNode.Cause> causes, List<UUID> critical, int outside) {
        Set<String> correlations = new TreeSet<>();
        Set<StreamId> aggregates =
                new TreeSet<>(Comparator.comparing(StreamId::aggregateType).thenComparing(StreamId::aggregateId));
        Set<String> types = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        Instant first = null;
        Instant last = null;
        int maxDepth = 0;
        int roots = 0;
        int beforeCause = 0;
        int unreachable = 0;
        for (TraceNode.Event n : nodes.values()) {
            RecordedEvent e = n.event();
            if (e.correlationId() != null) {
                correlations.add(e.correlationId());
            }
            aggregates.add(e.stream());
            types.add(e.aggregateType());
            if (e.userId() != null) {
                users.add(e.userId());
            }
            first = first == null || e.timestamp().isBefore(first) ? e.timestamp() : first;
            last = last == null || e.timestamp().isAfter(last) ? e.timestamp() : last;
            if (n.depth() == null) {
                unreachable++;
            } else {
                maxDepth = Math.max(maxDepth, n.depth());
            }
            if (n.parent() == null && n.depth() != null) {
                roots++;
            }
            if (n.delay() != null && n.delay().isNegative()) {
                beforeCause++;
            }
        }
        Duration criticalDelay = critical.isEmpty()
                ? Duration.ZERO
                : Duration.between(
                        events.get(critical.get(0)).timestamp(),
                        events.get(critical.get(critical.size() - 1)).timestamp());
        int missing = (int) causes.stream()
                .filter(c -> c.kind() == TraceNode.CauseKind.MISSING)
                .count();
        int cycles = (int) causes.stream()
                .filter(c -> c.kind() == TraceNode.CauseKind.CYCLE)
                .count();
        return new TraceSummary(
                nodes.size(),
                List.copyOf(correlations),
                List.copyOf(aggregates),
                List.copyOf(types),
                List.copyOf(users),
                maxDepth,
                Objects.requireNonNull(first),
                last,
                Duration.between(first, last),
                critical,
                criticalDelay,
                roots,
                missing,
                cycles,
                unreachable,
                outside,
                beforeCause);
    }
}
