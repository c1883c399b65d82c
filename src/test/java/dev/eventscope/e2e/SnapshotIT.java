package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evs snapshot …} and the snapshots {@code state} uses and writes, through the real jar. */
class SnapshotIT {

    static final String MODEL = "aggregates:\n"
            + "  Account:\n"
            + "    initial: {balance: 0, deposits: 0}\n"
            + "    snapshotEvery: 100\n"
            + "    reducers:\n"
            + "      Deposited: '$state | {\"balance\": .balance + $event.payload.amount, \"deposits\": .deposits + 1,"
            + " * : .}'\n";

    /** acct-0 with 250 deposits of 1..250, then acct-1..acct-5 with two each; one event per minute. */
    static String events() {
        StringBuilder s = new StringBuilder();
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        int n = 0;
        for (int i = 1; i <= 250; i++) {
            s.append(event(++n, "acct-0", i, t.plusSeconds(60L * n)));
        }
        for (int a = 1; a <= 5; a++) {
            for (int i = 1; i <= 2; i++) {
                s.append(event(++n, "acct-" + a, i, t.plusSeconds(60L * n)));
            }
        }
        return s.toString();
    }

    static String event(int n, String account, int amount, Instant at) {
        return String.format(
                "{\"eventId\":\"00000000-0000-4000-8000-%012d\",\"eventType\":\"Deposited\",\"aggregateType\":"
                        + "\"Account\",\"aggregateId\":\"%s\",\"timestamp\":\"%s\",\"payload\":{\"amount\":%d}}%n",
                n, account, at, amount);
    }

    @TempDir
    static Path template;

    @TempDir
    Path dir;

    Evs evs;

    /** One import for the class; each test works on its own copy of the store. */
    @BeforeAll
    static void importOnce() {
        Fixtures.write(template, "events.ndjson", events());
        assertThat(Evs.in(template).run("-q", "import", "events.ndjson").exitCode())
                .isZero();
    }

    @BeforeEach
    void store() throws IOException {
        evs = Evs.in(dir);
        Fixtures.write(dir, "eventscope.yaml", MODEL);
        for (String file : new String[] {"events.db", "events.db-wal"}) {
            if (Files.exists(template.resolve(file))) {
                Files.copy(template.resolve(file), dir.resolve(file));
            }
        }
    }

    static final String ACCT_0 = "{\"aggregateType\":\"Account\",\"aggregateId\":\"acct-0\",\"version\":250,"
            + "\"position\":250,\"cut\":{\"position\":260},\"state\":{\"balance\":31375,\"deposits\":250}}\n";

    @Nested
    class when_state_folds_a_long_stream {

        @Test
        void it_writes_a_snapshot_past_snapshotEvery_and_the_next_fold_starts_from_it_with_the_same_answer() {
            // when
            Evs.Result readOnly = evs.run("state", "acct-0", "-o", "ndjson", "--no-snapshot-write");
            Evs.Result first = evs.run("state", "acct-0", "-o", "ndjson", "--explain");
            Evs.Result second = evs.run("state", "acct-0", "-o", "ndjson", "--explain");
            Evs.Result without = evs.run("state", "acct-0", "-o", "ndjson", "--explain", "--no-snapshot");
            Evs.Result earlier = evs.run("state", "acct-0", "-o", "ndjson", "--explain", "--version", "120");

            // then
            assertThat(readOnly.stdout()).isEqualTo(ACCT_0);
            assertThat(first.stdout()).isEqualTo(ACCT_0);
            assertThat(first.stderr())
                    .startsWith("explain: no snapshot used: Account/acct-0 has none; folded from the initial state\n"
                            + "explain: folded 250 events of Account/acct-0 in ")
                    .endsWith("explain: wrote snapshot 1 at version 250 (position 250)\n");
            assertThat(second.stdout()).isEqualTo(ACCT_0);
            assertThat(second.stderr())
                    .startsWith(
                            "explain: started from snapshot 1 of Account/acct-0 at version 250, position 250 (made ")
                    .contains("explain: folded 0 events of Account/acct-0 after it in ");
            assertThat(without.stdout()).isEqualTo(ACCT_0);
            assertThat(without.stderr())
                    .startsWith("explain: no snapshot used (--no-snapshot); folded from the initial state\n"
                            + "explain: folded 250 events of Account/acct-0 in ");
            assertThat(earlier.stdout()).contains("\"version\":120,").contains("\"balance\":7260,");
            assertThat(earlier.stderr())
                    .startsWith("explain: no snapshot used: Account/acct-0 has 1, none usable (1 beyond the cut);"
                            + " folded from the initial state\n")
                    .contains("explain: wrote snapshot 2 at version 120 (position 120)\n");
        }
    }

    @Nested
    class when_a_reducer_is_edited_after_snapshotting {

