package dev.eventscope.store.sqlite;

import dev.eventscope.store.EventStore;
import dev.eventscope.store.ImportTarget;
import dev.eventscope.store.StoreCopy;
import dev.eventscope.store.StoreFactory;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Store files in SQLite: the {@link StoreFactory} of this adapter, for {@link StoreLocator.SqliteFile}s. */
public final class SqliteStores implements StoreFactory {

    @Override
    public EventStore open(StoreOptions options) {
        return SqliteEventStore.open(options);
    }

    @Override
    public boolean exists(StoreLocator store) {
        return Files.exists(fileOf(store));
    }

    /**
     * The store itself when its file exists, otherwise an import that builds the store in a
     * scratch file and puts it in place when it commits (ADR 0040).
     */
    @Override
    public ImportTarget importTarget(StoreOptions options, Supplier<EventStore> open) {
        if (Files.exists(fileOf(options.store()))) {
            return open.get();
        }
        return new NewStoreImport(options);
    }

    @Override
    public StoreCopy createCopy(StoreLocator target) {
        return SqliteStoreCopy.create(fileOf(target));
    }

    /** The file of a locator this adapter was handed; any other kind is a wiring bug. */
    static Path fileOf(StoreLocator store) {
        if (store instanceof StoreLocator.SqliteFile f) {
            return f.file();
        }
        throw new IllegalArgumentException("not a SQLite store: " + store);
    }
}
