package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code evs import --from KIND SOURCE} through the jar, on the SQLite fixtures (Emmett's written by
 * emmett-sqlite itself; RubyEventStore's and eventsourcing's layout-based, see their READMEs): the
 * first, second and third runs, the dry run, the follow, the source left unchanged, and every
 * refusal with its exit code. The PostgreSQL sources run in {@code PostgresSourcesIT}.
 */
class ImportFromIT {

    static final Path FIXTURES = Evs.baseDir().resolve("src/test/fixtures");

    @TempDir
    Path dir;

    private Evs evs;

    @BeforeEach
    void runner() {
        evs = Evs.in(dir);
    }

    private Path copy(String fixture, String as) {
        Path target = dir.resolve(as);
        try {
            Files.copy(FIXTURES.resolve(fixture), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private long count() {
        return Long.parseLong(Fixtures.column(dir.resolve("events.db"), "SELECT count(*) FROM events")
                .get(0));
    }

    private JsonNode run(String... args) {
        Evs.Result r = evs.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.stdout().isEmpty() ? null : Json.parseTrusted(r.stdout());
    }

    @ParameterizedTest(name = "{0}: {2} events, a second run imports 0, the store''s append adds {4}")
    @CsvSource({
        "emmett,        emmett/emmett.sqlite,               7, emmett/emmett-appended.sqlite,               2",
        "res,           res/res.sqlite,                     5, res/res-appended.sqlite,                     1",
        "eventsourcing, eventsourcing/eventsourcing.sqlite, 5, eventsourcing/eventsourcing-appended.sqlite, 2"
    })
    void first_second_and_third_runs(String kind, String base, int events, String appended, int more) {
        Path source = copy(base, "source.sqlite");
        String before = Fixtures.sha256(source);

        JsonNode first = run("import", "--from", kind, "source.sqlite", "-o", "json");
        assertThat(first.get("imported").asLong()).isEqualTo(events);
        assertThat(first.get("resumedAfter").isNull()).isTrue();
        assertThat(first.get("name").asText()).isEqualTo("source.sqlite");
        assertThat(count()).isEqualTo(events);

        JsonNode second = run("import", "--from", kind, "source.sqlite", "-o", "json");
        assertThat(second.get("imported").asLong()).isZero();
        assertThat(second.get("newEvents").asLong()).isZero();
        assertThat(second.get("resumedAfter").asText())
                .isEqualTo(first.get("lastPosition").asText());
        assertThat(Fixtures.sha256(source)).as("the source is only read").isEqualTo(before);

        copy(appended, "source.sqlite"); // what the store's own software (or its layout) appended
        JsonNode third = run("import", "--from", kind, "source.sqlite", "-o", "json");
        assertThat(third.get("imported").asLong()).isEqualTo(more);
        assertThat(count()).isEqualTo(events + more);

        // every event keeps where it came from, and the store's chain holds
        List<String> kinds = Fixtures.column(
                dir.resolve("events.db"), "SELECT DISTINCT json_extract(metadata, '$.importedFrom.kind') FROM events");
        assertThat(kinds).containsExactly(kind);
        assertThat(evs.run("verify").exitCode()).isZero();
    }

    @Test
    void the_summary_counts_the_events_by_type_and_by_loss() {
        copy("res/res.sqlite", "res.sqlite");
        Evs.Result r = evs.run("import", "--from", "res", "res.sqlite");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr())
                .startsWith("imported 5 events from res source res.sqlite (0 already present) in 1 transactions")
                .contains("  by type: Ordering::OrderNoteAdded 1, Ordering::OrderPlaced 1,")
                .contains("  1 event: YAML payload kept as text under $yaml\n")
                .contains("  1 event: Ruby object tag kept under $ruby\n")
                .contains("  1 event: links to further streams kept only in importedFrom\n");
    }

    @Test
    void a_dry_run_shows_the_first_events_and_writes_nothing() {
        copy("emmett/emmett.sqlite", "emmett.sqlite");
        Evs.Result r = evs.run("import", "--from", "emmett", "emmett.sqlite", "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.stdoutLines();
        assertThat(lines).hasSize(7);
        JsonNode first = Json.parseTrusted(lines.get(0));
        assertThat(first.get("eventId").asText()).isEqualTo("0c5a1b3e-1111-4a1a-8a1a-000000000001");
        assertThat(first.at("/metadata/importedFrom/position").asText()).isEqualTo("1");
        assertThat(r.stderr())
                .startsWith("dry run: 7 new events in emmett source emmett.sqlite; nothing was written")
                .contains("  1 event: payload not a JSON object, kept under $value");
        assertThat(dir.resolve("events.db")).doesNotExist();
    }

    @Test
    void imported_events_fold_and_trace_like_any_other() {
        copy("emmett/emmett.sqlite", "emmett.sqlite");
        run("-q", "import", "--from", "emmett", "emmett.sqlite");
        Fixtures.write(
                dir,
                "eventscope.yaml",
                String.join(
                        "\n",
                        "aggregates:",
                        "  shopping_cart:",
                        "    initial: {items: 0, status: OPEN}",
                        "    reducers:",
                        "      ProductItemAdded: '$state | {\"items\": .items + 1, * : .}'",
                        "      ShoppingCartConfirmed: '$state | {\"status\": \"CONFIRMED\", * : .}'",
                        "      \"*\": '$state'",
                        ""));
        JsonNode state = run("state", "c1", "-o", "json");
        assertThat(state.at("/state/items").asInt()).isEqualTo(2);
        assertThat(state.at("/state/status").asText()).isEqualTo("CONFIRMED");
        Evs.Result trace = evs.run("trace", "0c5a1b3e-1111-4a1a-8a1a-000000000002", "-o", "json");
        assertThat(trace.exitCode()).as(trace.toString()).isZero();
        assertThat(trace.stdout()).contains("req-1").contains("0c5a1b3e-1111-4a1a-8a1a-000000000001");
    }

    @Test
    void two_sources_of_one_kind_are_told_apart_by_name() {
        copy("emmett/emmett.sqlite", "shop.sqlite");
        copy("eventsourcing/eventsourcing.sqlite", "bank.sqlite");
        run("-q", "import", "--from", "emmett", "shop.sqlite");
        run("-q", "import", "--from", "eventsourcing", "bank.sqlite");
        // the same Emmett store under another name is another source: its events are the same ids
        // with another importedFrom.source, which the import refuses as changed content (exit 3)
        Evs.Result other = evs.run("import", "--from", "emmett", "shop.sqlite", "--source-name", "shop-replica");
        assertThat(other.exitCode()).as(other.toString()).isEqualTo(3);
        assertThat(other.stderr()).contains("event at source position 1");
        JsonNode again = run("import", "--from", "emmett", "shop.sqlite", "-o", "json");
        assertThat(again.get("resumedAfter").asText()).isEqualTo("7");
        assertThat(count()).isEqualTo(12);
    }

    @Test
    void an_unpaired_surrogate_in_a_source_payload_is_an_invalid_event_not_a_failed_read() throws Exception {
        // given: emmett-sqlite keeps its JSON as text, where an escaped lone surrogate can be (jsonb refuses it)
        Path source = copy("emmett/emmett.sqlite", "emmett.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source);
                Statement st = c.createStatement()) {
            st.executeUpdate(
                    "UPDATE emt_messages SET message_data = '{\"cartId\":\"c1\\ud800\"}' WHERE global_position = 2");
        }
        copy("eventsourcing/eventsourcing.sqlite", "bank.sqlite");
        String refused = "event at source position 2: unpaired surrogate (not valid Unicode) at $.payload.cartId";

        // when: into a new store, the events handed to the import as they are read
        Evs.Result intoNew = evs.run("import", "--from", "emmett", "emmett.sqlite");

        // then: refused as an NDJSON line with that escape is (the line's writer failed on it, exit 74)
        assertThat(intoNew.exitCode()).as(intoNew.toString()).isEqualTo(65);
        assertThat(intoNew.stderr())
                .startsWith("evs: emmett source emmett.sqlite: 1 of 7 events are invalid; nothing was imported\n")
                .contains("  " + refused + "\n");

        // and: into a store that holds events, through the spool file, and in a dry run
        run("-q", "import", "--from", "eventsourcing", "bank.sqlite");
        Evs.Result intoFull = evs.run("import", "--from", "emmett", "emmett.sqlite");
        assertThat(intoFull.exitCode()).as(intoFull.toString()).isEqualTo(65);
        assertThat(intoFull.stderr()).contains("  " + refused + "\n");
        Evs.Result dry = evs.run("import", "--from", "emmett", "emmett.sqlite", "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stderr()).contains(refused);
        assertThat(count()).isEqualTo(5);
    }

    @Test
    void an_event_imported_before_that_is_gone_from_the_source_stops_the_import() throws Exception {
        Path source = copy("emmett/emmett-appended.sqlite", "emmett.sqlite");
        run("-q", "import", "--from", "emmett", "emmett.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source);
                Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM emt_messages WHERE global_position = 10"); // the last event; 8 is a command
        }
        Evs.Result r = evs.run("import", "--from", "emmett", "emmett.sqlite");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(65);
        assertThat(r.stderr())
                .startsWith("evs: the emmett event imported last from emmett.sqlite (source position 10, eventId ")
                .contains("is no longer in the source")
                .contains("hint: ");
    }

    @Test
    void an_event_imported_before_that_changed_in_the_source_is_a_conflict() throws Exception {
        Path source = copy("emmett/emmett-appended.sqlite", "emmett.sqlite");
        run("-q", "import", "--from", "emmett", "emmett.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source);
                Statement st = c.createStatement()) {
            st.executeUpdate(
                    "UPDATE emt_messages SET message_data = '{\"rewritten\": true}' WHERE global_position = 10");
        }
        Evs.Result r = evs.run("import", "--from", "emmett", "emmett.sqlite");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stderr())
                .startsWith("evs: the emmett event imported last from emmett.sqlite (source position 10, eventId ")
                .contains("changed in the source since it was imported: payload differ; nothing was imported");
        assertThat(count()).isEqualTo(9);
    }

    @Test
    void follow_imports_what_the_store_appends() throws Exception {
        Path source = copy("emmett/emmett.sqlite", "emmett.sqlite");
        Process follower = evs.start(
                dir.resolve("follow.out"),
                dir.resolve("follow.err"),
                "import",
                "--from",
                "emmett",
                "emmett.sqlite",
                "--follow",
                "--poll",
                "100ms");
        try {
            awaitCount(7, follower);
            // rows emmett-sqlite wrote in its second run, added to the followed file as it would add them
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source);
                    Statement st = c.createStatement()) {
                st.execute("ATTACH DATABASE '" + FIXTURES.resolve("emmett/emmett-appended.sqlite") + "' AS later");
                st.executeUpdate("INSERT INTO main.emt_messages SELECT * FROM later.emt_messages"
                        + " WHERE global_position > (SELECT max(global_position) FROM main.emt_messages)");
            }
            long appended = System.nanoTime();
            awaitCount(9, follower);
            System.out.printf(
                    "ImportFromIT: --follow (poll 100ms) imported the append after %d ms%n",
                    (System.nanoTime() - appended) / 1_000_000);
        } finally {
            follower.destroy();
            follower.waitFor();
        }
        assertThat(evs.run("verify").exitCode()).isZero();
    }

    private void awaitCount(long wanted, Process follower) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            assertThat(follower.isAlive())
                    .as("the follower ended: %s", Files.readString(dir.resolve("follow.err")))
                    .isTrue();
            if (Files.exists(dir.resolve("events.db")) && count() == wanted) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                "the follower did not reach " + wanted + " events: " + Files.readString(dir.resolve("follow.err")));
    }

    @Test
    void bad_sources_get_their_exit_codes() throws Exception {
        copy("res/res.sqlite", "res.sqlite");
        Evs.Result unknown = evs.run("import", "--from", "kafka", "res.sqlite");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr())
                .contains("unknown source kind 'kafka'")
                .contains("marten, emmett, messagedb, axon, eventsourcing, res, sql");

        Evs.Result wrongTables = evs.run("import", "--from", "emmett", "res.sqlite");
        assertThat(wrongTables.exitCode()).isEqualTo(65);
        assertThat(wrongTables.stderr()).contains("the source has no emmett table: expected emt_messages");

        Evs.Result missing = evs.run("import", "--from", "res", "nowhere.sqlite");
        assertThat(missing.exitCode()).isEqualTo(66);
        assertThat(missing.stderr()).startsWith("evs: no source file nowhere.sqlite\nhint: ");

        Files.writeString(dir.resolve("notes.txt"), "not a database");
        Evs.Result notSqlite = evs.run("import", "--from", "res", "notes.txt");
        assertThat(notSqlite.exitCode()).isEqualTo(65);
        assertThat(notSqlite.stderr()).contains("is not a SQLite database");

        Evs.Result unreachable = evs.run("import", "--from", "messagedb", "postgresql://nobody@127.0.0.1:1/none");
        assertThat(unreachable.exitCode()).isEqualTo(74);
        assertThat(unreachable.stderr())
                .contains("cannot connect to PostgreSQL")
                .contains("hint: ");

        Fixtures.write(dir, "mapping.yaml", "table: event_store_events\norder: id\nfields:\n  eventType: [\n");
        Evs.Result badMapping = evs.run("import", "--from", "sql", "res.sqlite", "--mapping", "mapping.yaml");
        assertThat(badMapping.exitCode()).isEqualTo(65);
        assertThat(badMapping.stderr()).containsPattern("mapping.yaml:\\d+:\\d+: ");

        Evs.Result tooBig = evs.run("import", "--from", "res", "res.sqlite", "--max-payload", "40");
        assertThat(tooBig.exitCode()).isEqualTo(65);
        assertThat(tooBig.stderr())
                .contains("4 of 5 events are invalid; nothing was imported")
                .contains("event at source position 1: payload is 117 bytes, over the limit of 40 bytes");

        Evs.Result noFrom = evs.run("import", "res.sqlite", "--dry-run");
        assertThat(noFrom.exitCode()).isEqualTo(2);
        assertThat(noFrom.stderr()).contains("--dry-run is for importing from another store");

        assertThat(dir.resolve("events.db"))
                .as("no refused import creates the store")
                .doesNotExist();
    }

    @Test
    void a_home_grown_table_imports_through_its_mapping_file() {
        copy("res/res.sqlite", "legacy.sqlite");
        Fixtures.write(
                dir,
                "mapping.yaml",
                String.join(
                        "\n",
                        "table: event_store_events",
                        "order: id",
                        "fields:",
                        "  eventId: event_id",
                        "  eventType: event_type",
                        "  aggregateType: {value: Legacy}",
                        "  aggregateId: event_id",
                        "  payload: data",
                        "  timestamp: created_at",
                        ""));
        JsonNode r = run("import", "--from", "sql", "legacy.sqlite", "--mapping", "mapping.yaml", "-o", "json");
        assertThat(r.get("imported").asLong()).isEqualTo(5);
        assertThat(r.get("name").asText()).isEqualTo("legacy.sqlite/mapping.yaml");
        JsonNode again = run("import", "--from", "sql", "legacy.sqlite", "--mapping", "mapping.yaml", "-o", "json");
        assertThat(again.get("imported").asLong()).isZero();
    }
}
