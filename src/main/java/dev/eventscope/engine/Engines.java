package dev.eventscope.engine;

/**
 * Opens {@link Engine}s over one set of settings, sharing what is costly to make and safe to share:
 * the loaded model (with its compiled rules, reloaded when its file changes) and the plugin jars.
 * Thread-safe: a server keeps one and opens an engine for each request, on the request's thread.
 */
public final class Engines {

    private final Workspace.Settings settings;
    private final Models models;

    public Engines(Workspace.Settings settings) {
        this.settings = settings;
        this.models = new Models(settings);
    }

    public Workspace.Settings settings() {
        return settings;
    }

    /** A new engine over these settings, for one thread at a time; close it when done. */
    public Engine open() {
        return new Engine(new Workspace(settings, models));
    }
}
