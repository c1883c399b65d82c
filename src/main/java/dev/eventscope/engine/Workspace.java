package dev.eventscope.engine;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.event.EventJson;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.model.Plugins;
import dev.eventscope.model.spi.AggregatePlugin;
import dev.eventscope.model.spi.HandlerPlugin;
import dev.eventscope.pipeline.EventReader;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.EventTransform;
import dev.eventscope.replay.StateCache;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.schema.EventValidator;
import dev.eventscope.snapshot.Snapshots;
import dev.eventscope.stats.Stats;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ImportTarget;
import dev.eventscope.store.ReadNames;
import dev.eventscope.store.StoreFactory;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What one invocation (or one shell session) works on: the store and the settings that
 * apply to every command. Opens the store lazily, read-only for readers, and re-opens it for
 * writing when a writer needs it.
 *
 * <p>Not thread-safe (a shell runs one command at a time on its worker thread). Holding a Workspace
 * open holds no transaction: the store is only locked while a command reads or writes. Aggregate
 * states folded by {@link #timeMachine()} are cached for the life of the workspace (one shell
 * session), checked against the store's head before each answer.
 */
public final class Workspace implements AutoCloseable {

    /**
     * Settings shared by every command.
     *
     * @param model the model file given by --model or EVENTSCOPE_MODEL, or null (then
     *     ./eventscope.yaml when present)
     * @param plugins plugin jars (--plugin) that supply reducers in code
     */
    public record Settings(
            StoreLocator db, Path model, ZoneId zone, Duration busyTimeout, int maxPayloadBytes, List<Path> plugins) {

        public Settings {
            plugins = plugins == null ? List.of() : List.copyOf(plugins);
        }

        public Settings(StoreLocator db, Path model, ZoneId zone, Duration busyTimeout, int maxPayloadBytes) {
            this(db, model, zone, busyTimeout, maxPayloadBytes, List.of());
        }

        public EventJson.ReadOptions readOptions() {
            return new EventJson.ReadOptions(zone, maxPayloadBytes);
        }
    }

    /** The model file used when neither --model nor EVENTSCOPE_MODEL names one, if it exists. */
    public static final Path DEFAULT_MODEL = Path.of("eventscope.yaml");

    private final Settings settings;
    private final StoreAdapters stores = new StoreAdapters();
    private EventStore store;
    private StoreOptions.Access access;
    private Model model;
    private Map<String, HandlerPlugin> handlerPlugins;
    private String modelStamp;
    private StateCache states;
    private Model statesModel;

