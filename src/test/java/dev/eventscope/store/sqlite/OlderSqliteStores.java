package dev.eventscope.store.sqlite;

import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Store files as an older Eventscope left them: created (or upgraded) through the real migration
 * statements, stopped at an earlier schema version, and written by the same store code.
 */
public final class OlderSqliteStores {

    /** The schema version of the releases before sagas (migrations 0001-0015; 0016 adds saga_instances). */
    public static final int BEFORE_SAGAS = 15;

    private OlderSqliteStores() {}

    /** The schema version this build creates. */
    public static int latest() {
        return Migrations.latest();
    }

    /** The store file {@code file}, opened for writing at schema {@code version}: created at it when missing. */
    public static EventStore open(Path file, int version) {
        return SqliteEventStore.open(
                new StoreOptions(StoreLocator.file(file), StoreOptions.Access.WRITE, Duration.ofSeconds(30)), version);
    }
}
