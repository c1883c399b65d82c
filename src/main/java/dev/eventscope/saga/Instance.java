package dev.eventscope.saga;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.replay.Folded;
import dev.eventscope.store.SagaDeadline;
import dev.eventscope.store.SagaInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One saga instance while a run works on it (a fold in memory, or a batch of {@code process}): its
 * folded state, where it is, and its deadlines. Mutable; a run keeps one per instance id.
 */
final class Instance {

    final String saga;
    final String id;
    /** Null until its start event was taken (an instance whose start event failed has none). */
    Folded folded;

    boolean ended;
    Instant endedAt;
    long events;
    UUID startedBy;
    Instant startedAt;
    long lastPosition;
    UUID lastEventId;
    String lastEventType;
    Instant lastEventAt;
    /** Whether the last event taken is in the log (a fold may take events process has not appended yet). */
    boolean lastInLog = true;
    /** The version read from the store (0: new), for the optimistic check of a processor's commit. */
    long storedVersion;

    final Map<String, Timer> timers = new LinkedHashMap<>();

    /** Why the instance takes no events now: the error of its first dead letter, or null. */
    String blockedBy;
    /** The id of that dead letter (a processor's), or null. */
    Long blockingLetter;

    /** What happened to it, in order (kept by folds that show a timeline). */
    final List<dev.eventscope.saga.SagaStep> steps = new ArrayList<>();

    Instance(String saga, String id) {
        this.saga = saga;
        this.id = id;
    }

    /** An instance as the store keeps it, with its deadlines. */
    static Instance of(SagaInstance stored, List<SagaDeadline> deadlines) {
        Instance i = new Instance(stored.saga(), stored.instanceId());
        i.folded = Folded.resume(stored.state().node(), 0, stored.lastPosition(), stored.lastEventAt());
        i.ended = stored.status() == SagaInstance.Status.ENDED;
        i.endedAt = stored.endedAt();
        i.events = stored.events();
        i.startedBy = stored.startedBy();
        i.startedAt = stored.startedAt();
        i.lastPosition = stored.lastPosition();
        i.lastEventId = stored.lastEventId();
        i.lastEventType = stored.lastEventType();
        i.lastEventAt = stored.lastEventAt();
        i.storedVersion = stored.version();
        for (SagaDeadline d : deadlines) {
            i.timers.put(d.name(), new Timer(d));
        }
        return i;
    }

    boolean started() {
        return folded != null;
    }

    JsonNode state() {
        return folded.state();
    }

    /** Records {@code e} as the last event taken. */
    void took(RecordedEvent e) {
        if (events == 0) {
            startedBy = e.eventId();
            startedAt = e.timestamp();
        }
        events++;
        lastPosition = e.position();
        lastEventId = e.eventId();
        lastEventType = e.eventType();
        lastEventAt = e.timestamp();
    }

    /** The pending deadlines, in the order they fire: by due time, then name. */
    List<Timer> pending() {
        List<Timer> out = new ArrayList<>();
        for (Timer t : timers.values()) {
            if (t.pending()) {
                out.add(t);
            }
        }
        out.sort(Comparator.comparing((Timer t) -> t.due).thenComparing(t -> t.name));
        return out;
    }

    /** When a deadline of it last passed (its due time), or null. */
    Instant lastFired() {
        Instant last = null;
        for (Timer t : timers.values()) {
            if (t.status == SagaDeadline.Status.FIRED && (last == null || t.due.isAfter(last))) {
                last = t.due;
            }
        }
        return last;
    }

    /** The instance as the store keeps it, one version on from what was read. */
    SagaInstance record(Instant now) {
        return new SagaInstance(
                saga,
                id,
                ended ? SagaInstance.Status.ENDED : SagaInstance.Status.RUNNING,
                JsonDoc.of(folded.state()),
                events,
                startedBy,
                startedAt,
                lastPosition,
                lastEventId,
                lastEventType,
                lastEventAt,
                ended ? endedAt : null,
                storedVersion + 1,
                now);
    }
}
