package dev.eventscope.engine;

import dev.eventscope.store.EventStore;
import dev.eventscope.store.ImportTarget;
import dev.eventscope.store.StoreCopy;
import dev.eventscope.store.StoreFactory;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.postgres.PgStores;
import dev.eventscope.store.sqlite.SqliteStores;
import java.util.function.Supplier;

/**
 * The composition root of storage: the one place that knows the adapters and picks one by the kind
 * of {@link StoreLocator}. Everything else opens stores through this {@link StoreFactory} and
 * works on the port.
 */
public final class StoreAdapters implements StoreFactory {

    private final StoreFactory sqlite = new SqliteStores();
    private final StoreFactory postgres = new PgStores();

    /** The adapter for stores like {@code store}. */
    StoreFactory adapterFor(StoreLocator store) {
        if (store instanceof StoreLocator.SqliteFile) {
            return sqlite;
        }
        if (store instanceof StoreLocator.Postgres) {
            return postgres;
        }
        throw new IllegalArgumentException("no adapter for " + store.getClass().getSimpleName());
    }

    @Override
    public EventStore open(StoreOptions options) {
        return adapterFor(options.store()).open(options);
    }

    @Override
    public boolean exists(StoreLocator store) {
        return adapterFor(store).exists(store);
    }

    @Override
    public ImportTarget importTarget(StoreOptions options, Supplier<EventStore> open) {
        return adapterFor(options.store()).importTarget(options, open);
    }

    @Override
    public StoreCopy createCopy(StoreLocator target) {
        return adapterFor(target).createCopy(target);
    }
}
