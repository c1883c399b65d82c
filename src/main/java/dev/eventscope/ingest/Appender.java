package dev.eventscope.ingest;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.schema.EventValidator;
import dev.eventscope.store.AppendEvents;
import dev.eventscope.store.AppendResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code append}: checks every new event against the JSON Schema of its type and version (when
 * the model has one), then appends them all atomically. Nothing is written when any event breaks
 * its schema; every violation is reported, with its JSON path.
 */
public final class Appender {

    private final AppendEvents store;
    private final EventValidator validator;

    public Appender(AppendEvents store, EventValidator validator) {
        this.store = store;
        this.validator = validator;
    }

    /**
     * @throws InvalidInputException listing every schema violation of every event
     * @throws dev.eventscope.error.ConflictException on a wrong expected version or reused eventId
     */
    public AppendResult append(List<NewEvent> events, ExpectedVersion expected) {
        List<String> problems = new ArrayList<>();
        long invalid = 0;
        for (int i = 0; i < events.size(); i++) {
            NewEvent e = events.get(i);
            List<String> violations = validator.violations(e.eventType(), e.eventVersion(), e.payload());
            if (violations.isEmpty()) {
                continue;
            }
            invalid++;
            String which = events.size() == 1
                    ? ""
                    : "event " + (i + 1) + " (" + e.eventType() + " v" + e.eventVersion() + ") ";
            for (String v : violations) {
                problems.add(which + v);
            }
        }
        if (invalid > 0) {
            NewEvent first = events.get(0);
            throw new InvalidInputException(
                    (events.size() == 1
                                    ? "the event does not match the schema " + first.eventType() + " v"
                                            + first.eventVersion() + schemaSource(first)
                                    : invalid + " of " + events.size()
                                            + " events do not match the schema of their event type and version")
                            + "; nothing was written",
                    EventInput.limit(problems, problems.size()),
                    "fix the payload, or pass --no-validate to append it anyway");
        }
        return store.append(events, expected);
    }

    private String schemaSource(NewEvent e) {
        return validator
                .schema(e.eventType(), e.eventVersion())
                .map(s -> " (" + s.source() + ")")
                .orElse("");
    }
}
