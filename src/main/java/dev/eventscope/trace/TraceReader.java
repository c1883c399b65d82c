package dev.eventscope.trace;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.ReadEvents;
import dev.eventscope.store.ReadLinks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the events of one trace through the link indexes, and nothing else: a correlation at a
 * time, the cause of an event, the events a set of events caused. Remembers what it has looked up
 * so no event is asked for twice, and stops at the bounds of {@link TraceOptions}.
 *
 * <p>One instance reads one trace. Not thread-safe.
 */
final class TraceReader {

    private final ReadEvents store;
    private final ReadLinks links;
    private final TraceView view;
    private final TraceOptions options;
    /** The correlations the trace covers without following causation (may hold null). */
    private final Set<String> scope;

    /** Correlations read before the walk began (resolving the entry), by id; raw, not viewed. */
    private final Map<String, List<RecordedEvent>> preread;

    private final Map<UUID, RecordedEvent> events = new LinkedHashMap<>();
    private final Set<String> loaded = new HashSet<>();
    /** Causes looked up by id text: the stored event, or null when none has that id. */
    private final Map<String, RecordedEvent> causes = new HashMap<>();

    private final List<Trace.OutsideEffect> effectsOutside = new ArrayList<>();
    private final Set<UUID> outsideSeen = new HashSet<>();
    private final List<String> limits = new ArrayList<>();
    private boolean full;

    TraceReader(
            ReadEvents store,
            ReadLinks links,
            TraceView view,
            TraceOptions options,
            Collection<String> scope,
            Map<String, List<RecordedEvent>> preread) {
        this.preread = preread;
        this.store = store;
        this.links = links;
        this.view = view;
        this.options = options;
        this.scope = new HashSet<>(scope);
    }

    Collection<RecordedEvent> events() {
        return events.values();
    }

    List<Trace.OutsideEffect> effectsOutside() {
        return effectsOutside;
    }

    List<String> limits() {
        return limits;
    }

    /** The stored events outside the trace that its events name as causes, by id text. */
    Map<String, RecordedEvent> outsideCauses() {
        Set<String> unknown = new LinkedHashSet<>();
        for (RecordedEvent e : events.values()) {
            String c = e.causationId();
            if (EventIds.looksLikeEventId(c) && !events.containsKey(UUID.fromString(c)) && !causes.containsKey(c)) {
                unknown.add(c);
            }
        }
        lookUp(unknown);
        Map<String, RecordedEvent> outside = new HashMap<>();
        causes.forEach((id, e) -> {
            if (e != null && !events.containsKey(e.eventId())) {
                outside.put(id, e);
            }
        });
        return outside;
    }

    // ---------------------------------------------------------------- whole correlations

    /**
     * Reads whole correlations, starting with {@code correlations} and {@code seeds} (events that
     * have no correlation), then, when following causation, the correlations their causes and
     * effects belong to, until none is new or a bound is reached.
     */
    void correlations(Collection<String> correlations, Collection<RecordedEvent> seeds) {
        Deque<String> pending = new ArrayDeque<>(correlations);
        List<RecordedEvent> fresh = new ArrayList<>();
        for (RecordedEvent e : seeds) {
            if (add(e)) {
                fresh.add(e);
            }
        }
        while (!full) {
            while (!pending.isEmpty() && !full) {
                String c = pending.poll();
                if (loaded.contains(c)) {
                    continue;
                }
                if (loaded.size() >= options.maxCorrelations()) {
                    limit("stopped after " + loaded.size() + " correlations (--max-correlations)");
                    pending.clear();
                    break;
                }
                loaded.add(c);
                List<RecordedEvent> got =
                        preread.containsKey(c) ? preread.remove(c) : links.byCorrelation(c, room() + 1);
                for (RecordedEvent raw : got) {
                    for (RecordedEvent e : view.all(raw)) {
                        if (!events.containsKey(e.eventId()) && add(e)) {
                            fresh.add(e);
                        }
                    }
                }
            }
            if (fresh.isEmpty() || full) {
                break;
            }
            List<RecordedEvent> reached = new ArrayList<>();
            reached.addAll(causesOf(fresh));
            reached.addAll(effectsOf(fresh));
            fresh = new ArrayList<>();
            for (RecordedEvent e : reached) {
                if (!options.followCausation()) {
                    continue;
                }
                if (e.correlationId() != null) {
                    if (!loaded.contains(e.correlationId())) {
                        pending.add(e.correlationId());
                    }
                } else if (add(e)) {
                    fresh.add(e);
                }
            }
        }
    }

