package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Three writers append to the same stream at once, each event with {@code --expected-version}
 * read just before, retrying on conflict. Each append is its own {@code evs} process, so the
 * writers meet only in the store file.
 */
@Isolated("three writers race each other; other tests' processes would only slow them down")
class ConcurrencyIT {

    private static final int WRITERS = 3;
    // each attempt starts two JVMs (read, append), and about two in three attempts lose the race:
    // 5 events a writer keeps the test near a minute on two busy cores; raise it with the property
    private static final int EVENTS_PER_WRITER = Integer.getInteger("eventscope.concurrency.events", 5);
    private static final int MAX_ATTEMPTS_PER_WRITER = EVENTS_PER_WRITER * 30;

    @TempDir
    Path dir;

    /** One append attempt: the eventId it used, the version it expected, and how it ended. */
    private record Attempt(int writer, UUID eventId, long expected, int exitCode, String stderr) {}

    @Test
    void three_writers_keep_the_stream_contiguous_and_every_acknowledged_event_is_stored_once() throws Exception {
        // given: a long busy timeout, so a writer waits its turn rather than reporting busy
        Evs evs = Evs.in(dir).withEnv("EVENTSCOPE_BUSY_TIMEOUT_MS", "60000");
        assertThat(evs.run("init").exitCode()).isZero();

        // when
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<List<Attempt>>> writers = new ArrayList<>();
        for (int w = 1; w <= WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> write(evs, writer)));
        }
        List<Attempt> attempts = new ArrayList<>();
        for (Future<List<Attempt>> writer : writers) {
            attempts.addAll(writer.get(15, TimeUnit.MINUTES));
        }
        pool.shutdown();

        // then: every failure was a conflict or busy, reported as such
        List<Attempt> failed = attempts.stream().filter(a -> a.exitCode() != 0).toList();
        assertThat(failed)
                .allSatisfy(a -> assertThat(a.exitCode()).as(a.toString()).isIn(3, 75));
        assertThat(failed.stream().filter(a -> a.exitCode() == 3))
                .allSatisfy(a -> assertThat(a.stderr())
                        .as(a.toString())
                        .startsWith("evs: wrong expected version " + a.expected() + " for Counter/c-1 (current "));

        // and the stream holds versions 1..n, each acknowledged event exactly once, nothing else
        Path db = dir.resolve("events.db");
        List<Long> versions = Fixtures.column(db, "SELECT stream_version FROM events ORDER BY stream_version").stream()
                .map(Long::parseLong)
                .toList();
        List<String> stored = Fixtures.column(db, "SELECT event_id FROM events ORDER BY position");
        Set<String> acknowledged = new HashSet<>();
        attempts.stream()
                .filter(a -> a.exitCode() == 0)
                .forEach(a -> acknowledged.add(a.eventId().toString()));
        assertThat(acknowledged).hasSize(WRITERS * EVENTS_PER_WRITER);
        assertThat(versions)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, WRITERS * EVENTS_PER_WRITER)
                        .boxed()
                        .toList());
        assertThat(stored).doesNotHaveDuplicates().hasSize(acknowledged.size());
        assertThat(new HashSet<>(stored)).isEqualTo(acknowledged);
        Evs.Result verify = evs.run("verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        System.out.printf(
                "%d attempts: %d appended, %d conflicts (exit 3), %d busy (exit 75)%n",
                attempts.size(),
                acknowledged.size(),
                failed.stream().filter(a -> a.exitCode() == 3).count(),
                failed.stream().filter(a -> a.exitCode() == 75).count());
    }

    /** One writer: read the version, append expecting it, retry on failure, until its events are in. */
    private static List<Attempt> write(Evs evs, int writer) {
        List<Attempt> attempts = new ArrayList<>();
        int acknowledged = 0;
        while (acknowledged < EVENTS_PER_WRITER) {
            assertThat(attempts).as("attempts of writer %d", writer).hasSizeLessThan(MAX_ATTEMPTS_PER_WRITER);
            long expected = currentVersion(evs);
            UUID id = UUID.randomUUID();
            Evs.Result r = evs.run(
                    "append",
                    "--type",
                    "Incremented",
                    "--aggregate-type",
                    "Counter",
                    "--aggregate-id",
                    "c-1",
                    "--event-id",
                    id.toString(),
                    "--expected-version",
                    Long.toString(expected),
                    "--payload",
                    "{\"writer\":" + writer + ",\"attempt\":" + (attempts.size() + 1) + "}");
            attempts.add(new Attempt(writer, id, expected, r.exitCode(), r.stderr()));
            if (r.exitCode() == 0) {
                acknowledged++;
            }
        }
        return attempts;
    }

    /** The stream's version as {@code evs streams} reports it, 0 before its first event. */
    private static long currentVersion(Evs evs) {
        Evs.Result r = evs.run("streams", "--aggregate-type", "Counter", "-o", "ndjson");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.stdoutLines().stream()
                .map(Json::parseTrusted)
                .filter(s -> s.get("aggregateId").asText().equals("c-1"))
                .mapToLong(s -> s.get("version").asLong())
                .findFirst()
                .orElse(0);
    }
}
