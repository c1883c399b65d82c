package dev.eventscope.upcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.StoreBusyException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.Model;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteStores;
import dev.eventscope.verify.StoreVerifier;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {

    @TempDir
    Path dir;

    Path source;
    Path target;

    @BeforeEach
    void store() {
        source = dir.resolve("events.db");
        target = dir.resolve("migrated.db");
        UpcastStores.fill(source);
    }

    private MigrationReport migrate(String model, boolean force, boolean dryRun) {
        Model m = UpcastStores.model(model);
        try (EventStore store = UpcastStores.open(source, StoreOptions.Access.READ_AS_IS)) {
            return new Migrator(store, m.upcasters(), m.validator(), new SqliteStores(), Progress.NONE)
                    .run(new Migrator.Options(dev.eventscope.store.StoreLocator.file(target), force, dryRun));
        }
    }

    private static List<RecordedEvent> all(EventStore store, Model m) {
        try (Stream<RecordedEvent> s = new EventSource(store::read, m.transform()).read(EventQuery.ALL)) {
            return s.toList();
        }
    }

    /** The files in the directory, but the -wal and -shm files SQLite keeps beside the source as it reads. */
    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("events.db-wal") && !name.equals("events.db-shm"))
                    .sorted()
                    .toList();
        }
    }

    @Nested
    class when_the_migration_succeeds {

        @Test
        void every_event_is_written_upcast_in_order_with_a_fresh_chain_and_the_source_is_untouched() throws Exception {
            // given
            String before = sha256(source);
            Model m = UpcastStores.model(UpcastStores.MODEL);

            // when
            MigrationReport report = migrate(UpcastStores.MODEL, false, false);

            // then: the report
            assertThat(List.of(
                            report.sourceEvents(),
                            report.events(),
                            report.upcast(),
                            report.split(),
                            report.dropped(),
                            report.renumbered()))
                    .containsExactly(6L, 6L, 4L, 1L, 1L, 1L);
            assertThat(sha256(source)).isEqualTo(before);
            try (EventStore from = UpcastStores.open(source, StoreOptions.Access.READ);
                    EventStore to = UpcastStores.open(target, StoreOptions.Access.READ)) {
                // and: the new store verifies, and holds the events as the source reads, in order
                assertThat(new StoreVerifier(to).verify(true, null).problems()).isEmpty();
                assertThat(to.head()).isEqualTo(report.head());
                List<RecordedEvent> read = all(from, m);
                List<RecordedEvent> copied;
                try (Stream<RecordedEvent> s = to.read(EventQuery.ALL)) {
                    copied = s.toList();
                }
                assertThat(copied).extracting(RecordedEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
                assertThat(copied)
                        .extracting(RecordedEvent::eventId)
                        .isEqualTo(read.stream().map(RecordedEvent::eventId).toList());
                for (int i = 0; i < read.size(); i++) {
                    RecordedEvent r = read.get(i);
                    RecordedEvent c = copied.get(i);
                    assertThat(List.of(
                                    c.eventType(),
                                    c.eventVersion(),
                                    c.stream(),
                                    c.timestamp(),
                                    c.recordedAt(),
                                    c.payload(),
                                    c.metadata()))
                            .isEqualTo(List.of(
                                    r.eventType(),
                                    r.eventVersion(),
                                    r.stream(),
                                    r.timestamp(),
                                    r.recordedAt(),
                                    r.payload(),
                                    r.metadata()));
                }
                // and: stream versions change only after the split; a-1 was 1,2,3(dropped),4
                assertThat(copied)
                        .filteredOn(e -> e.aggregateId().equals("a-1"))
                        .extracting(e -> e.eventType() + "@" + e.streamVersion())
                        .containsExactly("Deposited@1", "Deposited@2", "FeeCharged@3", "Deposited@4");
            }
            // and: where every source event went
            assertThat(rows(target, "SELECT old_position, part, new_position FROM migration_positions ORDER BY 1, 2"))
                    .containsExactly("1|0|1", "2|0|2", "3|0|3", "3|1|4", "4|0|null", "5|0|5", "6|0|6");
            assertThat(files()).containsExactlyInAnyOrder("events.db", "migrated.db");
        }

        @Test
        void a_dry_run_reports_the_same_counts_and_writes_nothing() throws Exception {
            // when
            MigrationReport report = migrate(UpcastStores.MODEL, false, true);

            // then
            assertThat(report.dryRun()).isTrue();
            assertThat(List.of(report.events(), report.upcast(), report.split(), report.dropped(), report.renumbered()))
                    .containsExactly(6L, 4L, 1L, 1L, 1L);
            assertThat(files()).containsExactly("events.db");
        }

        @Test
        void a_temporary_file_left_by_an_interrupted_run_is_removed_by_the_next() throws Exception {
            // given
            Files.writeString(dir.resolve("migrated.db.migrating"), "half a store");
            Files.writeString(dir.resolve("migrated.db.migrating-journal"), "");

            // when
            migrate(UpcastStores.MODEL, false, false);

            // then
            assertThat(files()).containsExactlyInAnyOrder("events.db", "migrated.db");
        }
    }

    @Nested
    class when_the_migration_is_refused {

        @Test
        void an_existing_target_is_refused_unless_forced_and_then_replaced() throws Exception {
            // given
            Files.writeString(target, "something");

            // when / then
            assertThatThrownBy(() -> migrate(UpcastStores.MODEL, false, false))
                    .isInstanceOf(UsageException.class)
                    .hasMessage(target + " exists already; a migration writes a new store");
            assertThatThrownBy(() -> migrate(UpcastStores.MODEL, false, true)).isInstanceOf(UsageException.class);
            assertThat(Files.readString(target)).isEqualTo("something");
            migrate(UpcastStores.MODEL, true, false);
            try (EventStore to = UpcastStores.open(target, StoreOptions.Access.READ)) {
                assertThat(to.head().events()).isEqualTo(6);
            }
        }

        @Test
        void the_source_itself_is_never_a_target() {
            target = source;
            assertThatThrownBy(() -> migrate(UpcastStores.MODEL, true, false))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("is the store being migrated");
        }

        @Test
        void an_event_that_does_not_upcast_or_validate_stops_it_and_leaves_no_file() throws Exception {
            // given: Deposited v2 now needs a currency the upcaster does not add
            String model = UpcastStores.MODEL.replace("required: [amount]", "required: [amount, currency]");

            // when / then
            assertThatThrownBy(() -> migrate(model, false, false))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.getMessage())
                                .isEqualTo("the event at position 1 (Acct/a-1 v1, Deposited v1) cannot be migrated"
                                        + " (upcaster Deposited v1->v2); nothing was written");
                        assertThat(e.problems().get(0)).endsWith("$.payload: required property 'currency' not found");
                    });
            assertThat(files()).containsExactly("events.db");
        }

        @Test
        void another_migration_writing_the_same_target_makes_it_busy() throws Exception {
            // given
            try (FileChannel ch = FileChannel.open(
                            dir.resolve("migrated.db.migrate-lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                // when / then
                assertThatThrownBy(() -> migrate(UpcastStores.MODEL, false, false))
                        .isInstanceOf(StoreBusyException.class)
                        .hasMessage("another migration is writing " + target);
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<String> rows(Path db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return out;
    }
}
