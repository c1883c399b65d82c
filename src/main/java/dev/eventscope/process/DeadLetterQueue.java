package dev.eventscope.process;

import dev.eventscope.error.ConflictException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.Model;
import dev.eventscope.model.ProcessorModel;
import dev.eventscope.model.Sequencing;
import dev.eventscope.model.spi.HandlerPlugin;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.DeadLetterQuery;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ProcessingStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The dead-letter queue's operations: list, show, skip, and retry (ADR 0081).
 *
 * <p>A retry re-reads each event from the store through the pipeline as it is now (so a fixed
 * upcaster applies) and runs the handler as the model defines it now. The letters of one aggregate
 * are retried as a sequence, in position order, each recorded in its own transaction together with
 * what the handler wrote; the first that fails again ends its sequence.
 */
public final class DeadLetterQueue {

    private final ProcessingStore processing;
    private final Supplier<EventSource> source;
    private final Supplier<Model> model;
    private final Supplier<Map<String, HandlerPlugin>> plugins;

    /**
     * The model, the pipeline and the plugins are asked for only when needed: listing and skipping
     * work without a model.
     */
    public DeadLetterQueue(
            EventStore store,
            Supplier<EventSource> source,
            Supplier<Model> model,
            Supplier<Map<String, HandlerPlugin>> plugins) {
        this.processing = store.requireProcessing();
        this.source = source;
        this.model = model;
        this.plugins = plugins;
    }

    public List<DeadLetter> list(DeadLetterQuery query) {
        return processing.deadLetters().find(query);
    }

    /**
     * @throws NotFoundException when there is no letter {@code id}
     */
    public DeadLetterDetail show(long id) {
        DeadLetter letter = get(id);
        List<RecordedEvent> events;
        try (Stream<RecordedEvent> s =
                source.get().read(EventQuery.ALL.withPositions(letter.position(), letter.position()))) {
            events = s.toList();
        }
        List<DeadLetter> behind = new ArrayList<>();
        if (letter.status() == DeadLetter.Status.PARKED) {
            for (DeadLetter l : sequence(letter.handler(), letter.stream())) {
                if (l.position() > letter.position()) {
                    behind.add(l);
                }
            }
        }
        return new DeadLetterDetail(letter, events, behind);
    }

    /**
     * Resolves a parked letter without processing it, recording the reason. Letters parked behind
     * it stay parked until they are retried.
     *
     * @throws NotFoundException when there is no letter {@code id}
     * @throws ConflictException when it is not parked
     */
    public DeadLetter skip(long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new UsageException("say why the letter is skipped", "pass --reason TEXT");
        }
        processing.inTransaction("skipping dead letter " + id, () -> {
            requireParked(get(id));
            processing.deadLetters().skip(id, reason.strip());
            return null;
        });
        return get(id);
    }

    /**
     * The letters {@code selection} takes, grouped in the sequences they are retried in, in order.
     *
     * @throws NotFoundException when an id is given that does not exist
     * @throws ConflictException when the letter with that id is not parked
     */
    public List<List<DeadLetter>> plan(RetrySelection selection) {
        List<DeadLetter> selected;
        if (selection.id() != null) {
            selected = List.of(requireParked(get(selection.id())));
        } else {
            DeadLetterQuery q = new DeadLetterQuery(
                    selection.handler(), selection.eventType(), DeadLetter.Status.PARKED, null, null);
            selected = processing.deadLetters().find(q);
        }
        Map<String, List<DeadLetter>> sequences = new LinkedHashMap<>();
        for (DeadLetter l : selected) {
            ProcessorModel handler = model.get().processors().get(l.handler());
            boolean alone = handler != null && handler.settings().sequencing() == Sequencing.NONE;
            String key = l.handler() + "\0" + (alone ? "#" + l.id() : l.stream().toString());
            if (!sequences.containsKey(key)) {
                sequences.put(key, alone ? List.of(l) : sequence(l.handler(), l.stream()));
            }
        }
        List<List<DeadLetter>> ordered = new ArrayList<>(sequences.values());
        ordered.removeIf(List::isEmpty);
        ordered.sort(Comparator.comparingLong((List<DeadLetter> s) -> s.get(0).position())
                .thenComparing(s -> s.get(0).handler()));
        return ordered;
    }

    /**
     * Retries what {@code selection} takes, or with {@code dryRun} only says what would be retried,
     * in order, changing nothing.
     */
    public RetryReport retry(RetrySelection selection, boolean dryRun, Progress progress, BooleanSupplier stop) {
        List<List<DeadLetter>> plan = plan(selection);
        if (dryRun) {
            List<RetryStep> steps = new ArrayList<>();
            for (List<DeadLetter> sequence : plan) {
                for (DeadLetter l : sequence) {
                    steps.add(new RetryStep(l, RetryStep.Result.PLANNED, 0, null));
                }
            }
            return new RetryReport(steps, true, false);
        }
        return new Retrier(processing, source.get(), model.get(), plugins, progress, stop).run(plan);
    }

    private List<DeadLetter> sequence(String handler, StreamId stream) {
        return processing
                .deadLetters()
                .find(new DeadLetterQuery(handler, null, DeadLetter.Status.PARKED, stream, null));
    }

    private DeadLetter get(long id) {
        return processing
                .deadLetters()
                .get(id)
                .orElseThrow(() -> new NotFoundException(
                        "no dead letter " + id, "list them with 'evs dlq list' (or 'evs dlq list --status parked')"));
    }

    private static DeadLetter requireParked(DeadLetter l) {
        if (l.status() != DeadLetter.Status.PARKED) {
            throw new ConflictException(
                    "dead letter " + l.id() + " is " + l.status().label() + " already"
                            + (l.reason() == null ? "" : " (" + l.reason() + ")"),
                    "only parked letters can be retried or skipped; see 'evs dlq list --status parked'");
        }
        return l;
    }
}
