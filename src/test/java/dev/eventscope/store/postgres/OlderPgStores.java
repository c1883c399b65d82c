package dev.eventscope.store.postgres;

import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.time.Duration;

/**
 * Stores as an older Eventscope left them in PostgreSQL: created (or upgraded) through the real
 * migration statements, stopped at an earlier schema version, and written by the same store code.
 */
public final class OlderPgStores {

    /** The schema version of the releases before sagas (migrations 0001-0019; 0020 adds saga_instances). */
    public static final int BEFORE_SAGAS = 19;

    private OlderPgStores() {}

    /** The schema version this build creates. */
    public static int latest() {
        return PgSchema.latest();
    }

    /** The store in {@code pg}, opened for writing at schema {@code version}: created at it when missing. */
    public static EventStore open(StoreLocator.Postgres pg, int version) {
        return PgEventStore.open(new StoreOptions(pg, StoreOptions.Access.WRITE, Duration.ofSeconds(30)), version);
    }
}
