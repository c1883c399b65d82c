package dev.eventscope.saga;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.pipeline.EventTransform;
import dev.eventscope.pipeline.EventTree;
import dev.eventscope.store.SagaDeadline;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A saga worked out in memory from events ({@code saga list}, {@code saga show}, {@code whatif},
 * {@code test}): the same rules and the same order as {@code process} (ADR 0180), with what {@code
 * process} would append kept in memory instead.
 *
 * <p>Events are taken in position order. Before an instance takes an event, its deadlines due
 * before that event happened (and not after {@code now}) pass. When every event is taken, the
 * deadlines due by {@code now} pass, in order of due time, instance and name, and what they emit is
 * taken in turn, until nothing is left to do. What a rule or a deadline emits is looked for in the
 * log by its derived id: an event already there (because {@code process} ran) is taken where it
 * stands, and a deadline whose first emitted event is met in the log passes right there, as it did
 * when {@code process} fired it; an event not in the log is added after the log's last one. So a
 * fold over a log that {@code process} has worked on gives the instances {@code process} keeps.
 *
 * <p>Dead letters of the saga ({@link Letter}) make the fold do what {@code process} did: an event
 * parked as a failure blocks its instance, an event (or a deadline) skipped by {@code dlq skip} is
 * left out. Without letters, a rule that fails blocks its instance the same way.
 */
final class SagaFold {

    /** Rounds of passing deadlines and taking what they emit, at most, before the fold gives up. */
    static final int MAX_ROUNDS = 1_000;

    /** What the saga's dead-letter queue says about one event. */
    record Letter(long id, String status, String deadline, String error) {
        boolean skipped() {
            return status.equals("skipped");
        }

        boolean parked() {
            return status.equals("parked");
        }
    }

    /** What a fold found. */
    record Result(Map<String, Instance> instances, long events, List<String> warnings) {}

    private final SagaMachine machine;
    private final EventTransform transform;
    private final Instant now;
    private final Predicate<RecordedEvent> happened;
    private final Map<UUID, List<Letter>> letters;
    private final boolean keepSteps;
    private final String only;
    private final ToLongFunction<UUID> stored;

    private final Map<String, Instance> instances = new HashMap<>();
    private final Map<UUID, Long> positions = new HashMap<>();
    private final Map<UUID, String[]> firings = new HashMap<>();
    private final Deque<RecordedEvent> queue = new ArrayDeque<>();
    /** Every event emitted, in order, when asked for ({@link #keepEmitted}); else null. */
    private List<NewEvent> emittedAll;

    private final List<String> warnings = new ArrayList<>();
    private long virtual;
    private long events;

    /**
     * @param transform what events added by the fold go through (the model's upcasters), as stored
     *     ones did
     * @param happened which added events are inside the cut's valid time
     * @param letters the saga's dead letters by event id (empty: the fold decides alone)
     * @param keepSteps whether each instance keeps its timeline
     * @param only the one instance to work out (the others' events are read and skipped), or null
     * @param stored where an emitted event the fold did not read is in the log (0: not there), for
     *     timelines
     */
    SagaFold(
            SagaMachine machine,
            EventTransform transform,
            Instant now,
            Predicate<RecordedEvent> happened,
            Map<UUID, List<Letter>> letters,
            boolean keepSteps,
            String only,
            ToLongFunction<UUID> stored) {
        this.machine = machine;
        this.transform = transform;
        this.now = now;
        this.happened = happened;
        this.letters = letters;
        this.keepSteps = keepSteps;
        this.only = only;
        this.stored = stored;
    }

    /** Keeps every event the fold's rules and deadlines emit, in order ({@link #emitted}). */
    SagaFold keepEmitted() {
        emittedAll = new ArrayList<>();
        return this;
    }

    /** Every event emitted, in order (empty unless {@link #keepEmitted} was asked for). */
    List<NewEvent> emitted() {
        return emittedAll == null ? List.of() : emittedAll;
    }

