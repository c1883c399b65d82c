package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import dev.eventscope.testing.SourceDatabases;
import dev.eventscope.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code evs import --from KIND postgresql://…} through the jar, on the PostgreSQL fixtures loaded
 * into the test server (PostgreSQL 14, {@link TestPostgres}): Emmett, Message DB and Axon (Jackson
 * and XStream) as their own software wrote them; Marten, RubyEventStore (each data type its
 * PostgreSQL migration offers) and Python eventsourcing layout-based (their READMEs): these prove
 * the mapping of the documented layout, not of rows the store wrote itself. Every event is
 * compared with its source row (id, order, type, payload, time where the store keeps one as a
 * time), and where the same events exist as a SQLite fixture, with what the import makes of that
 * one (every field but where it came from); a second run imports 0, the rows the store's second
 * run wrote are imported by a third run and nothing else, the source is unchanged afterwards and
 * no lock or session is left in it.
 */
class PostgresSourcesIT {

    static final Path FIXTURES = Evs.baseDir().resolve("src/test/fixtures");

    /**
     * One fixture: its kind, dump and delta, and the SELECT that lists its events in the store's
     * order as (id or null when the store keeps none, type, position as importedFrom shows it,
     * payload JSON or null when it is not JSON, time in microseconds or null when the store keeps
     * none as a time); and the SQLite fixtures holding the same events before and after the
     * append, or null.
     */
    record Fixture(String kind, String dump, String delta, String events, String twin, String twinAppended) {

        Fixture(String kind, String dump, String delta, String events) {
            this(kind, dump, delta, events, null, null);
        }

