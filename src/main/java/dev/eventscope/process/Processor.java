package dev.eventscope.process;

import dev.eventscope.error.ConflictException;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.model.ProcessorModel;
import dev.eventscope.model.ProjectionModel;
import dev.eventscope.model.Sequencing;
import dev.eventscope.model.spi.HandlerPlugin;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.Checkpoint;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.NewDeadLetter;
import dev.eventscope.store.ProcessingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Feeds a projection or handler the events after its checkpoint, in position order, read through
 * the pipeline (store, upcasters), and records what happened (DESIGN §6, ADR 0080).
 *
 * <p>Each event is applied, dead-lettered after its last attempt, or parked behind an earlier dead
 * letter of its aggregate. What that writes (rows, appended events, dead letters) commits in one
 * transaction with the checkpoint, so for projections and reactors every event takes effect
 * exactly once, across crashes. Their runs are pure, so a batch of events is decided first and
 * committed together. Exec and plugin handlers act outside the store: each event is run outside
 * any transaction and its outcome recorded right after, so delivery is at least once.
 *
 * <p>The commit re-checks what the decisions assumed (the checkpoint, which aggregates are
 * blocked); if another process moved either, nothing is written and the batch is read again.
 */
public final class Processor {

    /**
     * @param batch how many stored events one transaction covers at most
     * @param follow keep processing new events until stopped
     * @param poll how often to look for new events when following
     */
    public record Options(int batch, boolean follow, Duration poll) {
        public static final int DEFAULT_BATCH = 500;
        public static final int MAX_BATCH = 100_000;

        public Options {
            if (batch < 1 || batch > MAX_BATCH) {
                throw new IllegalArgumentException("--batch must be from 1 to " + MAX_BATCH + ", got " + batch);
            }
            if (poll == null || poll.toMillis() < 10) {
                throw new IllegalArgumentException("the poll interval must be at least 10 ms");
            }
        }

        public static Options once(int batch) {
            return new Options(batch, false, Duration.ofMillis(500));
        }
    }

    /** Another process moved the checkpoint or the dead letters this batch was decided on. */
    private static final class Moved extends RuntimeException {
        Moved() {
            super("moved", null, false, false);
        }
    }

    private final EventStore store;
    private final ProcessingStore processing;
    private final ProcessorModel model;
    private final Handler handler;
    private final UnitReader reader;
    private final Pass pass;
    private final BooleanSupplier stop;
    private final boolean sequenced;
    private final String fingerprint;
    private long applied;
    private long deadLettered;
    private long parked;
    private long emitted;
    private long events;
    private long committed;
    private long reached;

    public Processor(
            EventStore store,
            EventSource source,
            ProcessorModel model,
            Map<String, HandlerPlugin> plugins,
            Progress progress,
            BooleanSupplier stop) {
        this.store = store;
        this.processing = store.requireProcessing();
        this.model = model;
        this.handler = Handlers.of(model, plugins, null);
        this.reader = new UnitReader(source, model.subscription());
        this.pass = new Pass(progress, model.name(), Progress.Unit.EVENTS);
        this.stop = stop;
        this.sequenced = model.settings().sequencing() == Sequencing.AGGREGATE;
        this.fingerprint = model instanceof ProjectionModel p ? p.fingerprint() : null;
    }

    /**
     * Processes from the checkpoint to the head (and on, when following) until done or stopped.
     *
     * @throws ConflictException when a projection's table does not match the model
     */
    public ProcessReport run(Options options) {
        List<String> warnings = prepare();
        long from = checkpoint();
        committed = from;
        reached = from;
        boolean stopped = false;
        try {
            while (true) {
                long head = store.head().position();
                while (reached < head && !stopped) {
                    if (stop.getAsBoolean()) {
                        stopped = true;
                        break;
                    }
                    long end = Math.min(head, processing.batchEnd(reached + 1, options.batch()));
                    try {
                        stopped = !batch(end);
                    } catch (Moved m) {
                        committed = checkpoint();
                        reached = committed;
                    }
                    pass.at(reached, head);
                }
                flush();
                if (stopped || !options.follow()) {
                    break;
                }
                pass.end();
                stopped = !awaitAppend(options.poll());
            }
        } finally {
            pass.end();
        }
        return new ProcessReport(
                model.name(),
                model.kind(),
                from,
                committed,
                events,
                applied,
                deadLettered,
                parked,
                emitted,
                stopped || stop.getAsBoolean(),
                warnings);
    }