    /** Takes {@code log} (the saga's event types inside the cut, in position order; its highest position {@code head}). */
    Result run(List<RecordedEvent> log, long head) {
        for (RecordedEvent e : log) {
            positions.put(e.eventId(), e.position());
        }
        virtual = Math.max(head, log.isEmpty() ? 0 : log.get(log.size() - 1).position());
        queue.addAll(log);
        int rounds = 0;
        while (true) {
            while (!queue.isEmpty()) {
                take(queue.poll());
            }
            List<Object[]> due = due();
            if (due.isEmpty()) {
                break;
            }
            if (++rounds > MAX_ROUNDS) {
                warnings.add("saga " + machine.saga() + " kept emitting events it takes itself (" + MAX_ROUNDS
                        + " rounds of deadlines): the instances are shown as they were then");
                break;
            }
            for (Object[] d : due) {
                Instance i = (Instance) d[0];
                Timer t = (Timer) d[1];
                if (t.pending() && i.blockedBy == null) {
                    fire(i, t);
                }
            }
        }
        return new Result(new TreeMap<>(instances), events, warnings);
    }

    /** The pending deadlines due by now of instances that can move, in firing order. */
    private List<Object[]> due() {
        List<Object[]> out = new ArrayList<>();
        for (Instance i : instances.values()) {
            if (i.ended || i.blockedBy != null || !i.started()) {
                continue;
            }
            for (Timer t : i.pending()) {
                if (!t.due.isAfter(now)) {
                    out.add(new Object[] {i, t});
                }
            }
        }
        out.sort(Comparator.comparing((Object[] o) -> ((Timer) o[1]).due)
                .thenComparing(o -> ((Instance) o[0]).id)
                .thenComparing(o -> ((Timer) o[1]).name));
        return out;
    }

    private void take(RecordedEvent e) {
        String[] firing = firings.remove(e.eventId());
        if (firing != null) {
            // process fired this deadline here: pass it here too
            Instance i = instances.get(firing[0]);
            Timer t = i == null ? null : i.timers.get(firing[1]);
            if (t != null && t.pending() && t.setBy.toString().equals(firing[2]) && i.blockedBy == null) {
                fire(i, t);
            }
        }
        if (!machine.takes(e.eventType())) {
            return;
        }
        JsonNode tree = EventTree.lazy(e);
        String key;
        try {
            key = machine.associate(e, tree);
        } catch (SagaFailure f) {
            warnings.add("position " + e.position() + " (" + e.eventType() + "): " + f.getMessage());
            return;
        }
        if (key == null || (only != null && !only.equals(key))) {
            return;
        }
        Letter letter = stepLetter(e.eventId());
        if (letter != null && letter.skipped()) {
            return;
        }
        Instance i = instances.get(key);
        if (i == null) {
            if (!machine.starts(e.eventType())) {
                return;
            }
            i = new Instance(machine.saga(), key);
            instances.put(key, i);
        }
        if (i.ended) {
            return;
        }
        events++;
        if (i.blockedBy != null) {
            step(i, SagaStep.Kind.PARKED, e, null, List.of(), List.of(), false, "behind the failure before it");
            return;
        }
        if (letter != null && letter.parked()) {
            i.blockedBy = "dead letter " + letter.id() + ": " + letter.error();
            i.blockingLetter = letter.id();
            step(i, SagaStep.Kind.FAILED, e, null, List.of(), List.of(), false, letter.error());
            return;
        }
        if (i.started()) {
            for (Timer t : machine.passBefore(i, e, now)) {
                fire(i, t);
                if (i.blockedBy != null) {
                    step(i, SagaStep.Kind.PARKED, e, null, List.of(), List.of(), false, "behind the failure before it");
                    return;
                }
            }
        }
        SagaMachine.Taken taken;
        try {
            taken = machine.take(i, e, tree, e.timestamp());
        } catch (SagaFailure f) {
            i.blockedBy = f.getMessage();
            step(i, SagaStep.Kind.FAILED, e, null, List.of(), List.of(), false, f.getMessage());
            return;
        }
        for (SagaStep.DeadlineChange c : taken.deadlines()) {
            if (c.change() == SagaStep.Change.SET || c.change() == SagaStep.Change.RESET) {
                Timer t = i.timers.get(c.name());
                firings.put(machine.firingId(i.id, t.name, t.setBy), new String[] {i.id, t.name, t.setBy.toString()});
            }
        }
        i.lastInLog = positions.getOrDefault(e.eventId(), 0L) > 0;
        List<SagaStep.Emitted> emitted = emit(taken.emitted());
        step(i, SagaStep.Kind.EVENT, e, i.state(), emitted, taken.deadlines(), taken.ended(), null);
    }

