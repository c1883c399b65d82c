package dev.eventscope.saga;

import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.SagaModel;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.store.EventQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A saga run on events held in memory ({@code evs test}): the given events through the pipeline
 * (the model's upcasters), folded with the same rules and order as {@code process}, against a
 * reference time; what each instance became, every event emitted in order, and the deadlines
 * still pending.
 */
public final class SagaRuns {

    private SagaRuns() {}

    /** A deadline still pending at the end of a run. */
    public record Pending(String instance, String name, Instant due) {}

    /** What a run gave. */
    public record Simulation(
            List<SagaView> instances, List<NewEvent> emitted, List<Pending> pending, List<String> warnings) {
        public Simulation {
            instances = List.copyOf(instances);
            emitted = List.copyOf(emitted);
            pending = List.copyOf(pending);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Runs {@code saga} on the events of {@code source} (read in position order, through its
     * transform) up to {@code now}.
     */
    public static Simulation simulate(SagaModel saga, EventSource source, long head, Instant now) {
        List<RecordedEvent> log;
        try (Stream<RecordedEvent> s = source.read(EventQuery.ALL.withTypes(saga.eventTypes()))) {
            log = s.toList();
        }
        SagaMachine machine = new SagaMachine(saga);
        SagaFold fold =
                new SagaFold(machine, source.transform(), now, e -> true, Map.of(), true, null, id -> 0L).keepEmitted();
        SagaFold.Result result = fold.run(log, head);
        List<SagaView> views = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (Instance i : result.instances().values()) {
            views.add(SagaViews.view(machine, i, now, saga.stuckAfter(), true));
            for (Timer t : i.pending()) {
                pending.add(new Pending(i.id, t.name, t.due));
            }
        }
        pending.sort(Comparator.comparing(Pending::due)
                .thenComparing(Pending::instance)
                .thenComparing(Pending::name));
        return new Simulation(views, fold.emitted(), pending, result.warnings());
    }
}
