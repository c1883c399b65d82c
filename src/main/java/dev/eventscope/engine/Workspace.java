package dev.eventscope.engine;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.event.EventJson;
import dev.eventscope.model.Model;
import dev.eventscope.model.spi.HandlerPlugin;
import dev.eventscope.pipeline.EventReader;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.EventTransform;
import dev.eventscope.replay.SnapshotStarts;
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
 * <p>Not thread-safe: one thread at a time, like the {@link Engine} it serves. Holding a Workspace
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
     * @param origins where the store and the model were named, for messages about them
     */
    public record Settings(
            StoreLocator db,
            Path model,
            ZoneId zone,
            Duration busyTimeout,
            int maxPayloadBytes,
            List<Path> plugins,
            Origins origins) {

        public Settings {
            plugins = plugins == null ? List.of() : List.copyOf(plugins);
            origins = origins == null ? Origins.UNSAID : origins;
        }

        public Settings(
                StoreLocator db,
                Path model,
                ZoneId zone,
                Duration busyTimeout,
                int maxPayloadBytes,
                List<Path> plugins) {
            this(db, model, zone, busyTimeout, maxPayloadBytes, plugins, Origins.UNSAID);
        }

        public Settings(StoreLocator db, Path model, ZoneId zone, Duration busyTimeout, int maxPayloadBytes) {
            this(db, model, zone, busyTimeout, maxPayloadBytes, List.of(), Origins.UNSAID);
        }

        public EventJson.ReadOptions readOptions() {
            return new EventJson.ReadOptions(zone, maxPayloadBytes);
        }
    }

    /**
     * Where the store and the model file were named, as people wrote them: {@code "--db"},
     * {@code "EVENTSCOPE_DB"}, {@code "the default"}. A store or model that is not there is reported
     * with its origin, and for a relative path the directory it was read in: a relative
     * {@code EVENTSCOPE_DB} exported in one directory names another file in the next.
     *
     * @param db how the store was named, or null when not said
     * @param model how the model file was named, or null when not said
     */
    public record Origins(String db, String model) {

        /** Nothing said about where the settings came from (tests, embedding). */
        public static final Origins UNSAID = new Origins(null, null);
    }

    /** The model file used when neither --model nor EVENTSCOPE_MODEL names one, if it exists. */
    public static final Path DEFAULT_MODEL = Path.of("eventscope.yaml");

    private final Settings settings;
    private final Models models;
    private final StoreAdapters stores = new StoreAdapters();
    private EventStore store;
    private StoreOptions.Access access;
    private StateCache states;
    private Model statesModel;

    public Workspace(Settings settings) {
        this(settings, new Models(settings));
    }

    Workspace(Settings settings, Models models) {
        this.settings = settings;
        this.models = models;
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

    /**
     * The store opened for writing; it must exist. For commands that process, manage or repair what
     * is stored ({@code process}, {@code project rebuild}, {@code dlq retry}, snapshots): on a
     * mistyped {@code --db} they must not create an empty store and report having done nothing.
     *
     * @throws NotFoundException when there is no store
     */
    public EventStore writeStore() {
        if (store == null) {
            // opening for reading is what fails, with the facts, when there is no store
            readStore();
        }
        return open(StoreOptions.Access.WRITE);
    }

    /**
     * The store opened for writing, created when missing: only for commands that write new events
     * ({@code init}, {@code append}; {@code import} creates its store through {@link #importTarget()}).
     */
    public EventStore createStore() {
        return open(StoreOptions.Access.WRITE);
    }

    /**
     * The model, loaded and validated on first use: the file of --model or EVENTSCOPE_MODEL, else
     * ./eventscope.yaml when present, plus the reducers of --plugin jars. Loaded again when the
     * model file changed since (an edit during a shell session applies to the next command).
     * Workspaces of the engines of one {@link Engines} share it.
     *
     * @throws NotFoundException when there is neither a model file nor a plugin
     * @throws dev.eventscope.error.InvalidInputException when the model does not load
     */
    public Model model() {
        return models.model();
    }

    /** True when a model is configured or ./eventscope.yaml exists (it may still fail to load). */
    public boolean hasModel() {
        return models.configured();
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

    /**
     * The folds over the store with the model (needs a model): the one entry point of state,
     * replay, diff, bisect, whatif, audit and snapshots, with the session's state cache and the
     * store's snapshots. Opened for reading; a fold that writes a snapshot at its end re-opens the
     * store for writing then.
     */
    public TimeMachine timeMachine() {
        return timeMachine(readStore());
    }

    private TimeMachine timeMachine(EventStore s) {
        Model m = model();
        if (states == null || statesModel != m) {
            states = new StateCache(StateCache.DEFAULT_SIZE);
            statesModel = m;
        }
        return new TimeMachine(
                s,
                m,
                new EventSource(EventReader.of(this::readStore), m.transform()),
                states,
                new SnapshotStarts(s.snapshots(), () -> writeStore().snapshots()));
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
        return models.handlerPlugins();
    }

    /**
     * Managing snapshots: create, list, prune, verify. With {@code forWriting} (create, prune) the
     * store is opened for writing first; it must exist. The model is loaded when one is
     * configured; listing works without.
     */
    public Snapshots snapshots(boolean forWriting) {
        if (forWriting) {
            // the store must exist: managing snapshots never creates one
            writeStore();
        }
        EventStore s = readStore();
        return new Snapshots(
                s,
                hasModel() ? timeMachine(s) : null,
                new SnapshotStarts(s.snapshots(), () -> writeStore().snapshots()));
    }

    /**
     * Where an import goes: the store when it exists (opened for writing), otherwise a store that
     * the import creates: a file complete only when it commits (SQLite), or the schema created by
     * opening the store for writing (PostgreSQL, whose import then commits in one transaction).
     */
    public ImportTarget importTarget() {
        if (store != null) {
            return createStore();
        }
        return stores.importTarget(
                new StoreOptions(settings.db(), StoreOptions.Access.WRITE, settings.busyTimeout()), this::createStore);
    }

    private EventStore open(StoreOptions.Access wanted) {
        if (store != null && (access == StoreOptions.Access.WRITE || wanted == access)) {
            return store;
        }
        if (store != null) {
            store.close();
            store = null;
        }
        try {
            store = stores.open(new StoreOptions(settings.db(), wanted, settings.busyTimeout()));
        } catch (NotFoundException e) {
            throw new NotFoundException(
                    e.getMessage() + whence(settings.db(), settings.origins().db()),
                    hint(settings.origins().db(), "--db", "EVENTSCOPE_DB", e),
                    e);
        }
        access = wanted;
        return store;
    }

    /**
     * Where a path came from, for a message about it: {@code " (from EVENTSCOPE_DB, relative to
     * /srv/app)"}; empty when its origin was not said.
     */
    static String whence(StoreLocator store, String origin) {
        if (store instanceof StoreLocator.SqliteFile f) {
            return whence(f.file(), origin);
        }
        return origin == null ? "" : " (" + from(origin) + ")";
    }

    private static String from(String origin) {
        return origin.startsWith("-") || origin.startsWith("EVENTSCOPE_") ? "from " + origin : origin;
    }

    static String whence(Path path, String origin) {
        if (origin == null) {
            return "";
        }
        String from = origin.startsWith("-") || origin.startsWith("EVENTSCOPE_") ? "from " + origin : origin;
        return " ("
                + from
                + (path.isAbsolute() ? "" : ", relative to " + Path.of("").toAbsolutePath())
                + ")";
    }

    /** The hint for a path from {@code origin}: the environment's variable is named, since it is not on the line. */
    static String hint(String origin, String option, String variable, NotFoundException e) {
        if (variable.equals(origin)) {
            return variable + " is set in the environment: point it at an existing file (an absolute path works"
                    + " from any directory), unset it, or pass " + option + " FILE";
        }
        return e.hint().orElse(null);
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