    /**
     * Waits for events after {@link #reached}, at most {@code poll} (the store wakes it sooner when
     * it can tell of appends), in slices so a stop is noticed; false when a stop came first.
     */
    private boolean awaitAppend(Duration poll) {
        long end = System.nanoTime() + poll.toNanos();
        while (!stop.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                store.awaitAppend(reached, Duration.ofNanos(Math.min(left, AWAIT_SLICE.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (store.headPosition() > reached) {
                return true;
            }
        }
        return false;
    }

    /** How long one wait for appends lasts before the stop signal is looked at again. */
    private static final Duration AWAIT_SLICE = Duration.ofMillis(100);

    /** Where the checkpoint is now (0 before the first run). */
    private long checkpoint() {
        return processing
                .checkpoints()
                .get(model.name())
                .map(Checkpoint::position)
                .orElse(0L);
    }

    /** A projection's table must exist with the model's columns; it is created on the first run. */
    private List<String> prepare() {
        return model instanceof ProjectionModel p ? ReadModelCheck.prepare(processing, p, true) : List.of();
    }

    /**
     * Decides positions {@code reached+1 .. end} and records what there is to record; false when
     * a stop came first (what was decided before it is recorded).
     */
    private boolean batch(long end) {
        List<Unit> units = reader.read(reached + 1, end);
        Set<StreamId> blocked = sequenced
                ? new HashSet<>(
                        processing.deadLetters().parkedStreams(model.name()).keySet())
                : Set.of();
        List<Decision> pending = new ArrayList<>();
        long decided = reached;
        for (Unit unit : units) {
            if (stop.getAsBoolean()) {
                commit(pending, decided);
                return false;
            }
            Decision decision;
            if (sequenced && blocked.contains(unit.stream())) {
                decision = new Decision.Park(unit);
            } else {
                Outcome outcome = Attempts.run(handler, unit, model.settings().retry(), model.external(), stop);
                if (outcome instanceof Outcome.Interrupted) {
                    commit(pending, decided);
                    return false;
                }
                if (outcome instanceof Outcome.Failed f) {
                    decision = new Decision.Letter(unit, f);
                    if (sequenced) {
                        blocked.add(unit.stream());
                    }
                } else {
                    decision = new Decision.Apply(unit, ((Outcome.Succeeded) outcome).effects());
                }
            }
            pending.add(decision);
            decided = unit.position();
            if (model.external()) {
                commit(pending, decided);
                pending.clear();
            }
        }
        commit(pending, end);
        return true;
    }

    /**
     * Records {@code decisions} and moves the checkpoint to {@code upTo} in one transaction. With
     * nothing to record, the move waits for the next commit or {@link #flush()}: a handler fed few
     * of the events does not pay a transaction per batch.
     */
    private void commit(List<Decision> decisions, long upTo) {
        reached = Math.max(reached, upTo);
        if (decisions.isEmpty()) {
            return;
        }
        long expected = committed;
        int[] appended = {0};
        processing.inTransaction("recording what " + model.name() + " did", () -> {
            if (checkpoint() != expected) {
                throw new Moved();
            }
            Map<StreamId, Long> parkedNow =
                    sequenced ? new HashMap<>(processing.deadLetters().parkedStreams(model.name())) : Map.of();
            for (Decision d : decisions) {
                StreamId stream = d.unit().stream();
                if (sequenced && (d instanceof Decision.Park) != parkedNow.containsKey(stream)) {
                    throw new Moved();
                }
                if (d instanceof Decision.Apply a) {
                    appended[0] += EffectWriter.write(processing, a.effects());
                } else if (d instanceof Decision.Letter l) {
                    long id = processing.deadLetters().park(letter(l.unit(), l.failure()));
                    if (sequenced) {
                        parkedNow.putIfAbsent(stream, id);
                    }
                } else {
                    processing.deadLetters().park(behind(d.unit(), parkedNow.get(stream)));
                }
            }
            processing.checkpoints().put(model.name(), upTo, fingerprint);
            return null;
        });
        committed = upTo;
        for (Decision d : decisions) {
            events++;
            if (d instanceof Decision.Apply) {
                applied++;
            } else if (d instanceof Decision.Letter) {
                deadLettered++;
            } else {
                parked++;
            }
        }
        emitted += appended[0];
    }

    /** Writes the checkpoint moved past events with nothing to record. */
    private void flush() {
        if (reached <= committed) {
            return;
        }
        long expected = committed;
        try {
            processing.inTransaction("moving the checkpoint of " + model.name(), () -> {
                if (checkpoint() != expected) {
                    throw new Moved();
                }
                processing.checkpoints().put(model.name(), reached, fingerprint);
                return null;
            });
            committed = reached;
        } catch (Moved m) {
            committed = checkpoint();
            reached = committed;
        }
    }

    private NewDeadLetter letter(Unit unit, Outcome.Failed f) {
        return new NewDeadLetter(
                model.name(),
                unit.eventId(),
                unit.position(),
                unit.eventType(),
                unit.stream(),
                f.attempts(),
                f.error(),
                null,
                f.firstFailedAt(),
                f.lastFailedAt());
    }

    private NewDeadLetter behind(Unit unit, Long blocker) {
        Instant now = Times.nowMicros();
        return new NewDeadLetter(
                model.name(),
                unit.eventId(),
                unit.position(),
                unit.eventType(),
                unit.stream(),
                0,
                "not attempted: parked behind dead letter " + blocker + " of " + unit.stream(),
                blocker,
                now,
                now);
    }
}
