package dev.eventscope.e2e.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.e2e.Evs;
import dev.eventscope.event.Json;
import dev.eventscope.testing.TestPostgres;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Four writer processes append to one PostgreSQL store with expected versions for a minute while
 * an {@code events --follow} process reads: nothing acknowledged is lost, nothing is stored twice,
 * positions are 1..N with no hole, the follower prints every event once in position order, and
 * {@code verify} passes. Each writer is an {@code evs shell} fed one append at a time, so the
 * writers meet only in the database.
 */
@Isolated("four writers and a follower race each other for a minute")
class PostgresConcurrencyIT {

    static final TestPostgres SERVER = TestPostgres.shared();
    static final int WRITERS = 4;
    static final long SECONDS = Long.getLong("eventscope.pg.concurrency.seconds", 60);

    @TempDir
    Path dir;

    record Ack(int writer, long version, UUID eventId, long position) {}

    @Test
    void four_writers_and_a_follower_lose_nothing_duplicate_nothing_and_leave_no_hole() throws Exception {
        // given
        Evs evs = Evs.in(dir)
                .withEnv("EVENTSCOPE_DB", SERVER.url(TestPostgres.newSchema()))
                .withEnv("EVENTSCOPE_BUSY_TIMEOUT_MS", "60000");
        assertThat(evs.run("init").exitCode()).isZero();
        Path followed = dir.resolve("follow.out");
        Path followErr = dir.resolve("follow.err");
        Process follower = evs.start(followed, followErr, "events", "--follow", "-o", "ndjson", "--poll", "1000");

        // when
        long began = System.nanoTime();
        long deadline = began + TimeUnit.SECONDS.toNanos(SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<List<Ack>>> writers = new ArrayList<>();
        for (int w = 1; w <= WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> write(evs, writer, deadline)));
        }
        List<Ack> acks = new ArrayList<>();
        for (Future<List<Ack>> f : writers) {
            acks.addAll(f.get(SECONDS + 300, TimeUnit.SECONDS));
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - began) / 1e9;

        // then: positions 1..N, every acknowledged event once, each writer's stream contiguous
        Evs.Result export = evs.run("events", "-o", "ndjson");
        assertThat(export.exitCode()).as(export.toString()).isZero();
        List<JsonNode> stored =
                export.stdoutLines().stream().map(Json::parseTrusted).toList();
        long n = stored.size();
        assertThat(stored)
                .extracting(e -> e.get("position").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
        Set<String> ids = new HashSet<>();
        stored.forEach(e -> assertThat(ids.add(e.get("eventId").asText())).isTrue());
        for (Ack a : acks) {
            assertThat(ids).contains(a.eventId().toString());
        }
        assertThat(n).isEqualTo(acks.size());
        for (int w = 1; w <= WRITERS; w++) {
            int writer = w;
            assertThat(stored.stream()
                            .filter(e -> e.get("aggregateId").asText().equals("w-" + writer))
                            .map(e -> e.get("streamVersion").asLong()))
                    .containsExactlyElementsOf(LongStream.rangeClosed(
                                    1,
                                    acks.stream()
                                            .filter(a -> a.writer() == writer)
                                            .count())
                            .boxed()
                            .toList());
        }

        // and the follower printed each event once, in position order
        List<String> lines = PostgresFollowIT.awaitLines(followed, (int) n, follower, followErr);
        follower.destroy();
        follower.waitFor(30, TimeUnit.SECONDS);
        assertThat(lines)
                .extracting(l -> Json.parseTrusted(l).get("position").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
        Evs.Result verify = evs.run("verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        System.out.printf(
                "PostgreSQL concurrency: %d writers, %.0f s: %d appends acknowledged (%.1f/s), %d stored, positions"
                        + " 1..%d dense, follower printed %d in order, verify ok%n",
                WRITERS, seconds, acks.size(), acks.size() / seconds, n, n, lines.size());
    }

    /** One writer: appends to its own stream with the exact expected version until the deadline. */
    private static List<Ack> write(Evs evs, int writer, long deadline) throws Exception {
        Path dirOut = Files.createTempFile("writer-" + writer, ".out");
        Path dirErr = Files.createTempFile("writer-" + writer, ".err");
        Process shell = evs.startWithInput(dirOut, dirErr, "shell");
        Tail out = new Tail(dirOut);
        List<Ack> acks = new ArrayList<>();
        try (BufferedWriter in =
                new BufferedWriter(new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8))) {
            for (long version = 0; System.nanoTime() < deadline; version++) {
                UUID id = UUID.randomUUID();
                in.write("append --type Wrote --aggregate-type Writer --aggregate-id w-" + writer + " --event-id " + id
                        + " --expected-version " + version + " -o ndjson --payload '{\"writer\":" + writer + ",\"n\":"
                        + version + "}'\n");
                in.flush();
                JsonNode stored = Json.parseTrusted(out.next(shell, dirErr));
                assertThat(stored.get("eventId").asText()).isEqualTo(id.toString());
                assertThat(stored.get("streamVersion").asLong()).isEqualTo(version + 1);
                acks.add(new Ack(writer, version + 1, id, stored.get("position").asLong()));
            }
        }
        assertThat(shell.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).as(Files.readString(dirErr)).isZero();
        return acks;
    }

    /** The lines of a file that another process appends to, read as they come. */
    private static final class Tail {
        private final Path file;
        private long offset;
        private final StringBuilder partial = new StringBuilder();
        private final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();

        Tail(Path file) {
            this.file = file;
        }

        String next(Process p, Path err) throws Exception {
            for (int i = 0; i < 60_000; i++) {
                if (!lines.isEmpty()) {
                    return lines.poll();
                }
                try (var ch = java.nio.channels.FileChannel.open(file)) {
                    long size = ch.size();
                    if (size > offset) {
                        var buf = java.nio.ByteBuffer.allocate((int) (size - offset));
                        ch.read(buf, offset);
                        offset = size;
                        partial.append(new String(buf.array(), StandardCharsets.UTF_8));
                        int nl;
                        while ((nl = partial.indexOf("\n")) >= 0) {
                            lines.add(partial.substring(0, nl));
                            partial.delete(0, nl + 1);
                        }
                        continue;
                    }
                }
                if (!p.isAlive()) {
                    throw new AssertionError("the writer shell ended: " + read(err));
                }
                Thread.sleep(2);
            }
            throw new AssertionError("no answer from the writer shell: " + read(err));
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
