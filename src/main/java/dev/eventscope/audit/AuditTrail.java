package dev.eventscope.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.ReadEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Audit timelines ({@code evs audit}): who changed an aggregate, when (valid and record time) and
 * what changed in its state, step by step; or everything one user did, across aggregates.
 *
 * <p>States come from the model's reducers through the {@link TimeMachine} (the same fold as
 * {@code state}), each step's change is the {@link JsonPatch} from the state before to the state
 * after it. A stream whose aggregate type has no reducers (or a run without a model) still gets its
 * timeline, without patches. The whole stream is always folded, so a {@code since}/{@code until}
 * window shows the true change of each event in it.
 */
public final class AuditTrail {

    private final ReadEvents store;
    private final EventSource source;
    private final TimeMachine machine;

    /**
     * @param source the read pipeline (upcasters applied)
     * @param machine the folds of the model, or null without one: then the timelines carry no state
     *     patches
     */
    public AuditTrail(ReadEvents store, EventSource source, TimeMachine machine) {
        this.store = store;
        this.source = source;
        this.machine = machine;
    }

    /**
     * The timeline of one aggregate, limited to events whose timestamp is inside [since, until]
     * (either may be null).
     *
     * @throws NotFoundException when there is no such aggregate
     */
    public Timeline ofAggregate(String aggregateId, String aggregateType, Instant since, Instant until) {
        StreamId stream = TimeMachine.resolve(store, aggregateId, aggregateType);
        List<AuditEntry> entries = new ArrayList<>();
        for (AuditEntry e : changes(stream)) {
            if (inside(e.event(), since, until)) {
                entries.add(e);
            }
        }
        return new Timeline(stream.toString(), entries, hasReducers(stream.aggregateType()));
    }

    /**
     * Everything {@code userId} did (events whose metadata.userId it is), of {@code aggregateType}
     * when given, inside [since, until], in position order. Each aggregate touched is folded once.
     *
     * @throws NotFoundException when the user has no event in the window
     */
    public Timeline ofUser(String userId, String aggregateType, Instant since, Instant until) {
        EventQuery query = EventQuery.ALL
                .withStream(aggregateType, null)
                .withLinks(null, null, userId)
                .withValidTime(since, until);
        List<RecordedEvent> own = new ArrayList<>();
        try (Stream<RecordedEvent> s = store.read(query)) {
            s.forEach(own::add);
        }
        if (own.isEmpty()) {
            throw new NotFoundException(
                    "no event by user " + userId + (aggregateType == null ? "" : " on " + aggregateType)
                            + (since == null && until == null ? "" : " in that time window"),
                    "list the users with 'evs events -o json | jq -r .metadata.userId | sort -u'");
        }
        Set<StreamId> streams = new LinkedHashSet<>();
        Set<UUID> ids = new LinkedHashSet<>();
        for (RecordedEvent e : own) {
            streams.add(e.stream());
            ids.add(e.eventId());
        }
        Map<UUID, AuditEntry> byId = new HashMap<>();
        boolean withState = true;
        for (StreamId stream : streams) {
            withState &= hasReducers(stream.aggregateType());
            for (AuditEntry e : changes(stream)) {
                if (ids.contains(e.event().eventId())) {
                    byId.put(e.event().eventId(), e);
                }
            }
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (RecordedEvent e : own) {
            AuditEntry entry = byId.get(e.eventId());
            // an upcaster may have dropped or renamed the stored event: show it as stored
            entries.add(entry != null ? entry : new AuditEntry(e, null, null));
        }
        return new Timeline("user " + userId, entries, withState);
    }

    /** Every event of {@code stream} with its state patch (null patches without reducers). */
    List<AuditEntry> changes(StreamId stream) {
        List<AuditEntry> out = new ArrayList<>();
        if (!hasReducers(stream.aggregateType())) {
            try (Stream<RecordedEvent> s = source.read(EventQuery.stream(stream))) {
                s.forEach(e -> out.add(new AuditEntry(e, null, null)));
            }
            return out;
        }
        // the whole stream from its first event, so each change shown is the true one
        AggregateState state = machine.state(stream.aggregateId(), stream.aggregateType(), Cut.LATEST, true);
        JsonNode before = state.initial();
        for (AggregateState.Step step : state.steps()) {
            ArrayNode patch = JsonPatch.diff(before, step.state());
            out.add(new AuditEntry(step.event(), before, patch));
            before = step.state();
        }
        return out;
    }

    private boolean hasReducers(String aggregateType) {
        return machine != null && machine.model().find(aggregateType).isPresent();
    }

    private static boolean inside(RecordedEvent e, Instant since, Instant until) {
        return (since == null || !e.timestamp().isBefore(since))
                && (until == null || !e.timestamp().isAfter(until));
    }
}
