package dev.eventscope.store.sqlite;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression: the store's path went into the JDBC URL as it was, so {@code --db :memory:} appended
 * to an in-memory database (acknowledged, then lost) and {@code --db 'x.db?journal_mode=delete'}
 * created {@code x.db} with those settings. Every name must mean exactly that file on disk.
 */
class StoreFileNamesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {":memory:", "x.db?journal_mode=delete", "p%41.db", "h#x.db", "sp ace.db", "ü.db", "file:q.db"})
    void an_event_appended_to_a_store_with_a_uri_like_name_is_in_that_file_on_disk(String name) {
        // given
        Path file = dir.resolve(name);

        // when
        try (SqliteEventStore store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(file), StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT))) {
            store.append(List.of(event("A").build()), ExpectedVersion.ANY);
        }

        // then: the file exists under its own name, holds the event, and nothing else was created
        try (SqliteEventStore store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(file), StoreOptions.Access.READ, StoreOptions.DEFAULT_BUSY_TIMEOUT))) {
            assertThat(store.head().position()).isEqualTo(1);
        }
        assertThat(dir.toFile().list()).allMatch(f -> f.startsWith(name));
    }
}
