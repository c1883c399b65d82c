package dev.eventscope.saga;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.EventTree;
import dev.eventscope.process.RetryStep;
import dev.eventscope.store.Checkpoint;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.NewDeadLetter;
import dev.eventscope.store.ProcessingStore;
import dev.eventscope.store.SagaInstance;
import dev.eventscope.store.SagaLetter;
import dev.eventscope.store.SagaStates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code process SAGA} and {@code dlq retry} do to the store, one transaction at a time: a
 * batch of events, the deadlines due, or one dead letter. Each is decided in memory from what the
 * store keeps, then written in one transaction that first checks nothing it read has changed (the
 * checkpoint, the instances, which instances are blocked); if something has, nothing is written and
 * the work is decided again.
 */
final class SagaSteps {

    /** Another process changed what a decision was based on. */
    private static final class Moved extends RuntimeException {
        Moved() {
            super("moved", null, false, false);
        }
    }

    /** What a run did, summed over its transactions. */
    static final class Totals {
        long events;
        long applied;
        long deadLettered;
        long parked;
        long emitted;
        long started;
        long ended;
        long fired;
        long failedDeadlines;
    }

    private final ProcessingStore processing;
    private final SagaStates sagas;
    private final EventSource source;
    private final SagaMachine machine;

    SagaSteps(ProcessingStore processing, EventSource source, SagaMachine machine) {
        this.processing = processing;
        this.sagas = processing.sagas();
        this.source = source;
        this.machine = machine;
    }

    private String saga() {
        return machine.saga();
    }

    /**
     * Takes the events at positions {@code committed+1 .. end} and moves the checkpoint to {@code
     * end}, in one transaction; returns the checkpoint now (further on than {@code end} when another
     * run moved it meanwhile).
     */
    long batch(long committed, long end, Instant now, String fingerprint, Totals totals) {
        List<RecordedEvent> events = read(committed + 1, end);
        while (true) {
            Work w = new Work();
            for (RecordedEvent e : events) {
                take(w, e, now);
            }
            try {
                processing.inTransaction("recording what saga " + saga() + " did", () -> {
                    if (checkpoint() != committed) {
                        throw new Moved();
                    }
                    w.write();
                    processing.checkpoints().put(saga(), end, fingerprint);
                    return null;
                });
                w.addTo(totals);
                return end;
            } catch (Moved m) {
                long now2 = checkpoint();
                if (now2 != committed) {
                    return now2;
                }
            }
        }
    }

    /** Passes every deadline due by {@code now} of instances that are not blocked, in one transaction; how many passed. */
    int fireDue(Instant now, Totals totals) {
        Work[] work = new Work[1];
        int fired = processing.inTransaction("firing the deadlines of saga " + saga(), () -> {
            Work w = new Work();
            work[0] = w;
            int n = 0;
            for (var d : sagas.due(saga(), now)) {
                if (w.blocked.containsKey(d.instanceId())) {
                    continue;
                }
                Instance i = w.instance(d.instanceId());
                Timer t = i == null || i.ended ? null : i.timers.get(d.name());
                if (t == null || !t.pending()) {
                    continue;
                }
                if (fire(w, i, t)) {
                    n++;
                }
            }
            w.write();
            return n;
        });
        work[0].addTo(totals);
        return fired;
    }

    /**
     * Retries one dead letter of the saga in its own transaction, through the rules as the model
     * has them now and the event as the pipeline gives it now.
     */
    RetryStep retry(DeadLetter letter, Instant now) {
        Optional<SagaLetter> link = sagas.letter(saga(), letter.id());
        Object[] outcome = processing.inTransaction("retrying dead letter " + letter.id(), () -> {
            Optional<DeadLetter> current = processing.deadLetters().get(letter.id());
            if (current.isEmpty() || current.get().status() != DeadLetter.Status.PARKED) {
                return new Object[] {RetryStep.Result.GONE, null};
            }
            Work w = new Work();
            String notHandled = link.isPresent() && link.get().deadline() != null
                    ? retryDeadline(w, letter, link.get())
                    : retryEvent(w, letter, now);
            if (w.failure != null) {
                processing.deadLetters().failedAgain(letter.id(), 1, w.failure);
                return new Object[] {RetryStep.Result.FAILED, w.failure};
            }
            if (notHandled != null) {
                processing.deadLetters().resolve(letter.id(), 0, notHandled);
                return new Object[] {RetryStep.Result.NOT_HANDLED, null};
            }
            w.write();
            processing.deadLetters().resolve(letter.id(), 1, "retried");
            return new Object[] {RetryStep.Result.RESOLVED, null};
        });
        RetryStep.Result result = (RetryStep.Result) outcome[0];
        return new RetryStep(letter, result, result == RetryStep.Result.GONE ? 0 : 1, (String) outcome[1]);
    }