        @Test
        void the_old_snapshot_is_never_used_and_prune_stale_removes_it() {
            // given
            assertThat(evs.run("snapshot", "create", "acct-0").exitCode()).isZero();
            Fixtures.write(dir, "eventscope.yaml", MODEL.replace(".balance + $event.payload.amount", ".balance + 1"));

            // when
            Evs.Result state = evs.run("state", "acct-0", "-o", "ndjson", "--explain", "--no-snapshot-write");
            Evs.Result list = evs.run("snapshot", "list", "-o", "csv");
            Evs.Result prune = evs.run("snapshot", "prune", "--stale", "-o", "ndjson");
            Evs.Result after = evs.run("snapshot", "list");

            // then
            assertThat(state.stdout()).contains("\"state\":{\"balance\":250,\"deposits\":250}");
            assertThat(state.stderr())
                    .startsWith("explain: no snapshot used: Account/acct-0 has 1, none usable (1 made under another"
                            + " model (stale fingerprint)); folded from the initial state\n");
            assertThat(list.stdoutLines())
                    .hasSize(2)
                    .last()
                    .asString()
                    .startsWith("1,Account,acct-0,250,250,2024-01-01T04:10:00Z,")
                    .endsWith(",false");
            assertThat(prune.exitCode()).isZero();
            assertThat(prune.stdout())
                    .startsWith("{\"id\":1,\"aggregateType\":\"Account\",\"aggregateId\":\"acct-0\"")
                    .endsWith(",\"reason\":\"stale\"}\n");
            assertThat(prune.stderr()).isEqualTo("pruned 1 snapshot; 0 kept\n");
            assertThat(after.stdout())
                    .isEqualTo("SNAPSHOT  AGGREGATE_TYPE  AGGREGATE_ID  VERSION  POSITION  VALID_TIME  FINGERPRINT"
                            + "  CURRENT  SIZE  AGE\n");
        }

        @Test
        void snapshot_without_a_command_or_a_target_or_with_a_valid_time_is_a_usage_error() {
            // when
            Evs.Result bare = evs.run("snapshot");
            Evs.Result noTarget = evs.run("snapshot", "create");
            Evs.Result at = evs.run("snapshot", "create", "acct-0", "--at", "2024-01-01T01:00:00Z");
            Evs.Result prune = evs.run("snapshot", "prune");

            // then
            assertThat(bare.exitCode()).isEqualTo(2);
            assertThat(bare.stderr()).startsWith("evs: snapshot needs a command: create, list, prune or verify\n");
            assertThat(noTarget.exitCode()).isEqualTo(2);
            assertThat(noTarget.stderr())
                    .isEqualTo("evs: say which aggregates to snapshot\nhint: give an aggregate ID, --aggregate-type"
                            + " TYPE, or --all\n");
            assertThat(at.exitCode()).isEqualTo(2);
            assertThat(at.stderr())
                    .isEqualTo("evs: a snapshot holds every event of its stream up to a point; --at selects events by"
                            + " timestamp\nhint: cut with --version, --position or --as-of\n");
            assertThat(prune.exitCode()).isEqualTo(2);
            assertThat(prune.stderr())
                    .isEqualTo("evs: say which snapshots to prune\nhint: pass --keep N (the N newest of each aggregate"
                            + " stay), --stale, or both\n");
        }
    }

    @Nested
    class when_a_snapshot_row_is_changed_behind_the_tools_back {

        @Test
        void snapshot_verify_exits_1_naming_it_and_state_ignores_it() {
            // given
            Evs.Result create = evs.run("snapshot", "create", "--all", "--position", "255");
            Fixtures.sql(
                    dir.resolve("events.db"),
                    "UPDATE snapshots SET state = '{\"balance\":1,\"deposits\":250}' WHERE aggregate_id = 'acct-0'");

            // when
            Evs.Result verify = evs.run("snapshot", "verify");
            Evs.Result state = evs.run("state", "acct-0", "-o", "ndjson", "--explain", "--no-snapshot-write");

            // then
            assertThat(create.stderr())
                    .isEqualTo("created 4 snapshots at --position 255 (0 already up to date, 2 without events inside"
                            + " the cut)\n");
            assertThat(verify.exitCode()).as("%s", verify).isEqualTo(1);
            assertThat(verify.stdout())
                    .isEqualTo("FAILED: 1 of 4 snapshots does not match a fold from the first event\n"
                            + "  Account/acct-0 v250 (snapshot 1): its state does not match the checksum written with"
                            + " it (changed after it was written); its state differs from a fresh fold at /balance\n");
            assertThat(state.stdout()).isEqualTo(ACCT_0);
            assertThat(state.stderr())
                    .startsWith("explain: no snapshot used: Account/acct-0 has 1, none usable (1 damaged (state"
                            + " changed after it was written)); folded from the initial state\n");
        }
    }
}
