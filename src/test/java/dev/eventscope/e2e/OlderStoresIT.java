package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.EventJson;
import dev.eventscope.event.StreamId;
import dev.eventscope.ingest.Importer;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.Checkpoint;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.NewSnapshot;
import dev.eventscope.store.Snapshot;
import dev.eventscope.store.SnapshotInfo;
import dev.eventscope.store.StoreHead;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.postgres.OlderPgStores;
import dev.eventscope.store.sqlite.OlderSqliteStores;
import dev.eventscope.store.sqlite.SqliteEventStore;
import dev.eventscope.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stores that an older Eventscope made (issue 18): built through the real migrations stopped at
 * the last schema before sagas (SQLite 15, PostgreSQL 19), written there by the store code (events,
 * a handler's checkpoint, a snapshot), then opened by this build's jar: the missing migrations
 * run in place, and the log, its hash chain, the checkpoint and the snapshot are what a store made
 * by this build holds; sagas work on it. A store of a newer schema than this build knows is
 * refused with exit 74.
 */
class OlderStoresIT {

    @TempDir
    Path dir;

    /** One backend's store of the test, and how to look at its schema from outside. */
    private interface Backend {
        String db();

        int before();

        int latest();

        EventStore openAt(int version);

        int schemaVersion() throws SQLException;

        void setSchemaVersion(int version) throws SQLException;

        long sagaTables() throws SQLException;
    }

    private Backend backend(String kind) {
        if (kind.equals("sqlite")) {
            Path file = dir.resolve("older.db");
            return new Backend() {
                public String db() {
                    return file.toString();
                }

                public int before() {
                    return OlderSqliteStores.BEFORE_SAGAS;
                }

                public int latest() {
                    return OlderSqliteStores.latest();
                }

                public EventStore openAt(int version) {
                    return OlderSqliteStores.open(file, version);
                }

                public int schemaVersion() throws SQLException {
                    return (int) sqlite("PRAGMA user_version");
                }

                public void setSchemaVersion(int version) throws SQLException {
                    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                            Statement st = c.createStatement()) {
                        st.execute("PRAGMA user_version = " + version);
                    }
                }

                public long sagaTables() throws SQLException {
                    return sqlite("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'saga%'");
                }

                private long sqlite(String sql) throws SQLException {
                    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                            Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery(sql)) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            };
        }
        TestPostgres server = TestPostgres.shared();
        String schema = TestPostgres.newSchema();
        return new Backend() {
            public String db() {
                return server.url(schema);
            }

            public int before() {
                return OlderPgStores.BEFORE_SAGAS;
            }

            public int latest() {
                return OlderPgStores.latest();
            }

            public EventStore openAt(int version) {
                return OlderPgStores.open(server.locator(schema), version);
            }

            public int schemaVersion() throws SQLException {
                return Integer.parseInt(pg("SELECT value FROM " + schema + ".store_info WHERE key = 'schema_version'"));
            }

            public void setSchemaVersion(int version) {
                server.execute(
                        TestPostgres.DATABASE,
                        "UPDATE " + schema + ".store_info SET value = '" + version + "' WHERE key = 'schema_version'");
            }

            public long sagaTables() throws SQLException {
                return Long.parseLong(pg("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
                        + "' AND tablename LIKE 'saga%'"));
            }

            private String pg(String sql) throws SQLException {
                try (Connection c = server.admin(TestPostgres.DATABASE);
                        PreparedStatement st = c.prepareStatement(sql);
                        ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        };
    }

    private Evs evs(String db, String outbox) {
        return Evs.in(dir)
                .withEnv("EVENTSCOPE_DB", db)
                .withEnv(
                        "EVENTSCOPE_MODEL",
                        Evs.baseDir().resolve("samples/orders/eventscope.yaml").toString())
                .withEnv("NOTIFY_OUTBOX", dir.resolve(outbox).toString());
    }

    private static Evs.Result ok(Evs.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static Path sample() {
        return Evs.baseDir().resolve("samples/orders/events.ndjson");
    }

    private static EventStore openFile(Path file) {
        return SqliteEventStore.open(
                new StoreOptions(StoreLocator.file(file), StoreOptions.Access.READ, Duration.ofSeconds(30)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_store_an_older_release_made_is_upgraded_in_place_keeping_its_log_chain_checkpoint_and_snapshot(String kind)
            throws Exception {
        // given: the same history in a store of this build, made by the jar (the reference): the
        // first 200 events, the notify handler run over them, then the whole log and a snapshot
        Path reference = dir.resolve("reference.db");
        Evs ref = evs(reference.toString(), "reference-outbox.log");
        Path half = dir.resolve("half.ndjson");
        Files.write(half, Files.readAllLines(sample()).subList(0, 200));
        ok(ref.run("import", half.toString()));
        ok(ref.run("process", "notify"));
        ok(ref.run("import", sample().toString()));
        ok(ref.run("snapshot", "create", "order-0007"));
        Checkpoint checkpoint;
        Snapshot snapshot;
        try (EventStore store = openFile(reference)) {
            checkpoint = store.requireProcessing().checkpoints().get("notify").orElseThrow();
            SnapshotInfo info =
                    store.snapshots().list(new StreamId("Order", "order-0007")).get(0);
            snapshot = store.snapshots().load(info.id()).orElseThrow();
        }
        assertThat(checkpoint.position()).isEqualTo(200);

        // and: the store an older release made, at its schema version, holding the same
        Backend older = backend(kind);
        StoreHead before;
        try (EventStore store = older.openAt(older.before())) {
            new Importer(() -> store, new Importer.Options(EventJson.ReadOptions.DEFAULT, false, null), Progress.NONE)
                    .run(sample(), "events.ndjson");
            store.requireProcessing().checkpoints().put("notify", checkpoint.position(), checkpoint.fingerprint());
            SnapshotInfo info = snapshot.info();
            store.snapshots()
                    .save(List.of(new NewSnapshot(
                            info.stream(),
                            info.version(),
                            info.position(),
                            info.validTime(),
                            info.fingerprint(),
                            snapshot.state())));
            before = store.head();
        }
        assertThat(older.schemaVersion()).isEqualTo(older.before()).isLessThan(older.latest());
        assertThat(older.sagaTables()).isZero();
        Evs evs = evs(older.db(), "older-outbox.log");

        // when: this build's jar opens it
        Evs.Result head = ok(evs.run("head"));

        // then: the missing migrations ran, the log and its chain are as they were, and the log is the
        // reference's (but for the record times, which are the moments each store was written)
        assertThat(older.schemaVersion()).isEqualTo(older.latest());
        assertThat(older.sagaTables()).isPositive();
        String pinned = before.position() + ":" + before.hash();
        assertThat(before.position()).isEqualTo(418);
        assertThat(head.stdout()).isEqualTo(pinned + "\n");
        ok(evs.run("verify", "--expect-head", pinned));
        assertThat(withoutRecordTimes(ok(evs.run("export")).stdout()))
                .isEqualTo(withoutRecordTimes(ok(ref.run("export")).stdout()));
        // the snapshot is there, current, and used
        for (List<String> command : List.of(
                List.of("snapshot", "list", "-o", "ndjson"),
                List.of("snapshot", "verify", "--all"),
                List.of("state", "order-0007"))) {
            String[] args = command.toArray(String[]::new);
            assertThat(withoutCreationTimes(ok(evs.run(args)).stdout()))
                    .as(command.toString())
                    .isEqualTo(withoutCreationTimes(ok(ref.run(args)).stdout()));
        }
        // the handler goes on from its checkpoint: the events after it, and only those
        Evs.Result notify = ok(evs.run("process", "notify"));
        assertThat(notify.stdout()).isEqualTo(ok(ref.run("process", "notify")).stdout());
        List<String> referenceOutbox = Files.readAllLines(dir.resolve("reference-outbox.log"));
        List<String> olderOutbox = Files.readAllLines(dir.resolve("older-outbox.log"));
        assertThat(olderOutbox).isNotEmpty().hasSizeLessThan(referenceOutbox.size());
        assertThat(referenceOutbox).endsWith(olderOutbox.toArray(String[]::new));
        // sagas, whose tables the upgrade added, run and answer as on the reference
        for (List<String> command : List.of(
                List.of("process", "fulfilment"),
                List.of("saga", "list", "fulfilment", "--stuck", "--at", "2024-01-22T12:00:00Z"),
                List.of("saga", "show", "fulfilment", "order-0035", "--at", "2024-01-22T12:00:00Z"))) {
            String[] args = command.toArray(String[]::new);
            assertThat(ok(evs.run(args)).stdout())
                    .as(command.toString())
                    .isEqualTo(ok(ref.run(args)).stdout());
        }
        ok(evs.run("verify"));
    }

    private static String withoutCreationTimes(String out) {
        return out.replaceAll("\"createdAt\":\"[^\"]*\",?", "");
    }

    private static String withoutRecordTimes(String export) {
        assertThat(export).contains("\"recordedAt\":\"");
        return export.replaceAll("\"recordedAt\":\"[^\"]*\",?", "");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_store_of_a_newer_schema_than_this_build_knows_is_refused_untouched(String kind) throws Exception {
        // given
        Backend newer = backend(kind);
        Evs evs = evs(newer.db(), "outbox.log");
        ok(evs.run("init"));
        int version = newer.latest() + 1;
        newer.setSchemaVersion(version);

        // when
        Evs.Result head = evs.run("head");
        Evs.Result append =
                evs.run("append", "--type", "T", "--aggregate-type", "A", "--aggregate-id", "a-1", "--payload", "{}");

        // then
        String store = kind.equals("sqlite") ? newer.db() : "store " + newer.db();
        String refusal = "evs: " + store + " has store schema " + version + ", newer than this Eventscope knows ("
                + newer.latest() + ")\nhint: use a newer Eventscope for this store\n";
        assertThat(head.exitCode()).as(head.toString()).isEqualTo(74);
        assertThat(head.stderr()).endsWith(refusal);
        assertThat(append.exitCode()).as(append.toString()).isEqualTo(74);
        assertThat(append.stderr()).endsWith(refusal);
        assertThat(newer.schemaVersion()).isEqualTo(version);
        assertThat(newer.sagaTables()).isPositive();
    }
}
