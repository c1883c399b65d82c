package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two processes exec a two-event command against the same aggregate without {@code --retry}, both
 * having decided against the same version before either appends: one wins, the other exits 3 (a
 * conflict) and leaves none of its two events behind; on both backends.
 *
 * <p>The race is forced, not hoped for: the test holds the store's write lock (as a third writer
 * would) until both processes have said on stderr ({@code --explain}) which version they decided
 * against, then lets them append. Each append waits for the lock (a long busy timeout), and
 * whichever gets it second finds the stream moved on.
 */
class ExecRaceIT {

    private static final String DECIDED = " decided against Counter/c-1 at version 1: appending 2 events";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Backend.class)
    void of_two_writers_deciding_against_one_version_one_appends_and_the_other_exits_3_writing_nothing(Backend backend)
            throws Exception {
        // given: a counter at version 1
        String model = Evs.baseDir()
                .resolve("src/test/resources/commands/counter.yaml")
                .toString();
        Backend.Store store = backend.newStore(dir, "events.db");
        Evs evs = Evs.in(dir).withEnv("EVENTSCOPE_DB", store.db()).withEnv("EVENTSCOPE_BUSY_TIMEOUT_MS", "300000");
        Evs.Result seed = evs.run("--model", model, "init");
        assertThat(seed.exitCode()).as(seed.toString()).isZero();
        seed = evs.run(
                "--model", model, "exec", "Increment", "--payload", "{\"counter\":\"c-1\"}", "--command-id", "seed");
        assertThat(seed.exitCode()).as(seed.toString()).isZero();

        // when: both decide while a third writer holds the lock, then race for it
        List<Process> writers = new ArrayList<>();
        try (AutoCloseable lock = store.holdWriteLock()) {
            for (int w = 1; w <= 2; w++) {
                writers.add(evs.start(
                        dir.resolve("out-" + w),
                        dir.resolve("err-" + w),
                        "--model",
                        model,
                        "exec",
                        "IncrementTwice",
                        "--payload",
                        "{\"counter\":\"c-1\"}",
                        "--command-id",
                        "racer-" + w,
                        "--user",
                        "writer-" + w,
                        "--explain",
                        "-o",
                        "json"));
            }
            try {
                for (int w = 1; w <= 2; w++) {
                    awaitDecision(writers.get(w - 1), dir.resolve("err-" + w));
                }
            } catch (AssertionError | RuntimeException e) {
                writers.forEach(Process::destroyForcibly);
                throw e;
            }
        }
        int[] exits = new int[2];
        for (int w = 1; w <= 2; w++) {
            Process p = writers.get(w - 1);
            assertThat(p.waitFor(5, TimeUnit.MINUTES))
                    .as("writer %d finished", w)
                    .isTrue();
            exits[w - 1] = p.exitValue();
        }

        // then: one appended both its events at version 1, the other was a conflict
        assertThat(exits).containsExactlyInAnyOrder(0, 3);
        int winner = exits[0] == 0 ? 1 : 2;
        int loser = 3 - winner;
        JsonNode won = Json.parseTrusted(read("out-" + winner));
        assertThat(won.get("outcome").asText()).isEqualTo("accepted");
        assertThat(won.get("written").asBoolean()).isTrue();
        assertThat(won.get("version").asLong()).isEqualTo(1);
        assertThat(read("out-" + loser)).isEmpty();
        assertThat(read("err-" + loser).lines().toList())
                .contains(
                        "evs: IncrementTwice racer-" + loser + ": wrong expected version 1 for Counter/c-1 (current 3);"
                                + " Counter/c-1 changed after it was decided at version 1",
                        "hint: nothing was written; pass --retry N to decide again against the new state");

        // and the stream holds the seed and the winner's two events, none of the loser's
        assertThat(store.column("SELECT stream_version || ' ' || causation_id || ' ' || json_extract(payload, '$.from')"
                        + " FROM events ORDER BY position"))
                .containsExactly("1 seed 0", "2 racer-" + winner + " 1", "3 racer-" + winner + " 2");
        Evs.Result verify = evs.run("verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();

        // and the loser, run again, decides against the new state: its command never ran before
        Evs.Result again = evs.run(
                "--model",
                model,
                "exec",
                "IncrementTwice",
                "--payload",
                "{\"counter\":\"c-1\"}",
                "--command-id",
                "racer-" + loser,
                "-o",
                "json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode retried = Json.parseTrusted(again.stdout());
        assertThat(retried.get("outcome").asText()).isEqualTo("accepted");
        assertThat(retried.get("version").asLong()).isEqualTo(3);
        assertThat(store.column("SELECT count(*) FROM events")).containsExactly("5");
    }

    /** Waits until the writer has said which version it decided against; fails if it ends first. */
    private static void awaitDecision(Process writer, Path stderr) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.readString(stderr, StandardCharsets.UTF_8).contains(DECIDED)) {
            assertThat(writer.isAlive())
                    .as("the writer ended before deciding: %s", Files.readString(stderr, StandardCharsets.UTF_8))
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("the writer did not decide within 3 minutes: %s", Files.readString(stderr))
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }
}