    /** Retries a deadline whose emit rule failed; why it is no longer to be fired, or null. */
    private String retryDeadline(Work w, DeadLetter letter, SagaLetter link) {
        Instance i = w.instance(link.instanceId());
        Timer t = i == null ? null : i.timers.get(link.deadline());
        if (t == null
                || t.status != dev.eventscope.store.SagaDeadline.Status.FAILED
                || !t.setBy.equals(letter.eventId())) {
            return "no longer handled: deadline " + link.deadline() + " of " + link.instanceId()
                    + " is not waiting to fire";
        }
        t.status = dev.eventscope.store.SagaDeadline.Status.PENDING;
        if (!fire(w, i, t)) {
            w.failure = w.lastError;
        }
        return null;
    }

    /** Retries an event a rule failed on (or one parked behind it); why it is no longer taken, or null. */
    private String retryEvent(Work w, DeadLetter letter, Instant now) {
        RecordedEvent e = null;
        for (RecordedEvent r : read(letter.position(), letter.position())) {
            if (r.eventId().equals(letter.eventId()) || e == null) {
                e = r;
            }
        }
        if (e == null) {
            return "no longer handled: after upcasting, saga " + saga() + " takes no event at position "
                    + letter.position();
        }
        JsonNode tree = EventTree.lazy(e);
        String key;
        try {
            key = machine.associate(e, tree);
        } catch (SagaFailure f) {
            w.failure = f.getMessage();
            return null;
        }
        if (key == null) {
            return "no longer handled: the event joins no instance of saga " + saga();
        }
        Instance i = w.instance(key);
        if (i == null && !machine.starts(e.eventType())) {
            return "no longer handled: " + key + " has not started, and " + e.eventType() + " does not start it";
        }
        if (i != null && i.ended) {
            return "no longer handled: instance " + key + " has ended";
        }
        if (i == null) {
            i = w.create(key);
        }
        if (i.started()) {
            for (Timer t : machine.passBefore(i, e, now)) {
                if (!fire(w, i, t)) {
                    w.failure = w.lastError;
                    return null;
                }
            }
        }
        try {
            SagaMachine.Taken taken = machine.take(i, e, tree, w.recordNow);
            w.took(i, taken);
        } catch (SagaFailure f) {
            w.failure = f.getMessage();
        }
        return null;
    }

    /** Decides one event of a batch. */
    private void take(Work w, RecordedEvent e, Instant now) {
        if (!machine.takes(e.eventType())) {
            return;
        }
        w.batchEvents.put(e.eventId(), e);
        JsonNode tree = EventTree.lazy(e);
        String key;
        try {
            key = machine.associate(e, tree);
        } catch (SagaFailure f) {
            w.events++;
            w.letter(e, null, null, f.getMessage());
            return;
        }
        if (key == null) {
            return;
        }
        Instance i = w.instance(key);
        if (i == null) {
            if (!machine.starts(e.eventType())) {
                return;
            }
            i = w.create(key);
        }
        if (i.ended) {
            return;
        }
        w.events++;
        if (w.blocked.containsKey(key)) {
            w.park(e, key);
            return;
        }
        if (i.started()) {
            for (Timer t : machine.passBefore(i, e, now)) {
                if (!fire(w, i, t)) {
                    w.park(e, key);
                    return;
                }
            }
        }
        try {
            SagaMachine.Taken taken = machine.take(i, e, tree, w.recordNow);
            w.took(i, taken);
        } catch (SagaFailure f) {
            w.letter(e, key, null, f.getMessage());
        }
    }

    /**
     * Passes deadline {@code t} of {@code i}: what it emits is to be appended, or, when its rule
     * fails, the event that set it is dead-lettered for the deadline and the instance is blocked.
     * False when it failed.
     */
    private boolean fire(Work w, Instance i, Timer t) {
        RecordedEvent setter = w.setter(t);
        List<NewEvent> events;
        try {
            if (setter == null) {
                throw new SagaFailure("deadline " + t.name + ": the event that set it (position " + t.setByPosition
                        + ") is not read any more (after upcasting)");
            }
            events = machine.fire(i, t, setter, EventTree.lazy(setter));
        } catch (SagaFailure f) {
            t.status = dev.eventscope.store.SagaDeadline.Status.FAILED;
            t.changedAt = w.recordNow;
            w.touched.put(i.id, i);
            w.changedTimers.put(i.id, i);
            w.lastError = f.getMessage();
            w.failedDeadlines++;
            if (setter != null) {
                w.letter(setter, i.id, t.name, f.getMessage());
            }
            return false;
        }
        t.status = dev.eventscope.store.SagaDeadline.Status.FIRED;
        t.changedAt = w.recordNow;
        w.touched.put(i.id, i);
        w.changedTimers.put(i.id, i);
        w.emitted.addAll(events);
        w.fired++;
        return true;
    }

    private long checkpoint() {
        return processing.checkpoints().get(saga()).map(Checkpoint::position).orElse(0L);
    }