    /** The stored causes of {@code of} that are not part of the trace, read in one batch. */
    private List<RecordedEvent> causesOf(List<RecordedEvent> of) {
        Set<String> ids = new LinkedHashSet<>();
        for (RecordedEvent e : of) {
            String c = e.causationId();
            if (EventIds.looksLikeEventId(c) && !events.containsKey(UUID.fromString(c))) {
                ids.add(c);
            }
        }
        lookUp(ids);
        List<RecordedEvent> out = new ArrayList<>();
        for (String id : ids) {
            RecordedEvent cause = causes.get(id);
            if (cause != null && !events.containsKey(cause.eventId())) {
                out.add(cause);
            }
        }
        return out;
    }

    /**
     * The events {@code of} caused outside the correlations read so far (their own effects inside
     * them are read already). Those outside the scope are recorded as effects outside unless the
     * trace follows causation.
     */
    private List<RecordedEvent> effectsOf(List<RecordedEvent> of) {
        Map<String, UUID> ids = new LinkedHashMap<>();
        of.forEach(e -> ids.put(e.eventId().toString(), e.eventId()));
        List<RecordedEvent> out = new ArrayList<>();
        for (RecordedEvent raw : links.causedOutside(ids.keySet(), loaded, options.maxEvents() + 1)) {
            for (RecordedEvent e : view.all(raw)) {
                if (events.containsKey(e.eventId())) {
                    continue;
                }
                out.add(e);
                if (!inScope(e) && outsideSeen.add(e.eventId())) {
                    effectsOutside.add(new Trace.OutsideEffect(ids.get(e.causationId()), e));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- walks from an event

    /**
     * Reads the causes of {@code from}, one step at a time, until a root, a cause outside the scope,
     * a missing cause or an event already read (a cycle). Returns the highest event read.
     */
    RecordedEvent up(RecordedEvent from) {
        add(from);
        RecordedEvent at = from;
        while (!full) {
            String c = at.causationId();
            if (!EventIds.looksLikeEventId(c) || events.containsKey(UUID.fromString(c))) {
                break;
            }
            if (!causes.containsKey(c)) {
                causes.put(c, store.byId(UUID.fromString(c)).map(view::one).orElse(null));
            }
            RecordedEvent cause = causes.get(c);
            if (cause == null || !inScope(cause) || !add(cause)) {
                break;
            }
            at = cause;
        }
        return at;
    }

    /**
     * Reads what {@code from} caused, a generation at a time (one query each), staying in scope
     * unless following causation. Events outside the scope are recorded as effects outside.
     */
    void down(Collection<RecordedEvent> from) {
        Set<UUID> expanded = new HashSet<>();
        List<RecordedEvent> frontier = new ArrayList<>();
        for (RecordedEvent e : from) {
            add(e);
            frontier.add(e);
        }
        while (!frontier.isEmpty() && !full) {
            Map<String, UUID> ids = new LinkedHashMap<>();
            for (RecordedEvent e : frontier) {
                if (expanded.add(e.eventId())) {
                    ids.put(e.eventId().toString(), e.eventId());
                }
            }
            frontier = new ArrayList<>();
            walk:
            for (RecordedEvent raw : links.causedBy(ids.keySet(), options.maxEvents() + 1)) {
                for (RecordedEvent e : view.all(raw)) {
                    if (expanded.contains(e.eventId())) {
                        continue; // a cycle back to an event already walked
                    }
                    if (!inScope(e)) {
                        if (outsideSeen.add(e.eventId())) {
                            effectsOutside.add(new Trace.OutsideEffect(ids.get(e.causationId()), e));
                        }
                        continue;
                    }
                    if (!add(e)) {
                        break walk;
                    }
                    frontier.add(e);
                }
            }
        }
    }

    // ---------------------------------------------------------------- bookkeeping

    private void lookUp(Set<String> ids) {
        ids.removeIf(causes::containsKey);
        if (ids.isEmpty()) {
            return;
        }
        List<UUID> uuids = ids.stream().map(UUID::fromString).toList();
        for (RecordedEvent raw : links.byIds(uuids)) {
            causes.put(raw.eventId().toString(), view.one(raw));
        }
        ids.forEach(id -> causes.putIfAbsent(id, null));
    }

    /** Whether the trace may take in {@code e}: it is in scope, or the trace follows causation. */
    private boolean inScope(RecordedEvent e) {
        return options.followCausation() || scope.contains(e.correlationId());
    }

    /** Adds an event unless the trace is full; false when it was full (the event is left out). */
    private boolean add(RecordedEvent e) {
        if (events.containsKey(e.eventId())) {
            return true;
        }
        if (events.size() >= options.maxEvents()) {
            if (!full) {
                full = true;
                limit("cut at " + options.maxEvents() + " events (--max-events)");
            }
            return false;
        }
        events.put(e.eventId(), e);
        return true;
    }

    private int room() {
        return Math.max(0, options.maxEvents() - events.size());
    }

    private void limit(String what) {
        limits.add(what);
    }
}
