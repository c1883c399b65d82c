package dev.eventscope.engine;

import dev.eventscope.event.EventJson;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ImportTarget;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * What one invocation (or one shell session) works on: the store file and the settings that
 * apply to every command. Opens the store lazily, read-only for readers, and re-opens it for
 * writing when a writer needs it.
 *
 * <p>Not thread-safe. Holding a Workspace open holds no transaction: the store is only locked
 * while a command reads or writes.
 */
public final class Workspace implements AutoCloseable {

    /** Settings shared by every command. */
    public record Settings(Path db, Path model, ZoneId zone, Duration busyTimeout, int maxPayloadBytes) {

        public EventJson.ReadOptions readOptions() {
            return new EventJson.ReadOptions(zone, maxPayloadBytes);
        }
    }

    private final Settings settings;
    private EventStore store;
    private StoreOptions.Access access;

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

    /** The store opened for writing; created when missing. */
    public EventStore writeStore() {
        return open(StoreOptions.Access.WRITE);
    }

    /**
     * Where an import goes: the store when it exists (opened for writing), otherwise a store that
     * the import creates, complete, only when it commits.
     */
    public ImportTarget importTarget() {
        if (store != null) {
            return writeStore();
        }
        return SqliteEventStore.importTarget(
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
        store = SqliteEventStore.open(new StoreOptions(settings.db(), wanted, settings.busyTimeout()));
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