    public Workspace(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The store opened for reading; it must exist. */
    public EventStore readStore() {
        return open(StoreOptions.Access.READ);
    }

    /**
     * The store opened for reading without changing the file in any way, not even to upgrade an
     * older schema (a migration's source); it must exist.
     */
    public EventStore readStoreAsIs() {
        return open(StoreOptions.Access.READ_AS_IS);
    }

    /** The store opened for writing; created when missing. */
    public EventStore writeStore() {
        return open(StoreOptions.Access.WRITE);
    }

    /**
     * The model, loaded and validated on first use: the file of --model or EVENTSCOPE_MODEL, else
     * ./eventscope.yaml when present, plus the reducers of --plugin jars. Loaded again when the
     * model file changed since (an edit during a shell session applies to the next command).
     *
     * @throws NotFoundException when there is neither a model file nor a plugin
     * @throws dev.eventscope.error.InvalidInputException when the model does not load
     */
    public Model model() {
        String stamp = stamp(modelFile());
        if (model != null && !stamp.equals(modelStamp)) {
            model = null;
        }
        if (model == null) {
            Path file = modelFile();
            List<AggregatePlugin> plugins = Plugins.load(settings.plugins());
            if (file == null && plugins.isEmpty()) {
                throw new NotFoundException(
                        "no model: this command needs the reducers of eventscope.yaml",
                        "pass --model FILE, set EVENTSCOPE_MODEL, or create eventscope.yaml in this directory");
            }
            model = file == null ? ModelLoader.ofPlugins(plugins) : ModelLoader.load(file, plugins);
            modelStamp = stamp;
        }
        return model;
    }

    /** The file's size and modification time, to notice an edit; "" when there is no file. */
    private static String stamp(Path file) {
        if (file == null) {
            return "";
        }
        try {
            return Files.size(file) + "/" + Files.getLastModifiedTime(file).toMillis();
        } catch (java.io.IOException e) {
            // unreadable now: let the loader report it
            return "?";
        }
    }

    /** True when a model is configured or ./eventscope.yaml exists (it may still fail to load). */
    public boolean hasModel() {
        return modelFile() != null || !settings.plugins().isEmpty();
    }

    private Path modelFile() {
        if (settings.model() != null) {
            return settings.model();
        }
        return Files.isRegularFile(DEFAULT_MODEL) ? DEFAULT_MODEL : null;
    }

    /**
     * The read pipeline over the store: stored events, then the model's transform (upcasters) when
     * a model is configured, else as stored.
     */
    public EventSource eventSource() {
        return eventSource(false);
    }

    /** The pipeline, or (with {@code raw}) the events exactly as stored ({@code --raw}). */
    public EventSource eventSource(boolean raw) {
        EventTransform transform = raw ? EventTransform.IDENTITY : transform();
        readStore();
        // the store is looked up at each read: a writer that opens the store for writing after
        // taking the source (process, dlq retry) reads through the same connection it writes on
        return new EventSource(EventReader.of(() -> store), transform);
    }

    /** The model's transform (upcasters) when a model is configured, else the identity. */
    public EventTransform transform() {
        return hasModel() ? model().transform() : EventTransform.IDENTITY;
    }

    /**
     * What new events are validated against: the model's JSON Schemas when a model is configured,
     * else nothing; nothing either when {@code skip} ({@code --no-validate}), and then the model is
     * not even loaded.
     */
    public EventValidator validator(boolean skip) {
        return skip || !hasModel() ? EventValidator.NONE : model().validator();
    }

    /** Opens and creates stores (for commands that work on a second store, such as migrate). */
    public StoreFactory stores() {
        return stores;
    }

    /** Temporal queries over the store with the model; needs a model. */
    public TimeMachine timeMachine() {
        Model m = model();
        if (states == null || statesModel != m) {
            states = new StateCache(StateCache.DEFAULT_SIZE);
            statesModel = m;
        }
        return new TimeMachine(readStore(), m, new EventSource(EventReader.of(this::readStore), m.transform()), states);
    }

    /** Health figures of the store ({@code stats}, {@code top}). */
    public Stats stats() {
        return new Stats(readStore());
    }

    /** Names in the store by prefix (completion in the shell). */
    public ReadNames names() {
        return readStore().names();
    }

    /** The handlers in Java that --plugin jars provide, by class name. */
    public Map<String, HandlerPlugin> handlerPlugins() {
        if (handlerPlugins == null) {
            handlerPlugins = Plugins.handlers(settings.plugins());
        }
        return handlerPlugins;
    }

    /**
     * Folds that start from snapshots, and managing snapshots. Readers get the store opened for
     * reading, re-opened for writing only when a fold writes a snapshot at its end; with
     * {@code forWriting} (create, prune) it is opened for writing first. The model is loaded when
     * one is configured; listing works without.
     */
    public Snapshots snapshots(boolean forWriting) {
        if (forWriting) {
            // the store must exist: managing snapshots never creates one
            readStore();
            writeStore();
        }
        EventStore s = readStore();
        return new Snapshots(
                s,
                hasModel() ? model() : null,
                s.snapshots(),
                () -> writeStore().snapshots());
    }

    /**
     * Where an import goes: the store when it exists (opened for writing), otherwise a store that
     * the import creates, complete, only when it commits.
     */
    public ImportTarget importTarget() {
        if (store != null) {
            return writeStore();
        }
        return stores.importTarget(
                new StoreOptions(settings.db(), StoreOptions.Access.WRITE, settings.busyTimeout()), this::writeStore);
    }

    private EventStore open(StoreOptions.Access wanted) {
        if (store != null && (access == StoreOptions.Access.WRITE || wanted == access)) {
            return store;
        }
        if (store != null) {
            store.close();
            store = null;
        }
        store = stores.open(new StoreOptions(settings.db(), wanted, settings.busyTimeout()));
        access = wanted;
        return store;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