    /** The saga's events at positions {@code from..to}, through the pipeline. */
    private List<RecordedEvent> read(long from, long to) {
        EventQuery query =
                EventQuery.ALL.withPositions(from, to).withTypes(machine.model().eventTypes());
        try (Stream<RecordedEvent> s = source.read(query)) {
            return s.toList();
        }
    }

    /** One transaction's work: the instances it read and changed, what it emits, its dead letters. */
    private final class Work {

        final Instant recordNow = Times.nowMicros();
        final Map<String, Long> blocked = new HashMap<>(sagas.blocked(saga()));
        final Map<String, Long> blockedAtStart = new HashMap<>(blocked);
        final Map<String, Instance> loaded = new HashMap<>();
        final Map<String, Instance> touched = new LinkedHashMap<>();
        final Map<String, Instance> changedTimers = new LinkedHashMap<>();
        final Map<java.util.UUID, RecordedEvent> batchEvents = new HashMap<>();
        final List<NewEvent> emitted = new ArrayList<>();
        final List<Letter> letters = new ArrayList<>();
        long events;
        long applied;
        long parked;
        long started;
        long ended;
        long fired;
        long failedDeadlines;
        int appended;
        String failure;
        String lastError;

        /** A dead letter to park: the event, its instance (null: none), the deadline that failed (null: the event's step). */
        record Letter(RecordedEvent event, String instance, String deadline, String error, long blocker) {}

        Instance instance(String key) {
            if (loaded.containsKey(key)) {
                return loaded.get(key);
            }
            Instance i = sagas.instance(saga(), key)
                    .map(s -> Instance.of(s, sagas.deadlines(saga(), key)))
                    .orElse(null);
            loaded.put(key, i);
            return i;
        }

        Instance create(String key) {
            Instance i = new Instance(saga(), key);
            loaded.put(key, i);
            return i;
        }

        void took(Instance i, SagaMachine.Taken taken) {
            if (i.events == 1) {
                started++;
            }
            if (taken.ended()) {
                ended++;
            }
            applied++;
            touched.put(i.id, i);
            changedTimers.put(i.id, i);
            emitted.addAll(taken.emitted());
        }

        void letter(RecordedEvent e, String instance, String deadline, String error) {
            letters.add(new Letter(e, instance, deadline, error, 0));
            if (instance != null) {
                blocked.putIfAbsent(instance, (long) -letters.size());
            }
        }

        void park(RecordedEvent e, String instance) {
            letters.add(new Letter(e, instance, null, null, blocked.get(instance)));
            parked++;
        }

        RecordedEvent setter(Timer t) {
            if (t.setter != null) {
                return t.setter;
            }
            RecordedEvent found = batchEvents.get(t.setBy);
            if (found == null) {
                for (RecordedEvent r : read(t.setByPosition, t.setByPosition)) {
                    if (r.eventId().equals(t.setBy)) {
                        found = r;
                    }
                }
            }
            t.setter = found;
            return found;
        }

        /** Writes everything, after checking that what it was decided on is as it was. */
        void write() {
            for (Instance i : touched.values()) {
                long stored =
                        sagas.instance(saga(), i.id).map(SagaInstance::version).orElse(0L);
                if (stored != i.storedVersion) {
                    throw new Moved();
                }
            }
            if (!sagas.blocked(saga()).equals(blockedAtStart)) {
                throw new Moved();
            }
            List<Long> ids = new ArrayList<>();
            for (Letter l : letters) {
                Long blockedBy = null;
                String error = l.error();
                int attempts = 1;
                if (l.error() == null) {
                    long behind = l.blocker() < 0 ? ids.get((int) (-l.blocker() - 1)) : l.blocker();
                    blockedBy = behind;
                    error = "not attempted: parked behind dead letter " + behind + " of instance " + l.instance();
                    attempts = 0;
                }
                long id = processing
                        .deadLetters()
                        .park(new NewDeadLetter(
                                saga(),
                                l.event().eventId(),
                                l.event().position(),
                                l.event().eventType(),
                                l.event().stream(),
                                attempts,
                                error,
                                blockedBy,
                                recordNow,
                                recordNow));
                ids.add(id);
                if (l.instance() != null) {
                    sagas.link(new SagaLetter(saga(), id, l.instance(), l.deadline()));
                }
            }
            for (Instance i : touched.values()) {
                if (i.started()) {
                    sagas.putInstance(i.record(recordNow));
                }
            }
            for (Instance i : changedTimers.values()) {
                for (Timer t : i.timers.values()) {
                    sagas.putDeadline(t.record(saga(), i.id));
                }
            }
            appended = SagaProcessor.append(processing, emitted);
        }

        void addTo(Totals t) {
            t.events += events;
            t.applied += applied;
            long failures = letters.stream().filter(l -> l.error() != null).count();
            t.deadLettered += failures;
            t.parked += parked;
            t.emitted += appended;
            t.started += started;
            t.ended += ended;
            t.fired += fired;
            t.failedDeadlines += failedDeadlines;
        }
    }
}
