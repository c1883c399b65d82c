package dev.eventscope.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.PluginHandlerModel;
import dev.eventscope.model.spi.HandlerPlugin;
import java.util.ArrayList;
import java.util.List;

/** Runs a {@link HandlerPlugin}; the events it returns are appended with the checkpoint. */
final class PluginHandler implements Handler {

    private final PluginHandlerModel model;
    private final HandlerPlugin plugin;

    PluginHandler(PluginHandlerModel model, HandlerPlugin plugin) {
        this.model = model;
        this.plugin = plugin;
    }

    @Override
    public Effects handle(Unit unit) throws HandlerFailure {
        List<NewEvent> events = new ArrayList<>();
        for (RecordedEvent e : unit.events()) {
            List<JsonNode> result;
            try {
                result = plugin.handle(EventJson.toNode(e, false));
            } catch (Exception | LinkageError | StackOverflowError failure) {
                throw new HandlerFailure(failure.getClass().getName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
            }
            if (result != null) {
                for (JsonNode item : result) {
                    events.addAll(Reactions.events(model.name(), e, events.size(), item));
                }
            }
        }
        return new Effects(List.of(), events);
    }
}
