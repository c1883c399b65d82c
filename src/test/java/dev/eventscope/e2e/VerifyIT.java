package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyIT {

    private static final String CHANGED =
            "position 2: the event does not match its hash (it, or the link to the" + " event before it, was changed)";

    @TempDir
    Path dir;

    private Evs evs;
    private Path db;
    private String head;

    @BeforeEach
    void fourEvents() {
        evs = Evs.in(dir);
        Fixtures.importOrders(evs);
        db = dir.resolve("events.db");
        head = "4:"
                + Fixtures.column(db, "SELECT hash FROM events WHERE position = 4")
                        .get(0);
    }

    @Nested
    class when_the_store_is_sound {

        @Test
        void verify_exits_0_and_names_the_head() {
            Evs.Result r = evs.run("verify");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).isEqualTo("ok: 4 events, hash chain intact, head " + head + "\n");
            assertThat(r.stderr()).isEmpty();
        }

        @Test
        void a_pinned_head_from_head_is_found_with_the_full_check() {
            Evs.Result pinned = evs.run("head");

            Evs.Result r =
                    evs.run("verify", "--full", "--expect-head", pinned.stdout().strip());

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout())
                    .isEqualTo("ok: 4 events, hash chain intact, head " + head + " (pinned head found)\n");
        }

        @Test
        void a_pinned_head_that_is_not_a_hash_is_a_usage_error() {
            Evs.Result r = evs.run("verify", "--expect-head", "4:abc");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr())
                    .isEqualTo("evs: --expect-head '4:abc' is not a 64-digit hash, optionally preceded by POSITION:\n"
                            + "hint: pass what 'evs head' printed\n");
        }
    }

    @Nested
    class when_a_row_was_changed_behind_the_tools_back {

        @Test
        void verify_exits_1_and_names_the_position_changed_with_jdbc() {
            // given
            Fixtures.sql(
                    db,
                    "DROP TRIGGER events_no_update",
                    "UPDATE events SET payload = '{\"orderId\":\"order-1\",\"amount\":0.01}' WHERE position = 2");

            // when
            Evs.Result r = evs.run("verify");

            // then
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stdout())
                    .isEqualTo("FAILED: 2 problems in 4 events; first bad position 2\n"
                            + "  schema: missing trigger events_no_update\n"
                            + "  " + CHANGED + "\n");
            assertThat(r.stderr()).isEmpty();
        }

        @Test
        void verify_exits_1_when_changed_with_the_sqlite3_cli_even_with_the_trigger_put_back() throws Exception {
            // given
            assumeTrue(sqlite3Available(), "the sqlite3 CLI is not installed");
            Process p = new ProcessBuilder(
                            "sqlite3",
                            db.toString(),
                            "DROP TRIGGER events_no_update;"
                                    + " UPDATE events SET user_id = 'mallory' WHERE position = 2;"
                                    + " CREATE TRIGGER events_no_update BEFORE UPDATE ON events\nBEGIN\n"
                                    + "    SELECT RAISE(ABORT, 'events are immutable: UPDATE is refused');\nEND;")
                    .redirectErrorStream(true)
                    .start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue())
                    .as(new String(p.getInputStream().readAllBytes()))
                    .isZero();

            // when
            Evs.Result r = evs.run("verify", "-o", "ndjson");

            // then
            assertThat(r.exitCode()).isEqualTo(1);
            JsonNode report = Json.parseTrusted(r.stdout());
            assertThat(report.get("ok").asBoolean()).isFalse();
            assertThat(report.get("firstBadPosition").asLong()).isEqualTo(2);
            assertThat(report.get("problems").toString()).isEqualTo("[\"" + CHANGED + "\"]");
        }

        @Test
        void a_deleted_tail_is_reported_at_the_first_missing_position() {
            Fixtures.sql(db, "DROP TRIGGER events_no_delete", "DELETE FROM events WHERE position = 4");

            Evs.Result r = evs.run("verify");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stdout())
                    .isEqualTo("FAILED: 2 problems in 3 events; first bad position 4\n"
                            + "  schema: missing trigger events_no_delete\n"
                            + "  events after position 3 are missing: positions up to 4 were assigned (the tail was"
                            + " removed)\n");
        }

        private static boolean sqlite3Available() {
            try {
                Process p = new ProcessBuilder("sqlite3", "-version")
                        .redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (Exception e) {
                return false;
            }
        }
    }

    @Test
    void a_missing_store_is_not_found() {
        Evs.Result r = evs.run("--db", "nothing.db", "verify");

        assertThat(r.exitCode()).isEqualTo(66);
        assertThat(r.stderr()).startsWith("evs: no store at nothing.db (from --db, relative to ");
    }
}
