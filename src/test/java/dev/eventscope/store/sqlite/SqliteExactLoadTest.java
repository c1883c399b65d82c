package dev.eventscope.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.ConflictException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.ExactLoad;
import dev.eventscope.store.ImportTarget;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.verify.StoreVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faithful bulk load of {@code evs copy} into a new or empty store file (ADR 0235). */
class SqliteExactLoadTest {

    @TempDir
    Path dir;

    List<RecordedEvent> source;

    StoreOptions options(String name) {
        return new StoreOptions(
                StoreLocator.file(dir.resolve(name)), StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT);
    }

    ImportTarget target(String name) {
        return new SqliteStores().importTarget(options(name), () -> SqliteEventStore.open(options(name)));
    }

    @BeforeEach
    void aSource() {
        try (SqliteEventStore s = SqliteEventStore.open(options("source.db"))) {
            s.append(SqliteImportTest.events(40, 5), ExpectedVersion.ANY);
            source = all(s);
        }
    }

    static List<RecordedEvent> all(SqliteEventStore s) {
        try (Stream<RecordedEvent> events = s.read(EventQuery.ALL)) {
            return events.toList();
        }
    }

    List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static void load(ExactLoad load, List<RecordedEvent> events, int batch) {
        for (int i = 0; i < events.size(); i += batch) {
            load.write(events.subList(i, Math.min(events.size(), i + batch)));
        }
    }

    @Test
    void a_new_store_is_the_source_exactly_with_every_index_and_appears_only_when_committed() throws Exception {
        // when
        try (ExactLoad load = target("copy.db").startExactLoad()) {
            load(load, source, 7);
            assertThat(files()).doesNotContain("copy.db");
            load.commit();
        }

        // then
        assertThat(files()).containsExactly("copy.db", "source.db");
        try (SqliteEventStore copy = SqliteEventStore.open(options("copy.db"));
                SqliteEventStore original = SqliteEventStore.open(options("source.db"))) {
            assertThat(all(copy)).isEqualTo(source);
            assertThat(copy.head()).isEqualTo(original.head());
            assertThat(StoreFile.pragmaText(copy.connection(), "journal_mode")).isEqualTo("wal");
            assertThat(copy.integrity().schemaProblems()).isEmpty();
            assertThat(new StoreVerifier(copy).verify(true, null).ok()).isTrue();
        }
    }

    @Test
    void a_load_closed_without_a_commit_creates_no_store() throws Exception {
        // when
        try (ExactLoad load = target("copy.db").startExactLoad()) {
            load(load, source, 10);
        }

        // then
        assertThat(files()).containsExactly("source.db");
    }

    @Test
    void into_an_existing_empty_store_it_commits_once_with_the_indexes_built_again() {
        // given
        SqliteEventStore.open(options("empty.db")).close();

        // when
        try (SqliteEventStore empty = SqliteEventStore.open(options("empty.db"))) {
            try (ExactLoad load = empty.startExactLoad()) {
                load(load, source, 9);
                load.commit();
            }

            // then
            assertThat(all(empty)).isEqualTo(source);
            assertThat(empty.integrity().schemaProblems()).isEmpty();
        }
    }

    @Test
    void a_damaged_event_rolls_back_the_whole_load_and_keeps_the_indexes() {
        // given
        SqliteEventStore.open(options("empty.db")).close();
        List<RecordedEvent> damaged = new ArrayList<>(source);
        RecordedEvent e = damaged.get(20);
        damaged.set(20, e.withHash("0".repeat(e.hash().length())));

        // when
        try (SqliteEventStore empty = SqliteEventStore.open(options("empty.db"))) {
            try (ExactLoad load = empty.startExactLoad()) {
                assertThatThrownBy(() -> load(load, damaged, 10))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("position 21 does not match its hash");
            }

            // then
            assertThat(empty.head().isEmpty()).isTrue();
            assertThat(empty.integrity().schemaProblems()).isEmpty();
        }
    }

    @Test
    void events_that_do_not_continue_the_store_are_refused() {
        // given
        SqliteEventStore.open(options("empty.db")).close();

        // when
        try (SqliteEventStore empty = SqliteEventStore.open(options("empty.db"));
                ExactLoad load = empty.startExactLoad()) {
            // then
            assertThatThrownBy(() -> load.write(source.subList(1, 5)))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("whose next position is 1");
        }
    }
}
