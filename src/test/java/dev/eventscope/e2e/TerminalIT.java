package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal experience end to end: shell scripts, an idle shell beside a writer, stats, completion. */
class TerminalIT {

    @TempDir
    static Path dir;

    static Evs evs;

    @BeforeAll
    static void theOrdersSample() {
        evs = Evs.in(dir);
        Evs.Result r = evs.run(
                "-q",
                "import",
                Evs.baseDir().resolve("samples/orders/events.ndjson").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Nested
    class when_a_script_is_piped_into_the_shell {

        @Test
        void it_runs_each_line_and_stops_at_the_first_failure_with_its_exit_code() {
            // when
            Evs.Result r = evs.runWithInput(
                    "# a check\nstreams --aggregate-type Order --limit 1 -o csv\n\nshow 999999\nstats -o json\n",
                    "shell");

            // then
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(66);
            assertThat(r.stdout()).startsWith("aggregateType,aggregateId,").doesNotContain("\"totals\"");
            assertThat(r.stderr())
                    .isEqualTo("evs: no event 999999 in the store\nhint: list events with 'evs events'\n"
                            + "evs: line 4 failed (exit 66): show 999999\n");
        }

        @Test
        void with_keep_going_every_line_runs() {
            // when
            Evs.Result r = evs.runWithInput("show 999999\nstats -o json\n", "shell", "--keep-going");

            // then
            assertThat(r.exitCode()).isEqualTo(66);
            assertThat(Json.parseTrusted(r.stdout())
                            .path("totals")
                            .path("events")
                            .asLong())
                    .isEqualTo(418);
        }
    }

    @Test
    void an_idle_shell_never_blocks_another_process_appending_to_the_store() throws Exception {
        // given: a shell (on a store of its own) that ran writes and reads, now waiting for its next line
        Path own = Files.createDirectories(dir.resolve("idle"));
        Evs evs = Evs.in(own);
        Path out = own.resolve("shell.out");
        Process shell = evs.startWithInput(out, own.resolve("shell.err"), "shell");
        try (OutputStream in = shell.getOutputStream()) {
            in.write(("init\nappend --type Opened --aggregate-type Note --aggregate-id n-0\n"
                            + "events --limit 2 -o ndjson\nstats -o json\nstreams --limit 3\n"
                            + "append --type Noted --aggregate-type Note --aggregate-id n-1\n"
                            + "events --reverse --limit 1 -o ndjson\n")
                    .getBytes(StandardCharsets.UTF_8));
            in.flush();
            waitFor(out, "\"aggregateId\":\"n-1\"");

            // when: another process writes with a short busy timeout
            Evs.Result append = evs.withEnv("EVENTSCOPE_BUSY_TIMEOUT_MS", "200")
                    .run("append", "--type", "Noted", "--aggregate-type", "Note", "--aggregate-id", "n-2");

            // then: the write succeeds, and no read snapshot stops a full checkpoint
            assertThat(append.exitCode()).as(append.toString()).isZero();
            try (Connection c = Fixtures.jdbc(own.resolve("events.db"));
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("checkpoint blocked by a reader").isZero();
            }
        }
        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).isZero();
    }

    private static void waitFor(Path file, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(file).contains(text)) {
            assertThat(System.nanoTime()).as("the shell did not answer in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Nested
    class when_asking_for_figures {

        @Test
        void stats_as_json_has_every_section() {
            // when
            Evs.Result r = evs.run("stats", "-o", "json");

            // then
            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode stats = Json.parseTrusted(r.stdout());
            List<String> sections = new ArrayList<>();
            stats.fieldNames().forEachRemaining(sections::add);
            assertThat(sections)
                    .containsExactly("at", "totals", "rates", "lag", "eventTypes", "largestPayloads", "storage");
            assertThat(stats.path("totals").path("streams").asLong()).isEqualTo(170);
            assertThat(stats.path("eventTypes")
                            .path("types")
                            .get(0)
                            .path("eventType")
                            .asText())
                    .isNotEmpty();
        }

        @Test
        void stats_for_prometheus_is_the_text_format() {
            // when
            Evs.Result r = evs.run("stats", "--prometheus");

            // then
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout())
                    .contains("# HELP eventscope_events Events in the store.\n# TYPE eventscope_events gauge\n")
                    .contains("eventscope_events_per_second{window=\"1m\"} ");
            for (String line : r.stdout().split("\n")) {
                assertThat(line)
                        .matches("# (HELP|TYPE) eventscope_[a-z0-9_]+ .+|eventscope_[a-z0-9_]+(\\{.*\\})? \\S+");
            }
        }

        @Test
        void top_without_a_terminal_says_to_use_stats() {
            // when
            Evs.Result r = evs.run("top");

            // then
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr())
                    .isEqualTo("evs: top needs a terminal\n"
                            + "hint: use 'evs stats' (or 'evs stats --prometheus') in scripts and pipes\n");
        }
    }

    @Test
    void completion_prints_a_bash_script_over_the_command_tree() {
        // when
        Evs.Result r = evs.run("completion", "bash");

        // then
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout())
                .contains("complete -F _complete_evs")
                .contains("stats")
                .doesNotContain("clear");
    }

