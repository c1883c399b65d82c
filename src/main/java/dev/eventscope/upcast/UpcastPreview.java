package dev.eventscope.upcast;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.UpcastFailure;
import dev.eventscope.model.UpcasterChain;
import dev.eventscope.schema.EventValidator;
import java.util.ArrayList;
import java.util.List;

/** Shows what the upcaster chain does to one stored event, step by step ({@code upcast show}). */
public final class UpcastPreview {

    private final UpcasterChain chain;
    private final EventValidator validator;

    public UpcastPreview(UpcasterChain chain, EventValidator validator) {
        this.chain = chain;
        this.validator = validator;
    }

    public Preview of(RecordedEvent stored) {
        List<UpcasterChain.Applied> steps = new ArrayList<>();
        List<RecordedEvent> result = new ArrayList<>();
        String failure = null;
        try {
            chain.trace(stored, result, steps);
        } catch (UpcastFailure f) {
            failure = f.describe();
        }
        List<String> schemas = new ArrayList<>();
        List<List<String>> violations = new ArrayList<>();
        for (RecordedEvent e : result) {
            schemas.add(validator
                    .schema(e.eventType(), e.eventVersion())
                    .map(s -> s.name() + " (" + s.source() + ")")
                    .orElse(null));
            violations.add(validator.violations(e.eventType(), e.eventVersion(), e.payload()));
        }
        return new Preview(stored, steps, result, schemas, violations, failure);
    }
}
