package dev.eventscope.store.sqlite;

import dev.eventscope.store.EventStore;
import dev.eventscope.store.EventStoreContract;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against a SQLite store in a temporary file. */
class SqliteEventStoreContractTest extends EventStoreContract {

    @TempDir
    Path dir;

    @Override
    protected EventStore openEmptyStore() {
        return SqliteEventStore.open(new StoreOptions(
                dir.resolve("events.db"), StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT));
    }
}
