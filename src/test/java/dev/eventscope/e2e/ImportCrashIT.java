package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import into an empty store is one transaction that drops and re-creates the secondary
 * indexes (ADR 0040). Killed at any moment, it must leave either no events or all of them, with
 * every index, and a store that verifies; running it again must then complete.
 */
class ImportCrashIT {

    private static final int EVENTS = 8_000;
    private static final Pattern VERIFIED = Pattern.compile("ok: (\\d+) events, hash chain intact.*\\n");

    @TempDir
    static Path shared;

    static Path input;

    @BeforeAll
    static void writeInput() throws IOException {
        input = shared.resolve("events.ndjson");
        Random random = new Random(8);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            b.append("{\"eventId\":\"")
                    .append(new UUID(random.nextLong(), random.nextLong()))
                    .append("\",\"eventType\":\"Happened\",\"aggregateType\":\"Thing\",\"aggregateId\":\"t-")
                    .append(random.nextInt(500))
                    .append("\",\"timestamp\":\"2024-01-15T10:30:00Z\",\"payload\":{\"n\":")
                    .append(i)
                    .append(",\"items\":[{\"sku\":\"S-1\",\"qty\":2}]},\"metadata\":{\"correlationId\":\"c-")
                    .append(i / 4)
                    .append("\"}}\n");
        }
        Files.writeString(input, b.toString());
    }

    record Run(int exitCode, String stdout, String stderr) {}

    static Run evs(Path dir, String... args) throws IOException, InterruptedException {
        Process p = start(dir, args);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("evs " + String.join(" ", args) + " did not finish");
        }
        return new Run(
                p.exitValue(),
                Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    static Process start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-jar",
                System.getProperty("eventscope.jar"),
                "--db",
                dir.resolve("events.db").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
    }

    /** The events a store holds after a crash: verify must pass, with the schema of the migrations. */
    static long verifiedEvents(Path dir) throws IOException, InterruptedException {
        if (!Files.exists(dir.resolve("events.db"))) {
            return 0; // killed before the store was created
        }
        Run verify = evs(dir, "verify");
        if (verify.exitCode() == 66 && verify.stderr().contains("not yet an Eventscope store")) {
            return 0; // killed while the empty store was being created: nothing of it committed
        }
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        Matcher m = VERIFIED.matcher(verify.stdout());
        assertThat(m.matches()).as(verify.stdout()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void an_import_killed_at_any_moment_leaves_nothing_or_everything_and_a_store_that_verifies(@TempDir Path root)
            throws Exception {
        // given: how long an uninterrupted import takes here
        Path first = Files.createDirectories(root.resolve("uninterrupted"));
        long t0 = System.nanoTime();
        Run complete = evs(first, "import", input.toString());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(complete.exitCode()).as(complete.toString()).isZero();
        assertThat(verifiedEvents(first)).isEqualTo(EVENTS);

        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 4; i++) {
            // when: killed at a random moment of the whole run, or (every other time) at a random
            // moment after the write transaction has begun (its WAL file appeared)
            Path dir = Files.createDirectories(root.resolve("killed-" + i));
            Process p = start(dir, "import", input.toString());
            long started = System.nanoTime();
            if (i % 2 == 1) {
                Path wal = dir.resolve("events.db-wal");
                while (p.isAlive() && !(Files.exists(wal) && Files.size(wal) > 0)) {
                    Thread.sleep(5);
                }
            }
            long waited = (System.nanoTime() - started) / 1_000_000;
            long at = waited + (long) (Math.max(millis - waited, 100) * random.nextDouble());
            boolean finished = p.waitFor(at - waited, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor();
            }

            // then: nothing or everything, a store that verifies, and an import that completes
            long found = verifiedEvents(dir);
            assertThat(found).as("seed %d, kill %d after %d ms", seed, i, at).isIn(0L, (long) EVENTS);
            Run again = evs(dir, "import", input.toString());
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(verifiedEvents(dir)).isEqualTo(EVENTS);
        }
    }
}