    private void fire(Instance i, Timer t) {
        Letter skipped = firingLetter(t.setBy, t.name);
        if (skipped != null && skipped.skipped()) {
            // dlq skip resolved this deadline's failure: it never fires
            t.status = SagaDeadline.Status.FAILED;
            t.changedAt = t.due;
            return;
        }
        List<NewEvent> events;
        try {
            events = machine.fire(i, t, t.setter, EventTree.lazy(t.setter));
        } catch (SagaFailure f) {
            t.status = SagaDeadline.Status.FAILED;
            t.changedAt = t.due;
            i.blockedBy = f.getMessage();
            deadlineStep(i, t, SagaStep.Kind.FAILED, List.of(), SagaStep.Change.FAILED, f.getMessage());
            return;
        }
        t.status = SagaDeadline.Status.FIRED;
        t.changedAt = t.due;
        deadlineStep(i, t, SagaStep.Kind.DEADLINE, emit(events), SagaStep.Change.FIRED, null);
    }

    /** Where each emitted event is: in the log already, or added after it (then taken in turn). */
    private List<SagaStep.Emitted> emit(List<NewEvent> emitted) {
        List<SagaStep.Emitted> out = new ArrayList<>(emitted.size());
        if (emittedAll != null) {
            emittedAll.addAll(emitted);
        }
        for (NewEvent n : emitted) {
            Long at = positions.get(n.eventId());
            if (at == null && !machine.takes(n.eventType())) {
                // not read by the fold, as the saga does not take its type: it may still be in the log
                long p = keepSteps ? stored.applyAsLong(n.eventId()) : 0;
                out.add(new SagaStep.Emitted(n.eventId(), n.eventType(), n.stream(), n.timestamp(), p));
                continue;
            }
            if (at == null) {
                RecordedEvent added = new RecordedEvent(
                        ++virtual,
                        n.eventId(),
                        n.eventType(),
                        n.stream(),
                        1,
                        n.eventVersion(),
                        n.timestamp(),
                        now,
                        n.payload(),
                        n.metadata(),
                        n.correlationId(),
                        n.causationId(),
                        n.userId(),
                        null);
                positions.put(n.eventId(), 0L);
                for (RecordedEvent r : transform.apply(added)) {
                    if (happened.test(r)) {
                        queue.add(r);
                    }
                }
                at = 0L;
            }
            out.add(new SagaStep.Emitted(n.eventId(), n.eventType(), n.stream(), n.timestamp(), at));
        }
        return out;
    }

    private Letter stepLetter(UUID eventId) {
        for (Letter l : letters.getOrDefault(eventId, List.of())) {
            if (l.deadline() == null) {
                return l;
            }
        }
        return null;
    }

    private Letter firingLetter(UUID setter, String deadline) {
        for (Letter l : letters.getOrDefault(setter, List.of())) {
            if (deadline.equals(l.deadline())) {
                return l;
            }
        }
        return null;
    }

    private void step(
            Instance i,
            SagaStep.Kind kind,
            RecordedEvent e,
            JsonNode state,
            List<SagaStep.Emitted> emitted,
            List<SagaStep.DeadlineChange> changes,
            boolean ended,
            String error) {
        if (!keepSteps) {
            return;
        }
        i.steps.add(new SagaStep(
                kind,
                e.position(),
                positions.getOrDefault(e.eventId(), 0L) > 0,
                e.eventId(),
                e.eventType(),
                e.stream(),
                e.timestamp(),
                null,
                state,
                emitted,
                changes,
                ended,
                error));
    }

    private void deadlineStep(
            Instance i,
            Timer t,
            SagaStep.Kind kind,
            List<SagaStep.Emitted> emitted,
            SagaStep.Change change,
            String error) {
        if (!keepSteps) {
            return;
        }
        StreamId stream = t.setter == null ? null : t.setter.stream();
        i.steps.add(new SagaStep(
                kind,
                t.setByPosition,
                positions.getOrDefault(t.setBy, 0L) > 0,
                t.setBy,
                t.setter == null ? null : t.setter.eventType(),
                stream,
                t.due,
                t.name,
                kind == SagaStep.Kind.FAILED ? null : i.state(),
                emitted,
                List.of(new SagaStep.DeadlineChange(t.name, change, t.due)),
                false,
                error));
    }
}
