package dev.eventscope.bench;

import dev.eventscope.bench.Figure.Contender;
import dev.eventscope.bench.Figure.Setup;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The PostgreSQL figures of issue 18, on the benchmark server that {@code bench/pg-server} starts
 * (fsync on; never the test server). {@code bench/run} starts it and passes its URL in
 * {@code EVENTSCOPE_BENCH_PG_URL} ({@code postgresql://postgres@127.0.0.1:PORT/bench}).
 *
 * <pre>
 *   pg-import-empty   import of N into an empty store        vs psql \copy of the same rows into the same schema
 *   pg-export         export of N                            vs a raw JDBC cursor scan + Jackson readTree
 *   pg-replay         replay of N (bench/model.yaml)         vs the same raw scan
 *   pg-append-8       8 connections appending single events  vs pgbench running the same head-row transaction
 *   pg-copy-in        copy of N from a SQLite file           vs import of N into an empty PostgreSQL store
 *   pg-copy-out       copy of N into a new SQLite file       vs import of N into an empty SQLite file
 *   pg-follow         --follow latency, append to seen       (a distribution, no yardstick)
 * </pre>
 */
final class PgFigures {

    private PgFigures() {}

    /** The server's URL (a schema is added per store). */
    static String url() {
        String url = System.getenv("EVENTSCOPE_BENCH_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("EVENTSCOPE_BENCH_PG_URL is not set: run the pg-* figures through"
                    + " bench/run, which starts bench/pg-server");
        }
        return url;
    }

    static String store(String schema) {
        return url() + "?schema=" + schema;
    }

    /** host, port and database of the URL, for psql and pgbench. */
    static List<String> psqlTarget() {
        String rest = url().substring("postgresql://".length());
        String user = rest.substring(0, rest.indexOf('@'));
        String hostPort = rest.substring(rest.indexOf('@') + 1, rest.indexOf('/'));
        String db = rest.substring(rest.indexOf('/') + 1);
        return List.of(
                "-h",
                hostPort.substring(0, hostPort.indexOf(':')),
                "-p",
                hostPort.substring(hostPort.indexOf(':') + 1),
                "-U",
                user,
                "-d",
                db);
    }

    static String jdbcUrl() {
        String rest = url().substring("postgresql://".length());
        return "jdbc:postgresql://" + rest.substring(rest.indexOf('@') + 1);
    }

    static void sql(String... statements) {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection(jdbcUrl(), p);
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void dropSchema(String schema) {
        sql("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }

    /** The base store: part 1 imported by Eventscope into schema {@code base}, once per size. */
    static String base(Bench b) {
        String schema = "base_" + b.size;
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        boolean exists;
        try (Connection c = DriverManager.getConnection(jdbcUrl(), p);
                Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")) {
            rs.next();
            exists = rs.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (!exists) {
            Harness.say("importing part 1 with Eventscope into PostgreSQL schema " + schema + " (once)");
            b.execWithEnv(
                    b.launcher(
                            "--db", store(schema), "-q", "import", b.ndjson(1).toString()),
                    b.launcherEnv());
        }
        return schema;
    }

    static void addTo(Map<String, Supplier<Figure>> figures, Bench b) {
        long n = b.events;

        figures.put(
                "pg-import-empty",
                () -> new Figure(
                        "pg-import-empty",
                        "import of " + n + " events into an empty PostgreSQL store",
                        n,
                        List.of(
                                evsAt(
                                        b,
                                        "eventscope",
                                        fresh(b, "imp_evs", false),
                                        store("imp_evs"),
                                        "-q",
                                        "import",
                                        b.ndjson(1)),
                                new Contender(
                                        "psql \\copy",
                                        fresh(b, "imp_cli", true),
                                        psql("\\copy imp_cli.events (position, event_id, aggregate_type, aggregate_id,"
                                                + " stream_version, event_type, event_version, occurred_at, recorded_at,"
                                                + " correlation_id, causation_id, user_id, payload, metadata, hash) FROM '"
                                                + b.csv(1) + "' WITH (FORMAT csv)"),
                                        Map.of(),
                                        null))));

        figures.put("pg-export", () -> {
            String base = base(b);
            return new Figure(
                    "pg-export",
                    "export of " + n + " events from PostgreSQL (NDJSON to /dev/null)",
                    n,
                    List.of(evsAt(b, "eventscope", Setup.NONE, store(base), "export"), rawScan(b, base)));
        });

        figures.put("pg-replay", () -> {
            String base = base(b);
            return new Figure(
                    "pg-replay",
                    "replay of all " + n + " events from PostgreSQL (NDJSON to /dev/null)",
                    n,
                    List.of(
                            evsAt(
                                    b,
                                    "eventscope",
                                    Setup.NONE,
                                    store(base),
                                    "--model",
                                    b.model(),
                                    "replay",
                                    "--no-snapshot",
                                    "-o",
                                    "ndjson"),
                            rawScan(b, base)));
        });

        long appends = Math.max(800, Math.min(n / 10, 40_000));
        figures.put(
                "pg-append-8",
                () -> new Figure(
                        "pg-append-8",
                        appends + " single-event appends over 8 connections",
                        appends,
                        List.of(
                                new Contender(
                                        "eventscope (8 threads)",
                                        fresh(b, "app_evs", true),
                                        List.of(
                                                Bench.javaCommand(),
                                                "-cp",
                                                b.repo.resolve("bench/target/benchmarks.jar") + ":"
                                                        + b.repo.resolve("target/eventscope.jar"),
                                                "dev.eventscope.bench.PgAppendLoad",
                                                store("app_evs"),
                                                "8",
                                                Long.toString(appends)),
                                        Map.of(),
                                        null),
                                new Contender(
                                        "pgbench, same transaction",
                                        fresh(b, "app_bench", true),
                                        pgbench(appends),
                                        Map.of("PGOPTIONS", "-c search_path=app_bench"),
                                        null))));

        figures.put("pg-copy-in", () -> {
            Path source = b.evsBase();
            return new Figure(
                    "pg-copy-in",
                    "copy of " + n + " events from a SQLite file into PostgreSQL, against importing them",
                    n,
                    List.of(
                            Figures.evs(
                                    b,
                                    "eventscope copy",
                                    fresh(b, "copy_in", false),
                                    source,
                                    "-q",
                                    "copy",
                                    "--to",
                                    store("copy_in")),
                            evsAt(
                                    b,
                                    "eventscope import",
                                    fresh(b, "copy_imp", false),
                                    store("copy_imp"),
                                    "-q",
                                    "import",
                                    b.ndjson(1))));
        });

        figures.put("pg-copy-out", () -> {
            String base = base(b);
            Path copy = b.work.resolve("pg-copy-out.db");
            Path imported = b.work.resolve("pg-copy-out-import.db");
            return new Figure(
                    "pg-copy-out",
                    "copy of " + n + " events from PostgreSQL into a new SQLite file, against importing them",
                    n,
                    List.of(
                            evsAt(
                                    b,
                                    "eventscope copy",
                                    () -> Bench.removeStore(copy),
                                    store(base),
                                    "-q",
                                    "copy",
                                    "--to",
                                    copy),
                            Figures.evs(
                                    b,
                                    "eventscope import",
                                    () -> Bench.removeStore(imported),
                                    imported,
                                    "-q",
                                    "import",
                                    b.ndjson(1))));
        });
    }

    /** Drops the schema; with {@code init}, creates an empty store in it (its tables and indexes). */
    static Setup fresh(Bench b, String schema, boolean init) {
        return () -> {
            dropSchema(schema);
            if (init) {
                b.execWithEnv(b.launcher("--db", store(schema), "-q", "init"), b.launcherEnv());
            }
        };
    }

    /** Eventscope through scripts/evs on the store at {@code db} (a URL, which a Path would mangle). */
    static Contender evsAt(Bench b, String label, Setup setup, String db, Object... args) {
        List<String> words = new java.util.ArrayList<>(List.of("--db", db));
        for (Object a : args) {
            words.add(a.toString());
        }
        return new Contender(label, setup, b.launcher(words.toArray(String[]::new)), b.launcherEnv(), null);
    }

    static List<String> psql(String command) {
        List<String> cmd = new java.util.ArrayList<>(List.of("psql", "-q", "-v", "ON_ERROR_STOP=1"));
        cmd.addAll(psqlTarget());
        cmd.addAll(List.of("-c", command));
        return cmd;
    }

    static List<String> pgbench(long appends) {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                "pgbench",
                "-n",
                "-c",
                "8",
                "-j",
                "2",
                "-t",
                Long.toString(appends / 8),
                "-f",
                Path.of("bench/pg-append.sql").toAbsolutePath().toString()));
        cmd.addAll(psqlTarget());
        return cmd;
    }

    static Contender rawScan(Bench b, String schema) {
        return Figures.raw(
                b,
                "raw JDBC cursor + readTree",
                Setup.NONE,
                "export",
                "--url",
                jdbcUrl(),
                "--user",
                "postgres",
                "--schema",
                schema);
    }

    /** The follow latency distribution (pg-follow), as a line for the report. */
    static String followLatency(Bench b) {
        dropSchema("follow");
        b.execWithEnv(b.launcher("--db", store("follow"), "-q", "init"), b.launcherEnv());
        try {
            Process p = new ProcessBuilder(
                            Bench.javaCommand(),
                            "-cp",
                            b.repo.resolve("bench/target/benchmarks.jar") + ":"
                                    + b.repo.resolve("target/eventscope.jar"),
                            "dev.eventscope.bench.PgFollowLatency",
                            store("follow"),
                            Long.toString(Math.max(200, Math.min(b.events / 100, 2_000))))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("pg-follow failed: " + out);
            }
            Harness.say("pg-follow: " + out.strip());
            return "pg-follow: " + out.strip() + "\n";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
