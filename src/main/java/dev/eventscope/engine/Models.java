package dev.eventscope.engine;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.model.Plugins;
import dev.eventscope.model.spi.AggregatePlugin;
import dev.eventscope.model.spi.HandlerPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The model of a set of settings, loaded once and again when its file changes, and the handler
 * plugins of its jars: what engines opened from one {@link Engines} share. Thread-safe; a loaded
 * {@link Model} is immutable.
 */
final class Models {

    private final Workspace.Settings settings;
    private Model model;
    private String stamp;
    private Map<String, HandlerPlugin> handlerPlugins;

    Models(Workspace.Settings settings) {
        this.settings = settings;
    }

    /** The model; see {@link Workspace#model()}. */
    synchronized Model model() {
        Path file = file();
        String now = stamp(file);
        if (model != null && !now.equals(stamp)) {
            model = null;
        }
        if (model == null) {
            List<AggregatePlugin> plugins = Plugins.load(settings.plugins());
            if (file == null && plugins.isEmpty()) {
                throw new NotFoundException(
                        "no model: this command needs the reducers of eventscope.yaml",
                        "pass --model FILE, set EVENTSCOPE_MODEL, or create eventscope.yaml in this directory");
            }
            try {
                model = file == null ? ModelLoader.ofPlugins(plugins) : ModelLoader.load(file, plugins);
            } catch (NotFoundException e) {
                if (file == null || Files.exists(file)) {
                    throw e;
                }
                // a missing file named by --model or EVENTSCOPE_MODEL: say which, and from where
                throw new NotFoundException(
                        e.getMessage()
                                + Workspace.whence(file, settings.origins().model()),
                        Workspace.hint(settings.origins().model(), "--model", "EVENTSCOPE_MODEL", e),
                        e);
            }
            stamp = now;
        }
        return model;
    }

    /** True when a model is configured or ./eventscope.yaml exists (it may still fail to load). */
    boolean configured() {
        return file() != null || !settings.plugins().isEmpty();
    }

    /** The handlers in Java that the plugin jars provide, by class name. */
    synchronized Map<String, HandlerPlugin> handlerPlugins() {
        if (handlerPlugins == null) {
            handlerPlugins = Plugins.handlers(settings.plugins());
        }
        return handlerPlugins;
    }

    private Path file() {
        if (settings.model() != null) {
            return settings.model();
        }
        return Files.isRegularFile(Workspace.DEFAULT_MODEL) ? Workspace.DEFAULT_MODEL : null;
    }

    /** The file's size and modification time, to notice an edit; "" when there is no file. */
    private static String stamp(Path file) {
        if (file == null) {
            return "";
        }
        try {
            return Files.size(file) + "/" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            // unreadable now: let the loader report it
            return "?";
        }
    }
}