        @Override
        public String toString() {
            return dump;
        }
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                        new Fixture(
                                "emmett",
                                "emmett/emmett-postgresql.sql",
                                "emmett/emmett-postgresql-delta.sql",
                                "SELECT message_id, message_type, transaction_id::text || ':' || global_position,"
                                        + " message_data::text, (extract(epoch FROM created) * 1000000)::bigint"
                                        + " FROM emt_messages WHERE message_kind = 'E' AND NOT is_archived"
                                        + " ORDER BY transaction_id, global_position"),
                        new Fixture(
                                "messagedb",
                                "messagedb/messagedb.sql",
                                "messagedb/messagedb-delta.sql",
                                "SELECT id, type, global_position::text, data::text,"
                                        + " (extract(epoch FROM time AT TIME ZONE 'UTC') * 1000000)::bigint"
                                        + " FROM message_store.messages ORDER BY global_position"),
                        new Fixture(
                                "axon",
                                "axon/axon-jackson.sql",
                                "axon/axon-jackson-delta.sql",
                                "SELECT event_identifier, regexp_replace(payload_type, '^.*[.$]', ''), global_index::text,"
                                        + " convert_from(payload, 'UTF8'), NULL FROM domain_event_entry ORDER BY global_index"),
                        new Fixture(
                                "axon",
                                "axon/axon-xstream.sql",
                                "axon/axon-xstream-delta.sql",
                                "SELECT eventidentifier, regexp_replace(payloadtype, '^.*[.$]', ''), globalindex::text,"
                                        + " NULL, NULL FROM domainevententry ORDER BY globalindex"),
                        new Fixture(
                                "marten",
                                "marten/marten.sql",
                                "marten/marten-delta.sql",
                                "SELECT id::text, type, seq_id::text, CASE WHEN bdata IS NULL THEN data::text END,"
                                        + " (extract(epoch FROM timestamp) * 1000000)::bigint FROM mt_events ORDER BY seq_id"),
                        res("binary"),
                        res("json"),
                        res("jsonb"),
                        eventsourcing())
                .map(Arguments::of);
    }

    /**
     * RubyEventStore with {@code --data-type=TYPE}: YAML in bytea (the default serializer; the same
     * rows as the SQLite fixture), or the JSON client's JSON in json or jsonb (the same events).
     * Payloads are compared with the SQLite fixture's, being YAML or JSON with Ruby types.
     */
    static Fixture res(String type) {
        return new Fixture(
                "res",
                "res/res-" + type + ".sql",
                "res/res-" + type + "-delta.sql",
                "SELECT event_id::text, event_type, id::text, NULL,"
                        + " (extract(epoch FROM coalesce(valid_at, created_at)) * 1000000)::bigint"
                        + " FROM event_store_events ORDER BY id",
                "res/res.sqlite",
                "res/res-appended.sqlite");
    }

    /** eventsourcing's application recorder: no event id, the state's timestamp, a hole at 4. */
    static Fixture eventsourcing() {
        return new Fixture(
                "eventsourcing",
                "eventsourcing/eventsourcing-postgresql.sql",
                "eventsourcing/eventsourcing-postgresql-delta.sql",
                "SELECT NULL, regexp_replace(topic, '^.*[.:]', ''), notification_id::text, NULL,"
                        + " (extract(epoch FROM (convert_from(state, 'UTF8')::jsonb #>> '{timestamp,_data_}')::timestamptz)"
                        + " * 1000000)::bigint FROM stored_events ORDER BY notification_id",
                "eventsourcing/eventsourcing.sqlite",
                "eventsourcing/eventsourcing-appended.sqlite");
    }

    /** The fixtures {@code --follow} is tried on here: RubyEventStore (YAML) and eventsourcing. */
    static Stream<Arguments> followed() {
        return fixtures().filter(a -> {
            Fixture f = (Fixture) a.get()[0];
            return f.dump().equals("res/res-binary.sql") || f.kind().equals("eventsourcing");
        });
    }

    @TempDir
    Path dir;

    private Evs evs;
    private TestPostgres pg;

    @BeforeEach
    void setUp() {
        evs = Evs.in(dir);
        pg = TestPostgres.shared();
    }

    private String loaded(Fixture f) {
        String db = SourceDatabases.create(pg);
        SourceDatabases.load(pg, db, FIXTURES.resolve(f.dump()));
        if (f.kind().equals("emmett")) {
            advancePastEmmettTransactions(db);
        }
        return db;
    }

    private void advancePastEmmettTransactions(String db) {
        long highest = Long.parseLong(
                SourceDatabases.column(pg, db, "SELECT max(transaction_id::text::bigint) FROM emt_messages")
                        .get(0));
        SourceDatabases.advanceTransactionIdsPast(pg, db, highest);
    }

    private String url(String db) {
        return "postgresql://postgres@" + pg.host() + ":" + pg.port() + "/" + db;
    }

    private JsonNode run(String... args) {
        Evs.Result r = evs.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return Json.parseTrusted(r.stdout());
    }

    private List<JsonNode> exported() {
        Evs.Result r = evs.run("export");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.stdoutLines()) {
            out.add(Json.parseTrusted(line));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void every_event_as_the_store_wrote_it_then_nothing_then_exactly_what_it_appended(Fixture f) {
        String db = loaded(f);
        String before = SourceDatabases.fingerprint(pg, db);
        List<List<String>> rows = SourceDatabases.rows(pg, db, f.events());

        JsonNode first = run("import", "--from", f.kind(), url(db), "-o", "json");
        assertThat(first.get("imported").asLong()).isEqualTo(rows.size());
        assertThat(first.get("openGaps").asInt()).isZero();
        compare(rows, exported());
        sameAsTwin(f.twin(), exported());

        JsonNode second = run("import", "--from", f.kind(), url(db), "-o", "json");
        assertThat(second.get("imported").asLong()).isZero();
        assertThat(second.get("resumedAfter").asText())
                .isEqualTo(first.get("lastPosition").asText());

        assertThat(SourceDatabases.fingerprint(pg, db))
                .as("the source is only read")
                .isEqualTo(before);
        assertThat(SourceDatabases.locksAndSessions(pg, db))
                .as("nothing is left in the source")
                .isEmpty();

        SourceDatabases.load(pg, db, FIXTURES.resolve(f.delta()));
        if (f.kind().equals("emmett")) {
            advancePastEmmettTransactions(db);
        }
        List<List<String>> all = SourceDatabases.rows(pg, db, f.events());
        JsonNode third = run("import", "--from", f.kind(), url(db), "-o", "json");
        assertThat(third.get("imported").asLong())
                .isEqualTo(all.size() - rows.size())
                .isPositive();
        compare(all, exported());
        sameAsTwin(f.twinAppended(), exported());
        assertThat(evs.run("verify").exitCode()).isZero();
    }

    /**
     * The events imported from PostgreSQL against those imported from the SQLite fixture with the
     * same events: every field alike but where they came from (source, position) and when the
     * store recorded them; and but the payload where the SQLite one is YAML kept as text (an alias,
     * which RubyEventStore's JSON client writes as the value repeated).
     */
    private void sameAsTwin(String twin, List<JsonNode> events) {
        if (twin == null) {
            return;
        }
        Path twinDir = dir.resolve("twin-" + Path.of(twin).getFileName());
        try {
            Files.createDirectories(twinDir);
            Files.copy(FIXTURES.resolve(twin), twinDir.resolve("source.sqlite"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Evs other = Evs.in(twinDir);
        Evs.Result imported = other.run(
                "-q",
                "import",
                "--from",
                events.get(0).at("/metadata/importedFrom/kind").asText(),
                "source.sqlite");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        Evs.Result r = other.run("export");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.stdoutLines();
        assertThat(events).hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode expected = comparable(Json.parseTrusted(lines.get(i)));
            JsonNode actual = comparable(events.get(i));
            if (expected.at("/payload/$yaml").isTextual()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove("payload");
                ((com.fasterxml.jackson.databind.node.ObjectNode) actual).remove("payload");
            }
            assertThat(actual)
                    .as("event %d from PostgreSQL against %s", i + 1, twin)
                    .isEqualTo(expected);
        }
    }

    private static JsonNode comparable(JsonNode event) {
        com.fasterxml.jackson.databind.node.ObjectNode e = event.deepCopy();
        e.remove("recordedAt");
        com.fasterxml.jackson.databind.node.ObjectNode from =
                (com.fasterxml.jackson.databind.node.ObjectNode) e.at("/metadata/importedFrom");
        from.remove("source");
        from.remove("position");
        return e;
    }

    /** Our events, in position order, against the source's rows in the source's order. */
    private static void compare(List<List<String>> rows, List<JsonNode> events) {
        assertThat(events).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            JsonNode e = events.get(i);
            String what = "event " + (i + 1) + " " + e;
            if (row.get(0) != null) {
                assertThat(e.get("eventId").asText())
                        .as(what)
                        .isEqualTo(row.get(0).toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(e.get("eventType").asText()).as(what).isEqualTo(row.get(1));
            assertThat(e.at("/metadata/importedFrom/position").asText())
                    .as(what)
                    .isEqualTo(row.get(2));
            if (row.get(3) != null) {
                JsonNode data = Json.parseTrusted(row.get(3));
                JsonNode expected = data.isObject()
                        ? data
                        : data.isNull() ? Json.object() : Json.object().set("$value", data);
                assertThat(e.get("payload")).as(what).isEqualTo(expected);
            }
            if (row.get(4) != null) {
                Instant t = Instant.parse(e.get("timestamp").asText());
                assertThat(t.getEpochSecond() * 1_000_000 + t.getNano() / 1000)
                        .as(what)
                        .isEqualTo(Long.parseLong(row.get(4)));
            }
        }
    }

    @Test
    void follow_mirrors_what_message_db_writes_with_its_own_function() throws Exception {
        Fixture f = (Fixture) fixtures().toList().get(1).get()[0];
        String db = loaded(f);
        long base = Long.parseLong(SourceDatabases.column(pg, db, "SELECT count(*) FROM message_store.messages")
                .get(0));
        Process follower = evs.start(
                dir.resolve("follow.out"),
                dir.resolve("follow.err"),
                "import",
                "--from",
                "messagedb",
                url(db),
                "--follow",
                "--poll",
                "100ms");
        try {
            awaitCount(base, follower);
            pg.execute(
                    db,
                    "SET search_path = message_store, public", // as Message DB's installer sets it for its role
                    "SELECT message_store.write_message(gen_random_uuid()::text, 'account-a9', 'Deposited',"
                            + " '{\"amount\": 5}'::jsonb, '{\"correlationStreamName\": \"req-9\"}'::jsonb)");
            long written = System.nanoTime();
            awaitCount(base + 1, follower);
            System.out.printf(
                    "PostgresSourcesIT: --follow (poll 100ms) imported Message DB's write after %d ms%n",
                    (System.nanoTime() - written) / 1_000_000);
        } finally {
            follower.destroy();
            follower.waitFor();
        }
        assertThat(SourceDatabases.locksAndSessions(pg, db)).isEmpty();
        JsonNode last = exported().get((int) base);
        assertThat(last.get("eventType").asText()).isEqualTo("Deposited");
        assertThat(last.at("/metadata/correlationId").asText()).isEqualTo("req-9");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("followed")
    void follow_picks_up_the_rows_the_store_appends(Fixture f) throws Exception {
        String db = loaded(f);
        long base = SourceDatabases.rows(pg, db, f.events()).size();
        Process follower = evs.start(
                dir.resolve("follow.out"),
                dir.resolve("follow.err"),
                "import",
                "--from",
                f.kind(),
                url(db),
                "--follow",
                "--poll",
                "100ms");
        try {
            awaitCount(base, follower);
            SourceDatabases.load(pg, db, FIXTURES.resolve(f.delta()));
            long written = System.nanoTime();
            awaitCount(SourceDatabases.rows(pg, db, f.events()).size(), follower);
            System.out.printf(
                    "PostgresSourcesIT: --follow (poll 100ms) imported the %s append after %d ms%n",
                    f.kind(), (System.nanoTime() - written) / 1_000_000);
        } finally {
            follower.destroy();
            follower.waitFor();
        }
        assertThat(SourceDatabases.locksAndSessions(pg, db)).isEmpty();
        compare(SourceDatabases.rows(pg, db, f.events()), exported());
    }

    @Test
    void eventsourcing_state_compressed_or_encrypted_is_refused_naming_the_setting() {
        // an application named CompressedBank with COMPRESSOR_TOPIC, one named EncryptedBank with CIPHER_TOPIC
        String db = SourceDatabases.create(pg);
        SourceDatabases.load(pg, db, FIXTURES.resolve("eventsourcing/eventsourcing-postgresql-refused.sql"));
        String before = SourceDatabases.fingerprint(pg, db);

        Evs.Result compressed =
                evs.run("import", "--from", "eventsourcing", url(db), "--table", "compressedbank_events");
        assertThat(compressed.exitCode()).as(compressed.toString()).isEqualTo(65);
        assertThat(compressed.stderr())
                .startsWith("evs: the eventsourcing event with notification id 1 cannot be read: its state is"
                        + " compressed (zlib): the application sets COMPRESSOR_TOPIC")
                .contains("hint: ");
        Evs.Result encrypted = evs.run("import", "--from", "eventsourcing", url(db), "--table", "encryptedbank_events");
        assertThat(encrypted.exitCode()).as(encrypted.toString()).isEqualTo(65);
        assertThat(encrypted.stderr())
                .startsWith("evs: the eventsourcing event with notification id 1 cannot be read: its state is not"
                        + " JSON, so it is encrypted (the application sets CIPHER_TOPIC and CIPHER_KEY)")
                .contains("hint: ");

        assertThat(dir.resolve("events.db")).as("nothing is imported").doesNotExist();
        assertThat(SourceDatabases.fingerprint(pg, db)).isEqualTo(before);
        assertThat(SourceDatabases.locksAndSessions(pg, db)).isEmpty();
    }

    private void awaitCount(long wanted, Process follower) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Path store = dir.resolve("events.db");
        while (System.nanoTime() < deadline) {
            assertThat(follower.isAlive())
                    .as("the follower ended: %s", Files.readString(dir.resolve("follow.err")))
                    .isTrue();
            if (Files.exists(store)
                    && Long.parseLong(Fixtures.column(store, "SELECT count(*) FROM events")
                                    .get(0))
                            == wanted) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                "the follower did not reach " + wanted + " events: " + Files.readString(dir.resolve("follow.err")));
    }

    @Test
    void a_source_mirrors_into_a_store_on_postgresql_too() {
        Fixture f = (Fixture) fixtures().toList().get(0).get()[0];
        String db = loaded(f);
        String store = pg.url(TestPostgres.newSchema());
        long events = SourceDatabases.rows(pg, db, f.events()).size();
        JsonNode first = run("--db", store, "import", "--from", "emmett", url(db), "-o", "json");
        assertThat(first.get("imported").asLong()).isEqualTo(events);
        JsonNode second = run("--db", store, "import", "--from", "emmett", url(db), "-o", "json");
        assertThat(second.get("imported").asLong()).isZero();
        assertThat(second.get("resumedAfter").asText())
                .isEqualTo(first.get("lastPosition").asText());
        assertThat(evs.run("--db", store, "verify").exitCode()).isZero();
    }

    @Test
    void a_database_without_the_store_s_tables_is_refused_by_name() {
        String db = SourceDatabases.create(pg);
        Evs.Result r = evs.run("import", "--from", "messagedb", url(db));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(65);
        assertThat(r.stderr()).startsWith("evs: the source has no messagedb table: expected message_store.messages\n");
        Evs.Result noDb = evs.run("import", "--from", "messagedb", url("no_such_database"));
        assertThat(noDb.exitCode()).as(noDb.toString()).isEqualTo(66);
        assertThat(noDb.stderr()).contains("no database no_such_database").contains("hint: ");
    }
}
