package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only commands that write new events create a store (issue 23, item 1); every other command on a
 * store that is not there exits 66 and says where its name came from (item 6).
 */
class MissingStoreIT {

    @TempDir
    Path dir;

    private static final String MODEL =
            Evs.baseDir().resolve("samples/orders/eventscope.yaml").toString();

    private static final String HINT = "hint: create one with 'evs init' or 'evs import FILE', or pass --db FILE\n";

    @Nested
    class when_a_command_that_writes_no_new_events_names_a_store_that_is_not_there {

        @ParameterizedTest(name = "evs {0}")
        @ValueSource(
                strings = {
                    // a mistyped --db made these print "0,events,from,position,0,to,0", exit 0, and
                    // leave an empty store behind
                    "process,orders",
                    "process,compensate",
                    "project,rebuild,orders",
                    "dlq,retry,--all",
                    "dlq,skip,1,--reason,x",
                    "query,--catch-up,select 1",
                    // and every other command that is not init, append or import
                    "dlq,list",
                    "dlq,show,1",
                    "query,select 1",
                    "events",
                    "export",
                    "show,1",
                    "streams",
                    "trace,1",
                    "verify",
                    "head",
                    "state,order-0007",
                    "replay",
                    "diff,order-0007,--from,version:1,--to,latest",
                    "bisect,order-0007,--when,true",
                    "whatif,order-0007,--drop,7162a004-d4f7-46a2-a27c-1e0ff37fb13f",
                    "snapshot,create,--all",
                    "snapshot,list",
                    "snapshot,prune,--stale",
                    "snapshot,verify,--all",
                    "upcast,check",
                    "upcast,show,1",
                    "upcast,migrate,--to,new.db",
                    "lint",
                    "audit,order-0007",
                    "audit,report,report.md",
                    "stats"
                })
        void it_exits_66_and_creates_nothing(String command) throws Exception {
            // given
            List<String> args = new ArrayList<>(List.of("--db", "mistyped.db", "--model", MODEL));
            args.addAll(List.of(command.split(",")));

            // when
            Evs.Result r = Evs.in(dir).run(args.toArray(String[]::new));

            // then
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(66);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr())
                    .isEqualTo(
                            "evs: no store at mistyped.db (from --db, relative to " + dir.toRealPath() + ")\n" + HINT);
            assertThat(dir.resolve("mistyped.db")).doesNotExist();
            assertThat(dir.resolve("new.db")).doesNotExist();
            assertThat(dir.resolve("report.md")).doesNotExist();
        }
    }

    @Nested
    class when_a_command_writes_new_events {

        @Test
        void init_append_and_import_create_the_store() throws Exception {
            // given
            Evs evs = Evs.in(dir);
            Path events = dir.resolve("one.ndjson");
            Files.writeString(events, "{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"t-1\"}\n");

            // when
            Evs.Result init = evs.run("--db", "a.db", "init");
            Evs.Result append =
                    evs.run("--db", "b.db", "append", "--type", "A", "--aggregate-type", "T", "--aggregate-id", "t-1");
            Evs.Result imported = evs.run("--db", "c.db", "import", events.toString());

            // then
            assertThat(List.of(init, append, imported))
                    .allSatisfy(r -> assertThat(r.exitCode()).as(r.toString()).isZero());
            assertThat(dir.resolve("a.db")).exists();
            assertThat(dir.resolve("b.db")).exists();
            assertThat(dir.resolve("c.db")).exists();
        }
    }

    @Nested
    class when_the_name_comes_from_elsewhere_than_the_command_line {

        @Test
        void a_store_named_by_EVENTSCOPE_DB_is_reported_with_the_variable_and_the_directory() throws Exception {
            // given
            Path sub = Files.createDirectories(dir.resolve("samples/orders"));
            Evs evs = Evs.in(sub).withEnv("EVENTSCOPE_DB", "orders.db");

            // when
            Evs.Result r = evs.run("stats");

            // then
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(66);
            assertThat(r.stderr())
                    .isEqualTo("evs: no store at orders.db (from EVENTSCOPE_DB, relative to " + sub.toRealPath() + ")\n"
                            + "hint: EVENTSCOPE_DB is set in the environment: point it at an existing file (an"
                            + " absolute path works from any directory), unset it, or pass --db FILE\n");
        }

        @Test
        void the_default_store_is_reported_as_the_default() throws Exception {
            // when
            Evs.Result r = Evs.in(dir).run("head");

            // then
            assertThat(r.stderr())
                    .isEqualTo("evs: no store at events.db (the default store, relative to " + dir.toRealPath() + ")\n"
                            + HINT);
        }

        @Test
        void an_absolute_path_needs_no_directory() throws Exception {
            // given
            Path db = dir.toRealPath().resolve("gone.db");

            // when
            Evs.Result r = Evs.in(dir).withEnv("EVENTSCOPE_DB", db.toString()).run("head");

            // then
            assertThat(r.stderr()).startsWith("evs: no store at " + db + " (from EVENTSCOPE_DB)\n");
        }

        @Test
        void a_model_named_by_EVENTSCOPE_MODEL_is_reported_with_the_variable_and_the_directory() throws Exception {
            // given: a relative model exported at the root, then a cd (the README's own trap)
            Path sub = Files.createDirectories(dir.resolve("samples/orders"));
            Evs evs = Evs.in(sub).withEnv("EVENTSCOPE_MODEL", "samples/orders/eventscope.yaml");
            assertThat(evs.run("init").exitCode()).isZero();

            // when
            Evs.Result r = evs.run("state", "order-0007");

            // then
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(66);
            assertThat(r.stderr())
                    .isEqualTo("evs: model file samples/orders/eventscope.yaml does not exist (from EVENTSCOPE_MODEL,"
                            + " relative to " + sub.toRealPath() + ")\n"
                            + "hint: EVENTSCOPE_MODEL is set in the environment: point it at an existing file (an"
                            + " absolute path works from any directory), unset it, or pass --model FILE\n");
        }

        @Test
        void a_model_named_by_the_option_says_so() throws Exception {
            // given
            Evs evs = Evs.in(dir);
            assertThat(evs.run("init").exitCode()).isZero();

            // when
            Evs.Result r = evs.run("--model", "nope.yaml", "state", "order-0007");

            // then
            assertThat(r.stderr())
                    .isEqualTo("evs: model file nope.yaml does not exist (from --model, relative to " + dir.toRealPath()
                            + ")\nhint: pass --model FILE, set EVENTSCOPE_MODEL, or create eventscope.yaml here\n");
        }
    }
}
