package dev.eventscope.process;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.model.ExecHandlerModel;
import dev.eventscope.model.PluginHandlerModel;
import dev.eventscope.model.ProcessorModel;
import dev.eventscope.model.ProjectionModel;
import dev.eventscope.model.ReactorModel;
import dev.eventscope.model.spi.HandlerPlugin;
import dev.eventscope.store.ReadModelTable;
import java.util.Map;

/** Makes the runnable {@link Handler} of a projection or handler of the model. */
final class Handlers {

    private Handlers() {}

    /**
     * @param table for a projection, the table its rows go to (null: its own)
     * @throws NotFoundException for a plugin handler whose class no --plugin jar provides
     */
    static Handler of(ProcessorModel model, Map<String, HandlerPlugin> plugins, ReadModelTable table) {
        if (model instanceof ProjectionModel p) {
            return new ProjectionHandler(p, table == null ? p.table() : table);
        }
        if (model instanceof ReactorModel r) {
            return new ReactorHandler(r);
        }
        if (model instanceof ExecHandlerModel e) {
            return new ExecHandler(e);
        }
        PluginHandlerModel p = (PluginHandlerModel) model;
        HandlerPlugin plugin = plugins.get(p.className());
        if (plugin == null) {
            throw new NotFoundException(
                    "handler " + p.name() + " needs the plugin class " + p.className() + ", which no --plugin jar"
                            + " provides",
                    plugins.isEmpty()
                            ? "pass the jar that has it with --plugin JAR"
                            : "the jars given provide " + String.join(", ", plugins.keySet()));
        }
        return new PluginHandler(p, plugin);
    }
}