    @Test
    void the_launcher_tells_help_on_a_terminal_the_width_of_the_terminal() throws Exception {
        // given: a "java" that records the arguments the launcher starts it with
        Path own = Files.createDirectories(dir.resolve("launcher-args"));
        Path java = own.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + own.resolve("args.txt") + "'\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        String launcher = "'" + Evs.baseDir().resolve("scripts/evs") + "' --help; echo HELP-DONE; sleep 60";
        List<String> command = List.of(
                "env",
                "EVENTSCOPE_JAR=" + Evs.jar(),
                "EVENTSCOPE_JAVA=" + java,
                "EVENTSCOPE_CACHE=" + own.resolve("cache"),
                "sh",
                "-c",
                launcher);

        // when
        try (Tmux tmux = Tmux.start(own, command)) {
            tmux.waitFor("HELP-DONE");
        }

        // then
        assertThat(Files.readAllLines(own.resolve("args.txt")))
                .contains("-Deventscope.stdout.tty=1", "-Deventscope.columns=120", "--help");
    }

    @Test
    void the_root_help_on_a_real_terminal_is_as_wide_as_the_terminal() throws Exception {
        // given: scripts/evs in a terminal 120 columns wide, with a class-data cache of its own
        String launcher = "'" + Evs.baseDir().resolve("scripts/evs") + "' --help; echo HELP-DONE; sleep 60";
        List<String> command = List.of(
                "env",
                "EVENTSCOPE_JAR=" + Evs.jar(),
                "EVENTSCOPE_CACHE=" + dir.resolve("launcher-cache"),
                "sh",
                "-c",
                launcher);

        // when
        try (Tmux tmux = Tmux.start(dir, command)) {
            String screen = tmux.waitFor("HELP-DONE");

            // then: a line that an 80-column layout wraps is whole
            assertThat(screen)
                    .contains(
                            "\n  1     a check ran and found problems (verify, lint, upcast check, test, dlq retry), or exec's"
                                    + " command was rejected\n")
                    .contains("\nRun 'evs COMMAND --help' for a command's options and examples.\n");
        }
    }

    @Test
    void regression_issue_23_an_import_into_a_new_store_leaves_no_stale_bar_on_the_terminal() throws Exception {
        // given: the orders sample imported into a new store, in a real terminal
        Path own = Files.createDirectories(dir.resolve("import-bar"));
        List<String> run = new ArrayList<>(evs.commandLine(
                "--db",
                "fresh.db",
                "import",
                Evs.baseDir().resolve("samples/orders/events.ndjson").toString()));
        StringBuilder line = new StringBuilder();
        for (String arg : run) {
            line.append('\'').append(arg.replace("'", "'\\''")).append("' ");
        }
        line.append("; echo IMPORT-DONE; sleep 60");

        // when
        try (Tmux tmux = Tmux.start(own, List.of("sh", "-c", line.toString()))) {
            String screen = tmux.waitFor("IMPORT-DONE");

            // then: the summary, and no bar of the index pass left at "indexing 0% ... 0/0 MiB"
            assertThat(screen).contains("imported 418 events from ");
            assertThat(screen).doesNotContain("indexing").doesNotContain(" 0/0 ");
            assertThat(screen).containsPattern("importing 100% .* (\\d+)/\\1 KiB");
        }
    }

    @Test
    void tab_in_a_real_terminal_completes_an_aggregate_id_from_the_store() throws Exception {
        // given
        try (Tmux tmux = Tmux.start(dir, evs.commandLine("shell"))) {
            tmux.waitFor("evs>");

            // when
            tmux.type("state order-001");
            tmux.key("Tab");

            // then: the candidates are the store's ids with that prefix
            String screen = tmux.waitFor("order-0019");
            assertThat(screen).contains("order-0010").contains("order-0015");

            // and: a unique prefix completes in place
            tmux.key("C-u");
            tmux.type("events --aggregate-type Inv");
            tmux.key("Tab");
            tmux.waitFor("evs> events --aggregate-type Inventory");
        }
    }

    @Test
    void tab_in_a_real_terminal_completes_a_saga_from_the_model_and_its_instances_from_the_store() throws Exception {
        // given
        String model = Evs.baseDir().resolve("samples/orders/eventscope.yaml").toString();
        try (Tmux tmux = Tmux.start(dir, evs.commandLine("--model", model, "shell"))) {
            tmux.waitFor("evs>");

            // when: a saga's name is begun
            tmux.type("saga show ful");
            tmux.key("Tab");

            // then: it is completed in place (the screen shows no trailing blank)
            tmux.waitFor("evs> saga show fulfilment");

            // and when: an instance id is begun on a new line, with one instance of that prefix
            tmux.key("C-u");
            tmux.type("saga show fulfilment order-008");
            tmux.key("Tab");

            // then: the store's instance is completed in place
            tmux.waitFor("evs> saga show fulfilment order-0080");
        }
    }
}
