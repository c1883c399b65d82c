package dev.eventscope.store.sqlite;

import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreCopy;
import dev.eventscope.store.StoreFactory;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;

/** Store files in SQLite: the {@link StoreFactory} of this adapter. */
public final class SqliteStores implements StoreFactory {

    @Override
    public EventStore open(StoreOptions options) {
        return SqliteEventStore.open(options);
    }

    @Override
    public StoreCopy createCopy(Path file) {
        return SqliteStoreCopy.create(file);
    }
}
