package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import into a new or empty store is atomic, with the secondary indexes built at the end (ADR
 * 0040). Killed at any moment, it must leave either no store or all of it, with every index, and a
 * store that verifies; running it again must then complete. An import into a larger store writes
 * batch by batch: killed, it keeps whole batches in file order and resumes.
 *
 * <p>Moments are random but reproducible, as in the other crash tests: the seed is in every failure
 * message (and printed when a test starts) and can be set with {@code -Deventscope.crash.seed=N}.
 */
class ImportCrashIT {

    private static final int EVENTS = 8_000;
    private static final int MORE = 3_000;
    /** Kills per run of the suite; scripts/reliability runs many more (docs/RELIABILITY.md). */
    private static final int KILLS = Integer.getInteger("eventscope.import.kills", 2);

    private static final Pattern VERIFIED = Pattern.compile("ok: (\\d+) events, hash chain intact.*\\n");

    /** The seed of every random moment of this run: {@code -Deventscope.crash.seed}, else the clock. */
    static final long SEED = Long.getLong("eventscope.crash.seed", System.nanoTime());

    /** What every failure message says, to run the same moments again. */
    static final String CONTEXT = "seed " + SEED + " (rerun with -Deventscope.crash.seed=" + SEED + ")";

    @TempDir
    static Path shared;

    static Path input;

    static Path more;

    @BeforeAll
    static void writeInput() throws IOException {
        System.out.println("ImportCrashIT: " + CONTEXT);
        input = shared.resolve("events.ndjson");
        more = shared.resolve("more.ndjson");
        write(input, EVENTS, new Random(8));
        write(more, MORE, new Random(9));
    }

    private static void write(Path file, int events, Random random) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < events; i++) {
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
        Files.writeString(file, b.toString());
    }

    record Run(int exitCode, String stdout, String stderr) {}

    @Test
    void an_import_into_a_larger_store_killed_after_a_commit_keeps_whole_batches_and_resumes(@TempDir Path dir)
            throws Exception {
        // given: a store larger than the input, so the import writes batch by batch
        assertThat(evs(dir, "import", input.toString()).exitCode()).isZero();
        Path db = dir.resolve("events.db");

        // when: killed soon after its first batch committed
        Process p = start(dir, "import", more.toString());
        while (p.isAlive() && count(db) <= EVENTS) {
            Thread.sleep(2);
        }
        int after = new Random(SEED).nextInt(50);
        boolean finished = p.waitFor(after, TimeUnit.MILLISECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }

        // then: whole batches of the file, in order, and a store that verifies; then it resumes
        String context = CONTEXT + ", killed " + after + " ms after its first batch";
        long found = verifiedEvents(dir);
        assertThat(found).as(context).isBetween((long) EVENTS + 1, (long) EVENTS + MORE);
        assertThat(ids(db, EVENTS)).as(context).isEqualTo(fileIds(more).subList(0, (int) (found - EVENTS)));
        Run again = evs(dir, "import", more.toString());
        assertThat(again.exitCode()).as(context + ": " + again).isZero();
        assertThat(verifiedEvents(dir)).isEqualTo(EVENTS + MORE);
        assertThat(ids(db, EVENTS)).isEqualTo(fileIds(more));
    }

    /** Bytes in the scratch store a new-store import writes to (0 before it exists). */
    static long scratchBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("events.db.import-"))
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }

    static long count(Path db) {
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    static List<String> ids(Path db, long afterPosition) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT event_id FROM events WHERE position > " + afterPosition + " ORDER BY position")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    static List<String> fileIds(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(line -> line.substring("{\"eventId\":\"".length(), "{\"eventId\":\"".length() + 36))
                .toList();
    }

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
        List<String> command = new ArrayList<>(Jvm.java(false));
        command.addAll(List.of(
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

        Random random = new Random(SEED);
        for (int i = 0; i < KILLS; i++) {
            // when: killed at a random moment of the whole run, or (every other time) at a random
            // moment after events are being written (the scratch store has grown)
            Path dir = Files.createDirectories(root.resolve("killed-" + i));
            Process p = start(dir, "import", input.toString());
            long started = System.nanoTime();
            if (i % 2 == 1) {
                while (p.isAlive() && scratchBytes(dir) < 64 << 10) {
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
            String context = CONTEXT + ", kill " + i + " after " + at + " ms";
            assertThat(found).as(context).isIn(0L, (long) EVENTS);
            Run again = evs(dir, "import", input.toString());
            assertThat(again.exitCode()).as(context + ": " + again).isZero();
            assertThat(verifiedEvents(dir)).isEqualTo(EVENTS);
        }
    }
}
