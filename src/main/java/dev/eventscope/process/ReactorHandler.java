package dev.eventscope.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.ReactorModel;
import dev.eventscope.model.RuleFailure;
import dev.eventscope.pipeline.EventTree;
import java.util.ArrayList;
import java.util.List;

/** Runs a reactor's emit rule: the events it gives are appended with the checkpoint, exactly once. */
final class ReactorHandler implements Handler {

    private final ReactorModel reactor;

    ReactorHandler(ReactorModel reactor) {
        this.reactor = reactor;
    }

    @Override
    public Effects handle(Unit unit) throws HandlerFailure {
        List<NewEvent> events = new ArrayList<>();
        for (RecordedEvent e : unit.events()) {
            JsonNode result;
            try {
                result = reactor.emit().apply(EventTree.of(e), null);
            } catch (RuleFailure f) {
                throw new HandlerFailure(f.location() + ": rule " + f.source().name() + " failed: " + f.getMessage());
            }
            events.addAll(Reactions.events(reactor.name(), e, events.size(), result));
        }
        return new Effects(List.of(), events);
    }
}
