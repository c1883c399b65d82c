package dev.eventscope.saga;

import dev.eventscope.event.Times;
import dev.eventscope.model.Model;
import dev.eventscope.model.SagaModel;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.process.LetterHandlers;
import dev.eventscope.process.RetryStep;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.ProcessingStore;
import dev.eventscope.store.SagaLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dead letters of sagas for {@code dlq retry} (ADR 0180): an instance's letters are retried as
 * one sequence, in event order, each through the saga's rules as the model has them now, with the
 * instance's state, its deadlines and what it emits written in the letter's transaction.
 */
public final class SagaLetters implements LetterHandlers {

    private final ProcessingStore processing;
    private final EventSource source;
    private final Model model;

    public SagaLetters(ProcessingStore processing, EventSource source, Model model) {
        this.processing = processing;
        this.source = source;
        this.model = model;
    }

    @Override
    public boolean handles(String handler) {
        return model.sagas().containsKey(handler);
    }

    @Override
    public List<DeadLetter> sequence(DeadLetter letter) {
        Optional<SagaLetter> link = processing.sagas().letter(letter.handler(), letter.id());
        if (link.isEmpty()) {
            return List.of(letter);
        }
        List<DeadLetter> out = new ArrayList<>();
        for (long id :
                processing.sagas().parkedLetters(letter.handler(), link.get().instanceId())) {
            processing.deadLetters().get(id).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public RetryStep retry(DeadLetter letter) {
        SagaModel saga = model.saga(letter.handler());
        return new SagaSteps(processing, source, new SagaMachine(saga)).retry(letter, Times.nowMicros());
    }
}
