package dev.eventscope.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The project's real event logs (the permit log and the fines log) for the tests that run on them,
 * found the same way by every test (ADR 0200).
 *
 * <p>In this order: the directory {@code -Deventscope.data=DIR}, which must hold both logs;
 * {@code ../shared/data} beside the repository, then {@code ../../shared/data}, when it holds both;
 * else the copies committed in {@code src/test/resources/data} (gzip), unpacked once per test JVM into
 * {@code target/real-logs}. So a clone with no shared data beside it still runs every real-log test.
 * Thread-safe: failsafe runs test classes side by side.
 */
public final class RealLogs {

    /** The permit log: 8,577 events over 1,434 cases. */
    public static final String PERMITS = "receipt.ndjson";

    /** The fines log: 390 events over 100 fines. */
    public static final String FINES = "roadtraffic.ndjson";

    static final List<String> NAMES = List.of(PERMITS, FINES);

    private static Path dir;

    private RealLogs() {}

    /** The directory holding both logs. */
    public static synchronized Path dir() {
        if (dir == null) {
            dir = resolve(
                    System.getProperty("eventscope.data"),
                    Evs.baseDir(),
                    Evs.baseDir().resolve("target/real-logs"));
        }
        return dir;
    }

    /** One log ({@link #PERMITS} or {@link #FINES}), as an absolute path. */
    public static Path file(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("not a real log: " + name + " (one of " + NAMES + ")");
        }
        return dir().resolve(name);
    }

    /**
     * Where the logs are for a given {@code eventscope.data} (null when not given) and repository
     * directory; {@code unpackInto} receives the committed copies when neither has them.
     */
    static Path resolve(String given, Path repository, Path unpackInto) {
        if (given != null && !given.isBlank()) {
            Path d = Path.of(given).toAbsolutePath().normalize();
            if (!holdsBoth(d)) {
                throw new AssertionError("-Deventscope.data=" + given + " does not hold both real logs " + NAMES
                        + "; point it at a directory that does, or leave it out to use ../shared/data or the"
                        + " committed copy (ADR 0200)");
            }
            return d;
        }
        for (String beside : List.of("../shared/data", "../../shared/data")) {
            Path d = repository.toAbsolutePath().resolve(beside).normalize();
            if (holdsBoth(d)) {
                return d;
            }
        }
        unpack(unpackInto.toAbsolutePath().normalize());
        return unpackInto.toAbsolutePath().normalize();
    }

    /** The committed copy of one log, decompressed. */
    static byte[] committed(String name) {
        try (InputStream in = new GZIPInputStream(open(name))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the committed copy of " + name, e);
        }
    }

    private static boolean holdsBoth(Path d) {
        return NAMES.stream().allMatch(n -> Files.isRegularFile(d.resolve(n)));
    }

    /** Each log through a temporary file and a rename, so that a reader never sees half a log. */
    private static void unpack(Path into) {
        try {
            Files.createDirectories(into);
            for (String name : NAMES) {
                Path part = Files.createTempFile(into, name, ".part");
                try (InputStream in = new GZIPInputStream(open(name))) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(
                            part,
                            into.resolve(name),
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the committed real logs into " + into, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = RealLogs.class.getResourceAsStream("/data/" + name + ".gz");
        if (in == null) {
            throw new AssertionError(
                    "the committed copy src/test/resources/data/" + name + ".gz is not on the test class path");
        }
        return in;
    }
}
