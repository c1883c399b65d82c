package dev.eventscope.e2e.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.Evs;
import dev.eventscope.event.Json;
import dev.eventscope.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following a PostgreSQL store from other processes: {@code events --follow} prints what other
 * processes append, {@code copy --follow} keeps a file current, {@code process --follow} keeps a
 * read model current.
 */
class PostgresFollowIT {

    static final TestPostgres SERVER = TestPostgres.shared();

    @TempDir
    Path dir;

    static void append(Evs evs, int n) {
        Evs.Result r = evs.run(
                "append",
                "--type",
                "Ticked",
                "--aggregate-type",
                "Clock",
                "--aggregate-id",
                "c-1",
                "--payload",
                "{\"n\":" + n + "}");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** Waits (up to two minutes, checking often) until {@code file} has {@code n} lines. */
    static List<String> awaitLines(Path file, int n, Process p, Path stderr) throws Exception {
        for (int i = 0; i < 12_000; i++) {
            List<String> lines = lines(file);
            if (lines.size() >= n) {
                return lines;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the follower ended (exit " + p.exitValue() + "): " + lines(stderr));
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the follower printed " + lines(file).size() + " of " + n + " lines");
    }

    @Test
    void events_follow_prints_what_other_processes_append_once_each_in_order() throws Exception {
        // given
        Evs evs = Evs.in(dir).withEnv("EVENTSCOPE_DB", SERVER.url(TestPostgres.newSchema()));
        append(evs, 1);
        Path out = dir.resolve("follow.out");
        Path err = dir.resolve("follow.err");
        Process follower = evs.start(out, err, "events", "--follow", "-o", "ndjson", "--poll", "60000");
        try {
            awaitLines(out, 1, follower, err);

            // when: appends by other processes, while the follower would poll only once a minute
            for (int n = 2; n <= 4; n++) {
                append(evs, n);
            }

            // then: notifications woke it
            List<String> lines = awaitLines(out, 4, follower, err);
            assertThat(lines)
                    .extracting(l -> Json.parseTrusted(l).get("position").asLong())
                    .containsExactly(1L, 2L, 3L, 4L);
        } finally {
            follower.destroy();
            follower.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void copy_follow_keeps_a_file_current_and_stops_on_sigterm_with_the_same_head() throws Exception {
        // given
        String url = SERVER.url(TestPostgres.newSchema());
        Evs evs = Evs.in(dir).withEnv("EVENTSCOPE_DB", url);
        append(evs, 1);
        Path copy = dir.resolve("copy.db");
        Path out = dir.resolve("copy.out");
        Path err = dir.resolve("copy.err");
        Process follower = evs.start(out, err, "copy", "--to", copy.toString(), "--follow", "--poll", "60000");
        try {
            awaitLines(err, 1, follower, err);

            // when
            for (int n = 2; n <= 5; n++) {
                append(evs, n);
            }
            awaitLines(err, 2, follower, err);
            String head = evs.run("head").stdout();
            while (!Evs.in(dir).run("--db", copy.toString(), "head").stdout().equals(head)) {
                assertThat(follower.isAlive()).as("the copy is running").isTrue();
                Thread.sleep(50);
            }
        } finally {
            follower.destroy();
        }

        // then
        assertThat(follower.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(follower.exitValue()).isEqualTo(130);
        assertThat(lines(out)).hasSize(1);
        assertThat(lines(out).get(0)).startsWith("copied 5 events (positions 1-5) from " + url + " to " + copy);
        assertThat(Evs.in(dir)
                        .run(
                                "--db",
                                copy.toString(),
                                "verify",
                                "--expect-head",
                                evs.run("head").stdout().strip())
                        .exitCode())
                .isZero();
    }

    @Test
    void process_follow_keeps_a_read_model_current() throws Exception {
        // given
        String url = SERVER.url(TestPostgres.newSchema());
        Path model = dir.resolve("model.yaml");
        Files.writeString(
                model,
                "projections:\n  ticks:\n    key: id\n    columns: {id: TEXT, n: INTEGER}\n    on:\n"
                        + "      Ticked: {upsert: '{\"id\": .aggregateId, \"n\": .payload.n}'}\n");
        Evs evs = Evs.in(dir).withEnv("EVENTSCOPE_DB", url).withEnv("EVENTSCOPE_MODEL", model.toString());
        append(evs, 1);
        Path out = dir.resolve("process.out");
        Path err = dir.resolve("process.err");
        Process processor = evs.start(out, err, "process", "ticks", "--follow", "--poll", "60000");
        try {
            // when
            append(evs, 2);
            append(evs, 3);

            // then
            String expected = "id   n\nc-1  3\n";
            String seen = "";
            for (int i = 0; i < 6_000 && !seen.equals(expected); i++) {
                assertThat(processor.isAlive())
                        .as(String.join("\n", lines(err)))
                        .isTrue();
                seen = evs.run("query", "select id, n from rm_ticks").stdout();
                Thread.sleep(20);
            }
            assertThat(seen).isEqualTo(expected);
        } finally {
            processor.destroy();
            processor.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
