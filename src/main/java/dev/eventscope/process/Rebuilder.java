package dev.eventscope.process;

import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.model.ProjectionModel;
import dev.eventscope.model.Sequencing;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.DeadLetterQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.NewDeadLetter;
import dev.eventscope.store.ProcessingStore;
import dev.eventscope.store.ReadModelTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Rebuilds a projection from position 1 into a new table beside the live one, then swaps it in
 * with its checkpoint and dead letters in one transaction (ADR 0080): readers see the old table
 * until the swap commits and the new one after, never a half-built one. Events skipped by hand
 * ({@code dlq skip}) stay skipped; parked letters the rebuild handles are resolved; events that
 * fail are parked again.
 */
public final class Rebuilder {

    private static final String SUFFIX = "__next";

    private final EventStore store;
    private final ProcessingStore processing;
    private final ProjectionModel projection;
    private final ReadModelTable next;
    private final ProjectionHandler handler;
    private final UnitReader reader;
    private final Pass pass;
    private final BooleanSupplier stop;
    private final boolean sequenced;

    public Rebuilder(
            EventStore store, EventSource source, ProjectionModel projection, Progress progress, BooleanSupplier stop) {
        this.store = store;
        this.processing = store.requireProcessing();
        this.projection = projection;
        this.next = projection.table().renamed(projection.table().name() + SUFFIX);
        this.handler = new ProjectionHandler(projection, next);
        this.reader = new UnitReader(source, projection.subscription());
        this.pass = new Pass(progress, "rebuild " + projection.name(), Progress.Unit.EVENTS);
        this.stop = stop;
        this.sequenced = projection.settings().sequencing() == Sequencing.AGGREGATE;
    }

    public RebuildReport run(int batch) {
        String name = projection.name();
        processing.inTransaction("preparing the rebuild of " + next.name(), () -> {
            processing.readModels().drop(next.name());
            processing.readModels().create(next);
            return null;
        });
        Set<UUID> skipped = new HashSet<>();
        for (DeadLetter l : processing
                .deadLetters()
                .find(DeadLetterQuery.ALL.withHandler(name).withStatus(DeadLetter.Status.SKIPPED))) {
            skipped.add(l.eventId());
        }
        List<NewDeadLetter> letters = new ArrayList<>();
        Map<StreamId, Integer> blocked = new HashMap<>();
        long[] events = {0};
        long built = 0;
        try {
            while (true) {
                long head = store.head().position();
                while (built < head) {
                    if (stop.getAsBoolean()) {
                        abandon();
                        return new RebuildReport(name, projection.table().name(), built, 0, events[0], 0, 0, true);
                    }
                    long end = Math.min(head, processing.batchEnd(built + 1, batch));
                    List<Effects> effects = new ArrayList<>();
                    for (Unit unit : reader.read(built + 1, end)) {
                        if (skipped.contains(unit.eventId())) {
                            continue;
                        }
                        events[0]++;
                        decide(unit, effects, letters, blocked);
                    }
                    processing.inTransaction("rebuilding " + next.name(), () -> {
                        effects.forEach(e -> EffectWriter.write(processing, e));
                        return null;
                    });
                    built = end;
                    pass.at(built, head);
                }
                // swap only at the head: events appended meanwhile are built first
                long reached = built;
                Integer swapped = processing.inTransaction(
                        "swapping in " + projection.table().name(), () -> {
                            if (store.head().position() != reached) {
                                return null;
                            }
                            return swap(reached, letters);
                        });
                if (swapped != null) {
                    long rows = processing.readModels().count(projection.table().name());
                    return new RebuildReport(
                            name, projection.table().name(), built, rows, events[0], letters.size(), swapped, false);
                }
            }
        } finally {
            pass.end();
        }
    }

    private void decide(Unit unit, List<Effects> effects, List<NewDeadLetter> letters, Map<StreamId, Integer> blocked) {
        Integer blocker = blocked.get(unit.stream());
        if (blocker != null) {
            Instant now = Times.nowMicros();
            letters.add(new NewDeadLetter(
                    projection.name(),
                    unit.eventId(),
                    unit.position(),
                    unit.eventType(),
                    unit.stream(),
                    0,
                    "not attempted: parked behind an earlier dead letter of " + unit.stream(),
                    (long) blocker,
                    now,
                    now));
            return;
        }
        Outcome outcome = Attempts.run(handler, unit, projection.settings().retry(), false, () -> false);
        if (outcome instanceof Outcome.Succeeded s) {
            effects.add(s.effects());
            return;
        }
        Outcome.Failed f = (Outcome.Failed) outcome;
        if (sequenced) {
            blocked.put(unit.stream(), letters.size());
        }
        letters.add(new NewDeadLetter(
                projection.name(),
                unit.eventId(),
                unit.position(),
                unit.eventType(),
                unit.stream(),
                f.attempts(),
                f.error(),
                null,
                f.firstFailedAt(),
                f.lastFailedAt()));
    }

    /**
     * In the swap transaction: the new table replaces the live one, the checkpoint moves to
     * {@code position}, and the dead letters become the rebuild's. Returns how many parked letters
     * were resolved.
     */
    private int swap(long position, List<NewDeadLetter> letters) {
        String name = projection.name();
        processing.readModels().replace(next.name(), projection.table().name());
        Set<UUID> failing = new HashSet<>();
        for (NewDeadLetter l : letters) {
            failing.add(l.eventId());
        }
        int resolved = 0;
        for (DeadLetter old : processing
                .deadLetters()
                .find(DeadLetterQuery.ALL.withHandler(name).withStatus(DeadLetter.Status.PARKED))) {
            if (!failing.contains(old.eventId())) {
                processing.deadLetters().resolve(old.id(), 0, "rebuilt: handled without failure");
                resolved++;
            }
        }
        // letters parked behind another point at it by its index in the list until it has an id
        List<Long> ids = new ArrayList<>();
        for (NewDeadLetter l : letters) {
            NewDeadLetter stored =
                    l.blockedBy() == null ? l : l.behind(ids.get(l.blockedBy().intValue()));
            if (stored.blockedBy() != null) {
                stored = new NewDeadLetter(
                        stored.handler(),
                        stored.eventId(),
                        stored.position(),
                        stored.eventType(),
                        stored.stream(),
                        stored.attempts(),
                        "not attempted: parked behind dead letter " + stored.blockedBy() + " of " + stored.stream(),
                        stored.blockedBy(),
                        stored.firstFailedAt(),
                        stored.lastFailedAt());
            }
            ids.add(processing.deadLetters().park(stored));
        }
        processing.checkpoints().put(name, position, projection.fingerprint());
        return resolved;
    }

    /** A stopped rebuild leaves the live table as it was and removes the half-built one. */
    private void abandon() {
        processing.inTransaction("removing the unfinished " + next.name(), () -> {
            processing.readModels().drop(next.name());
            return null;
        });
    }
}
