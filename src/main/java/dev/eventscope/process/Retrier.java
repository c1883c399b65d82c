package dev.eventscope.process;

import dev.eventscope.model.Model;
import dev.eventscope.model.ProcessorModel;
import dev.eventscope.model.ProjectionModel;
import dev.eventscope.model.spi.HandlerPlugin;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.ProcessingStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a retry plan: each letter re-read through the pipeline, handled by the handler as the model
 * defines it now, and recorded in its own transaction (with the rows or events it wrote), so a
 * crash part-way leaves every letter either resolved with its effects or still parked.
 */
final class Retrier {

    private final ProcessingStore processing;
    private final EventSource source;
    private final Model model;
    private final Supplier<Map<String, HandlerPlugin>> plugins;
    private final Pass pass;
    private final BooleanSupplier stop;
    private final Map<String, Handler> handlers = new HashMap<>();

    Retrier(
            ProcessingStore processing,
            EventSource source,
            Model model,
            Supplier<Map<String, HandlerPlugin>> plugins,
            Progress progress,
            BooleanSupplier stop) {
        this.processing = processing;
        this.source = source;
        this.model = model;
        this.plugins = plugins;
        this.pass = new Pass(progress, "retry", Progress.Unit.LETTERS);
        this.stop = stop;
    }

    RetryReport run(List<List<DeadLetter>> plan) {
        List<RetryStep> steps = new ArrayList<>();
        long total = plan.stream().mapToLong(List::size).sum();
        boolean stopped = false;
        try {
            for (List<DeadLetter> sequence : plan) {
                boolean blocked = false;
                String blocker = null;
                for (DeadLetter letter : sequence) {
                    if (stop.getAsBoolean()) {
                        stopped = true;
                        break;
                    }
                    if (blocked) {
                        steps.add(new RetryStep(letter, RetryStep.Result.NOT_ATTEMPTED, 0, blocker));
                        continue;
                    }
                    RetryStep step = retry(letter);
                    if (step == null) {
                        stopped = true;
                        break;
                    }
                    steps.add(step);
                    if (step.result().stillFailing()) {
                        blocked = true;
                        blocker = "not attempted: dead letter " + letter.id() + " before it failed again";
                    }
                    pass.at(steps.size(), total);
                }
                if (stopped) {
                    break;
                }
            }
        } finally {
            pass.end();
        }
        return new RetryReport(steps, false, stopped);
    }

    /** Retries one letter; null when a stop interrupted it (nothing recorded). */
    private RetryStep retry(DeadLetter letter) {
        ProcessorModel handlerModel = model.processors().get(letter.handler());
        if (handlerModel == null) {
            return new RetryStep(
                    letter,
                    RetryStep.Result.NO_HANDLER,
                    0,
                    "the model " + model.name() + " has no projection or handler '" + letter.handler() + "'");
        }
        Handler handler = handler(handlerModel);
        Optional<Unit> unit = new UnitReader(source, handlerModel.subscription()).at(letter.position());
        if (unit.isEmpty()) {
            boolean done = record(
                    letter,
                    () -> processing
                            .deadLetters()
                            .resolve(
                                    letter.id(),
                                    0,
                                    "no longer handled: after upcasting, " + letter.handler()
                                            + " is not fed this event"));
            return new RetryStep(letter, done ? RetryStep.Result.NOT_HANDLED : RetryStep.Result.GONE, 0, null);
        }
        Outcome outcome =
                Attempts.run(handler, unit.get(), handlerModel.settings().retry(), handlerModel.external(), stop);
        if (outcome instanceof Outcome.Interrupted) {
            return null;
        }
        if (outcome instanceof Outcome.Failed f) {
            boolean done =
                    record(letter, () -> processing.deadLetters().failedAgain(letter.id(), f.attempts(), f.error()));
            return new RetryStep(
                    letter, done ? RetryStep.Result.FAILED : RetryStep.Result.GONE, f.attempts(), f.error());
        }
        Outcome.Succeeded s = (Outcome.Succeeded) outcome;
        boolean done = record(letter, () -> {
            EffectWriter.write(processing, s.effects());
            processing.deadLetters().resolve(letter.id(), s.attempts(), "retried");
        });
        return new RetryStep(letter, done ? RetryStep.Result.RESOLVED : RetryStep.Result.GONE, s.attempts(), null);
    }

    /** Runs {@code work} in a transaction if the letter is still parked; false when it no longer is. */
    private boolean record(DeadLetter letter, Runnable work) {
        return processing.inTransaction("retrying dead letter " + letter.id(), () -> {
            Optional<DeadLetter> now = processing.deadLetters().get(letter.id());
            if (now.isEmpty() || now.get().status() != DeadLetter.Status.PARKED) {
                return false;
            }
            work.run();
            return true;
        });
    }

    private Handler handler(ProcessorModel m) {
        Handler h = handlers.get(m.name());
        if (h == null) {
            if (m instanceof ProjectionModel p) {
                ReadModelCheck.prepare(processing, p, false);
            }
            h = Handlers.of(m, m instanceof dev.eventscope.model.PluginHandlerModel ? plugins.get() : Map.of(), null);
            handlers.put(m.name(), h);
        }
        return h;
    }
}
