package dev.eventscope.store.postgres;

import dev.eventscope.postgres.PgConnect;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ImportTarget;
import dev.eventscope.store.StoreCopy;
import dev.eventscope.store.StoreFactory;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/** Stores in PostgreSQL schemas: the {@link StoreFactory} of this adapter, for {@link StoreLocator.Postgres}. */
public final class PgStores implements StoreFactory {

    @Override
    public EventStore open(StoreOptions options) {
        return PgEventStore.open(options);
    }

    @Override
    public boolean exists(StoreLocator store) {
        StoreLocator.Postgres pg = postgresOf(store);
        try (Connection c = PgConnect.open(pg.url())) {
            return PgSchema.version(c, pg) > 0;
        } catch (SQLException e) {
            throw PgErrors.translate(e, "looking for the store", pg);
        }
    }

    /**
     * The store opened for writing (created when missing): a schema is created in a transaction of
     * its own, so an import that fails leaves an empty store, never a partial one.
     */
    @Override
    public ImportTarget importTarget(StoreOptions options, Supplier<EventStore> open) {
        return open.get();
    }

    @Override
    public StoreCopy createCopy(StoreLocator target) {
        return PgStoreCopy.create(postgresOf(target));
    }

    /** The PostgreSQL locator this adapter was handed; any other kind is a wiring bug. */
    static StoreLocator.Postgres postgresOf(StoreLocator store) {
        if (store instanceof StoreLocator.Postgres pg) {
            return pg;
        }
        throw new IllegalArgumentException("not a PostgreSQL store: " + store);
    }
}
