package dev.eventscope.saga;

import dev.eventscope.event.NewEvent;
import dev.eventscope.event.Times;
import dev.eventscope.model.SagaModel;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.process.ProcessReport;
import dev.eventscope.process.Processor;
import dev.eventscope.store.Checkpoint;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ProcessingStore;
import dev.eventscope.store.SagaStates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs a saga from its checkpoint ({@code process SAGA}, ADR 0180): exactly once in the store. A
 * batch of events is decided in memory and committed in one transaction with the instances it
 * changed, the events its rules emitted, the deadlines set and cancelled, its dead letters and the
 * checkpoint; a crash before the commit leaves nothing of it, after it everything. Every emitted
 * event has an id derived from its cause, so even a run that repeats work stores it once.
 *
 * <p>The order is the same as a fold's ({@link SagaFold}): events in position order, an instance's
 * deadlines due before an event happened pass before it takes the event, and once the events are
 * taken (those its rules emitted too), the deadlines due by {@code now} pass in one transaction,
 * in order of due time, instance and name; what they emit is taken in turn. Where a run stops (a
 * kill, a batch boundary) changes nothing of this order, so a run that is killed and run again
 * ends as one that was not.
 *
 * <p>A rule that fails dead-letters the event for its instance only: the instance takes nothing
 * more (its later events are parked behind the letter, its deadlines wait) until {@code dlq retry}
 * or {@code dlq skip}; other instances go on.
 */
public final class SagaProcessor {

    /** Rounds of taking what the saga emitted itself, at most, in one run. */
    static final int MAX_ROUNDS = 1_000;

    private final EventStore store;
    private final ProcessingStore processing;
    private final SagaStates sagas;
    private final SagaModel model;
    private final SagaMachine machine;
    private final SagaSteps steps;
    private final Instant fixedNow;
    private final Progress progress;
    private final BooleanSupplier stop;
    private boolean begun;

    /**
     * @param now the time deadlines are measured against ({@code --now}); null: the clock, read at
     *     the start of each pass
     */
    public SagaProcessor(
            EventStore store,
            EventSource source,
            SagaModel model,
            Instant now,
            Progress progress,
            BooleanSupplier stop) {
        this.store = store;
        this.processing = store.requireProcessing();
        this.sagas = processing.sagas();
        this.model = model;
        this.machine = new SagaMachine(model);
        this.steps = new SagaSteps(processing, source, machine);
        this.fixedNow = now;
        this.progress = progress == null ? Progress.NONE : progress;
        this.stop = stop == null ? () -> false : stop;
    }

    /** Processes from the checkpoint to the head, the deadlines due, and on when following, until done or stopped. */
    public ProcessReport run(Processor.Options options) {
        List<String> warnings = new ArrayList<>();
        Optional<Checkpoint> start = processing.checkpoints().get(model.name());
        long from = start.map(Checkpoint::position).orElse(0L);
        if (start.isPresent()
                && start.get().fingerprint() != null
                && !start.get().fingerprint().equals(model.fingerprint())) {
            warnings.add("the rules of saga " + model.name() + " changed since its checkpoint was written (position "
                    + from + "): its instances keep what the earlier rules made of the events before it");
        }
        SagaSteps.Totals totals = new SagaSteps.Totals();
        long committed = from;
        boolean stopped = false;
        int rounds = 0;
        try {
            while (true) {
                Instant now = fixedNow != null ? fixedNow : Times.nowMicros();
                long head = store.head().position();
                while (committed < head && !stopped) {
                    if (stop.getAsBoolean()) {
                        stopped = true;
                        break;
                    }
                    long end = Math.min(head, processing.batchEnd(committed + 1, options.batch()));
                    committed = steps.batch(committed, end, now, model.fingerprint(), totals);
                    at(committed, head);
                }
                if (stopped) {
                    break;
                }
                if (store.head().position() > committed) {
                    // the saga emitted events: take them before any deadline passes
                    if (++rounds > MAX_ROUNDS) {
                        warnings.add("saga " + model.name() + " kept emitting events it takes itself (" + MAX_ROUNDS
                                + " rounds): run process again to go on");
                        break;
                    }
                    continue;
                }
                int fired = steps.fireDue(now, totals);
                if (fired > 0) {
                    if (++rounds > MAX_ROUNDS) {
                        warnings.add("saga " + model.name() + " kept emitting events it takes itself (" + MAX_ROUNDS
                                + " rounds): run process again to go on");
                        break;
                    }
                    continue;
                }
                if (!options.follow()) {
                    break;
                }
                end();
                rounds = 0;
                if (!Pause.until(wake(options.poll()), stop)) {
                    stopped = true;
                    break;
                }
            }
        } finally {
            end();
        }
        return new ProcessReport(
                model.name(),
                "saga",
                from,
                committed,
                totals.events,
                totals.applied,
                totals.deadLettered,
                totals.parked,
                totals.emitted,
                stopped || stop.getAsBoolean(),
                warnings,
                new ProcessReport.SagaFigures(totals.started, totals.ended, totals.fired, totals.failedDeadlines));
    }

    /** How long to sleep when following: until the next deadline is due, at most a poll interval. */
    private Duration wake(Duration poll) {
        Optional<Instant> next = sagas.nextDue(model.name());
        if (next.isEmpty() || fixedNow != null) {
            return poll;
        }
        Duration until = Duration.between(Times.nowMicros(), next.get());
        if (until.isNegative()) {
            return Duration.ZERO;
        }
        return until.compareTo(poll) < 0 ? until : poll;
    }

    private void at(long done, long total) {
        if (!begun) {
            progress.begin(model.name(), Progress.Unit.EVENTS, total);
            begun = true;
        } else {
            progress.total(total);
        }
        progress.at(done);
    }

    private void end() {
        if (begun) {
            progress.end();
            begun = false;
        }
    }

    /** Appends emitted events one by one, so an event stored before (by a run that repeated work) is skipped. */
    static int append(ProcessingStore processing, List<NewEvent> events) {
        int n = 0;
        for (NewEvent e : events) {
            n += processing.appendInTransaction(List.of(e)).size();
        }
        return n;
    }
}
