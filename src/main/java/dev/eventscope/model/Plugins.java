package dev.eventscope.model;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.model.spi.AggregatePlugin;
import dev.eventscope.model.spi.HandlerPlugin;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link AggregatePlugin}s and {@link HandlerPlugin}s in plugin jars ({@code --plugin
 * JAR}). A jar must provide at least one of either.
 */
public final class Plugins {

    private Plugins() {}

    /**
     * The plugins each jar provides, in jar order.
     *
     * @throws NotFoundException when a jar does not exist
     * @throws InvalidInputException when a jar cannot be loaded or provides no plugin
     */
    public static List<AggregatePlugin> load(List<Path> jars) {
        List<AggregatePlugin> plugins = new ArrayList<>();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new NotFoundException(
                        "plugin jar " + jar + " does not exist", "pass the path of a jar file to --plugin");
            }
            URL url;
            try {
                url = jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new InvalidInputException("plugin jar " + jar + " has no usable path: " + e.getMessage());
            }
            // the loader stays open: the plugin's classes are used for the whole run
            @SuppressWarnings("resource")
            URLClassLoader loader = new URLClassLoader(new URL[] {url}, Plugins.class.getClassLoader());
            int found = 0;
            try {
                for (AggregatePlugin p : ServiceLoader.load(AggregatePlugin.class, loader)) {
                    plugins.add(p);
                    found++;
                }
                for (HandlerPlugin ignored : ServiceLoader.load(HandlerPlugin.class, loader)) {
                    found++;
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                closeQuietly(loader);
                throw new InvalidInputException(
                        "plugin jar " + jar + " cannot be loaded: " + e.getMessage(),
                        "build it against this version of Eventscope, with a public no-argument constructor");
            }
            if (found == 0) {
                closeQuietly(loader);
                throw new InvalidInputException(
                        "plugin jar " + jar + " provides no " + AggregatePlugin.class.getName() + " or "
                                + HandlerPlugin.class.getName(),
                        "list the implementing class in META-INF/services/ under the interface's name");
            }
        }
        return plugins;
    }

    /**
     * The {@link HandlerPlugin}s the jars provide, by class name (call {@link #load} first: it
     * checks the jars).
     */
    public static Map<String, HandlerPlugin> handlers(List<Path> jars) {
        Map<String, HandlerPlugin> handlers = new LinkedHashMap<>();
        for (Path jar : jars) {
            URL url;
            try {
                url = jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new InvalidInputException("plugin jar " + jar + " has no usable path: " + e.getMessage());
            }
            // the loader stays open: the handlers' classes are used for the whole run
            @SuppressWarnings("resource")
            URLClassLoader loader = new URLClassLoader(new URL[] {url}, Plugins.class.getClassLoader());
            try {
                for (HandlerPlugin h : ServiceLoader.load(HandlerPlugin.class, loader)) {
                    handlers.putIfAbsent(h.getClass().getName(), h);
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                closeQuietly(loader);
                throw new InvalidInputException(
                        "plugin jar " + jar + " cannot be loaded: " + e.getMessage(),
                        "build it against this version of Eventscope, with a public no-argument constructor");
            }
        }
        return handlers;
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing was loaded from it
        }
    }
}
