package dev.eventscope.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the benchmark's files are and how they are made: the generated events, the schema taken
 * from the migrations, the sqlite3 load scripts, and the base stores the figures start from. All of
 * it lives under {@code bench/out/} (ignored by git) and is made once, on first need.
 */
final class Bench {

    final Path repo;
    final String size;
    final long events;
    final Path data;
    final Path stores;
    final Path work;
    final Path sql;
    final Path logs;
    final Path results;
    final Path cache;

    Bench(Path repo, String size) {
        this.repo = repo;
        this.size = size;
        this.events = parseSize(size);
        Path out = repo.resolve("bench/out");
        this.data = out.resolve("data").resolve(size);
        this.stores = out.resolve("stores").resolve(size);
        this.work = out.resolve("work");
        this.sql = out.resolve("sql");
        this.logs = out.resolve("logs");
        this.results = out.resolve("results");
        // launcher cache of its own: class-data archives and the native library, made by warm-ups
        this.cache = out.resolve("cache");
        for (Path dir : List.of(data, stores, work, sql, logs, results, cache)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static long parseSize(String size) {
        String s = size.toLowerCase();
        if (s.endsWith("k")) {
            return Long.parseLong(s.substring(0, s.length() - 1)) * 1_000;
        }
        if (s.endsWith("m")) {
            return Long.parseLong(s.substring(0, s.length() - 1)) * 1_000_000;
        }
        return Long.parseLong(s);
    }

    // ------------------------------------------------------------------ programs

    private Dist dist;

    /** The installed forms of target/dist, installed under bench/out/dist on first use. */
    Dist dist() {
        if (dist == null) {
            dist = new Dist(this);
        }
        return dist;
    }

    Path evsLauncher() {
        return repo.resolve("scripts/evs");
    }

    Path benchJar(String name) {
        return repo.resolve("bench/target").resolve(name);
    }

    /** Environment for every launcher start: the bench's own cache directory. */
    Map<String, String> launcherEnv() {
        return Map.of("EVENTSCOPE_CACHE", cache.toString());
    }

    /** Environment that makes scripts/evs start another jar with exactly its own flags. */
    Map<String, String> launcherEnv(String jar) {
        return Map.of(
                "EVENTSCOPE_CACHE",
                cache.toString(),
                "EVENTSCOPE_JAR",
                benchJar(jar).toString());
    }

    List<String> evs(Path db, String... args) {
        List<String> command = new ArrayList<>(List.of(evsLauncher().toString(), "--db", db.toString()));
        command.addAll(List.of(args));
        return command;
    }

    List<String> launcher(String... args) {
        List<String> command = new ArrayList<>(List.of(evsLauncher().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The model of the generated domain: reducers for every aggregate type (state, replay). */
    Path model() {
        return repo.resolve("bench/model.yaml");
    }

    // ------------------------------------------------------------------ data

    Path ndjson(int part) {
        return ensureData().resolve("part-" + part + ".ndjson");
    }

    Path csv(int part) {
        return ensureData().resolve("part-" + part + ".csv");
    }

    Properties sample() {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(ensureData().resolve("sample.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * Generates the events once: two parts of {@code size} events each (the second continues the
     * first's streams, for "import more into a full store"), as NDJSON and as CSV.
     */
    private Path ensureData() {
        if (Files.exists(data.resolve("sample.properties"))) {
            return data;
        }
        Harness.say("generating " + 2 * events + " events into " + data + " (once)");
        exec(List.of(
                javaCommand(),
                repo.resolve("bench/Generate.java").toString(),
                "--events",
                Long.toString(2 * events),
                "--parts",
                "2",
                "--csv",
                "--out",
                data.toString()));
        return data;
    }

    static String javaCommand() {
        String home = System.getProperty("java.home");
        return Path.of(home, "bin", "java").toString();
    }

    // ------------------------------------------------------------------ sqlite3 yardstick

    /**
     * The schema, made from the migration files in the order of their index (never a hand-kept
     * copy), each statement ending with a line holding only ";".
     */
    Path schema() {
        Path dir = repo.resolve("src/main/resources/dev/eventscope/store/sqlite/migrations");
        StringBuilder b = new StringBuilder();
        try {
            for (String name : Files.readAllLines(dir.resolve("index.txt"))) {
                if (!name.isBlank()) {
                    b.append(Files.readString(dir.resolve(name.trim())).strip()).append("\n;\n");
                }
            }
            Path file = sql.resolve("schema.sql");
            Files.writeString(file, b.toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sqlite3 CLI's load of one CSV part: the store's pragmas, the schema when the store is
     * new, the CSV into a temporary staging table, then one INSERT … SELECT into {@code events}
     * (empty CSV fields of the nullable columns become NULL), in one transaction.
     */
    Path loadScript(int part, boolean fresh) {
        StringBuilder b = new StringBuilder();
        b.append("PRAGMA journal_mode = WAL;\n");
        b.append("PRAGMA synchronous = FULL;\n");
        b.append("PRAGMA cache_size = -65536;\n");
        b.append("PRAGMA temp_store = MEMORY;\n");
        b.append("PRAGMA busy_timeout = 10000;\n");
        if (fresh) {
            b.append(".read ").append(schema()).append('\n');
        }
        b.append("CREATE TEMP TABLE staging (position INTEGER, event_id TEXT, aggregate_type TEXT,"
                + " aggregate_id TEXT, stream_version INTEGER, event_type TEXT, event_version INTEGER,"
                + " occurred_at INTEGER, recorded_at INTEGER, correlation_id TEXT, causation_id TEXT,"
                + " user_id TEXT, payload TEXT, metadata TEXT, hash TEXT);\n");
        b.append(".import --csv --schema temp ").append(csv(part)).append(" staging\n");
        b.append("BEGIN IMMEDIATE;\n");
        b.append("INSERT INTO events (position, event_id, aggregate_type, aggregate_id, stream_version,"
                + " event_type, event_version, occurred_at, recorded_at, correlation_id, causation_id, user_id,"
                + " payload, metadata, hash) SELECT position, event_id, aggregate_type, aggregate_id,"
                + " stream_version, event_type, event_version, occurred_at, recorded_at,"
                + " NULLIF(correlation_id, ''), NULLIF(causation_id, ''), NULLIF(user_id, ''), payload, metadata,"
                + " hash FROM temp.staging;\n");
        b.append("COMMIT;\n");
        Path file = sql.resolve("load-" + size + "-part" + part + (fresh ? "-fresh" : "-more") + ".sql");
        try {
            Files.writeString(file, b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    List<String> sqliteLoad(Path db, int part, boolean fresh) {
        return List.of("sqlite3", db.toString(), ".read " + loadScript(part, fresh));
    }

    // ------------------------------------------------------------------ base stores

    /** The first part imported by Eventscope: what export, lookups and "import more" start from. */
    Path evsBase() {
        Path base = stores.resolve("evs-base.db");
        if (!Files.exists(base)) {
            Harness.say("importing part 1 with Eventscope into " + base + " (once)");
            Path tmp = stores.resolve("evs-base.tmp.db");
            removeStore(tmp);
            execWithEnv(evs(tmp, "-q", "import", ndjson(1).toString()), launcherEnv());
            move(tmp, base);
        }
        return base;
    }

    /**
     * The base store with a snapshot of the hot aggregate at its head, for the state figure that
     * starts from one: a copy, so that the base store itself never holds a snapshot (a fold from it
     * would start there).
     */
    Path snapshotStore() {
        Path store = stores.resolve("evs-snapshot.db");
        if (!Files.exists(store)) {
            Properties s = sample();
            Harness.say("copying the base store to " + store + " and snapshotting the hot aggregate (once)");
            Path tmp = stores.resolve("evs-snapshot.tmp.db");
            copyStore(evsBase(), tmp);
            execWithEnv(
                    evs(
                            tmp,
                            "--model",
                            model().toString(),
                            "-q",
                            "snapshot",
                            "create",
                            s.getProperty("hotAggregateId"),
                            "--aggregate-type",
                            s.getProperty("hotAggregateType")),
                    launcherEnv());
            move(tmp, store);
        }
        return store;
    }

    /** A record-time cut halfway through the base store: the time, and the last position it admits. */
    record Halfway(String asOf, long upTo) {}

    /**
     * The {@code recorded_at} of the event at half the base store's head, and the last position
     * recorded by then (an import records its events in batches that share one time).
     */
    Halfway halfway() {
        try (java.sql.Connection c = dev.eventscope.bench.raw.RawConnections.open(evsBase(), true);
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT recorded_at, (SELECT max(position) FROM events"
                        + " WHERE recorded_at <= e.recorded_at) FROM events e"
                        + " WHERE position = (SELECT max(position) / 2 FROM events)")) {
            if (!rs.next()) {
                throw new IllegalStateException("the base store is empty");
            }
            long micros = rs.getLong(1);
            java.time.Instant t = java.time.Instant.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new Halfway(t.toString(), rs.getLong(2));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first part loaded by the sqlite3 CLI: the yardstick's start for "import more". */
    Path cliBase() {
        Path base = stores.resolve("cli-base.db");
        if (!Files.exists(base)) {
            Harness.say("loading part 1 with the sqlite3 CLI into " + base + " (once)");
            Path tmp = stores.resolve("cli-base.tmp.db");
            removeStore(tmp);
            exec(sqliteLoad(tmp, 1, true));
            move(tmp, base);
        }
        return base;
    }

    static void removeStore(Path db) {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyStore(Path from, Path to) {
        removeStore(to);
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            if (Files.exists(Path.of(from + "-wal"))) {
                throw new IllegalStateException(from + " still has a WAL file: was it closed?");
            }
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(Path.of(from + "-shm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void exec(List<String> command) {
        execWithEnv(command, Map.of());
    }

    void execWithEnv(List<String> command, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(env);
            int code = pb.start().waitFor();
            if (code != 0) {
                throw new IllegalStateException("exit " + code + " from " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
