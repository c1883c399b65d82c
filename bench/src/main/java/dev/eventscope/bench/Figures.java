package dev.eventscope.bench;

import dev.eventscope.bench.Figure.Contender;
import dev.eventscope.bench.Figure.Setup;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Every whole-process figure, by name. The first contender of each is Eventscope, the second its
 * yardstick (see docs/PERFORMANCE.md for why these yardsticks).
 *
 * <p>A figure for another command is one more {@code figures.put(...)} line.
 */
final class Figures {

    private Figures() {}

    static Map<String, Supplier<Figure>> all(Bench b) {
        Map<String, Supplier<Figure>> figures = new LinkedHashMap<>();
        Path work = b.work;
        long n = b.events;

        figures.put("import-empty", () -> {
            Path evsDb = work.resolve("import-empty-evs.db");
            Path cliDb = work.resolve("import-empty-cli.db");
            return new Figure(
                    "import-empty",
                    "import of " + n + " events into an empty store",
                    n,
                    List.of(
                            evs(b, "eventscope", () -> Bench.removeStore(evsDb), evsDb, "-q", "import", b.ndjson(1)),
                            new Contender(
                                    "sqlite3 CLI",
                                    () -> Bench.removeStore(cliDb),
                                    b.sqliteLoad(cliDb, 1, true),
                                    Map.of(),
                                    null)));
        });

        // the raw loop is slow (100 commits, each with its checkpoint): a figure of its own, to be
        // run with fewer rounds
        figures.put("import-loop", () -> {
            Path evsDb = work.resolve("import-loop-evs.db");
            Path rawDb = work.resolve("import-loop-raw.db");
            return new Figure(
                    "import-loop",
                    "import of " + n + " events into an empty store, against a plain JDBC loop",
                    n,
                    List.of(
                            evs(b, "eventscope", () -> Bench.removeStore(evsDb), evsDb, "-q", "import", b.ndjson(1)),
                            raw(
                                    b,
                                    "raw JDBC loop",
                                    () -> Bench.removeStore(rawDb),
                                    "import",
                                    "--db",
                                    rawDb,
                                    "--schema",
                                    b.schema(),
                                    "--csv",
                                    b.csv(1))));
        });

        figures.put("import-more", () -> {
            Path evsBase = b.evsBase();
            Path cliBase = b.cliBase();
            Path evsDb = work.resolve("import-more-evs.db");
            Path cliDb = work.resolve("import-more-cli.db");
            return new Figure(
                    "import-more",
                    "import of " + n + " more events into a store of " + n,
                    n,
                    List.of(
                            evs(
                                    b,
                                    "eventscope",
                                    () -> Bench.copyStore(evsBase, evsDb),
                                    evsDb,
                                    "-q",
                                    "import",
                                    b.ndjson(2)),
                            new Contender(
                                    "sqlite3 CLI",
                                    () -> Bench.copyStore(cliBase, cliDb),
                                    b.sqliteLoad(cliDb, 2, false),
                                    Map.of(),
                                    null)));
        });

        figures.put("export", () -> {
            Path base = b.evsBase();
            return new Figure(
                    "export",
                    "export of " + n + " events (NDJSON to /dev/null)",
                    n,
                    List.of(
                            evs(b, "eventscope", Setup.NONE, base, "export"),
                            raw(b, "raw JDBC scan + readTree", Setup.NONE, "export", "--db", base)));
        });

        // issue 21: against the machine's limit, the sqlite3 CLI reading the same rows (the query
        // of the issue: the two JSON columns, re-rendered by SQLite, in position order)
        figures.put("export-cli", () -> {
            Path base = b.evsBase();
            return new Figure(
                    "export-cli",
                    "export of " + n + " events (NDJSON to /dev/null), against the sqlite3 CLI scanning the same rows",
                    n,
                    List.of(
                            evs(b, "eventscope", Setup.NONE, base, "export"),
                            new Contender(
                                    "sqlite3 CLI SELECT json(payload), json(metadata)",
                                    Setup.NONE,
                                    List.of(
                                            "sqlite3",
                                            "-readonly",
                                            base.toString(),
                                            "SELECT json(payload), json(metadata) FROM events ORDER BY position"),
                                    Map.of(),
                                    null)));
        });

        // lint reads the whole store for its rules (with the model: the model's rules too)
        figures.put("lint", () -> {
            Path base = b.evsBase();
            return new Figure(
                    "lint",
                    "lint of " + n + " events (bench/model.yaml, every rule), against export of the same store",
                    n,
                    List.of(
                            evs(b, "eventscope lint", Setup.NONE, base, "--model", b.model(), "lint"),
                            evs(b, "eventscope export", Setup.NONE, base, "export")));
        });

        figures.put("trace-summary", () -> {
            Path base = b.evsBase();
            return new Figure(
                    "trace-summary",
                    "trace --summary --all (every correlation ranked) over " + n + " events, against export",
                    n,
                    List.of(
                            evs(b, "eventscope trace --summary --all", Setup.NONE, base, "trace", "--summary", "--all"),
                            evs(b, "eventscope export", Setup.NONE, base, "export")));
        });

        figures.put("verify", () -> {
            Path base = b.evsBase();
            return new Figure(
                    "verify",
                    "verify (quick_check, schema, the whole hash chain) of " + n + " events, against a raw JDBC"
                            + " scan recomputing the chain with SHA-256",
                    n,
                    List.of(
                            evs(b, "eventscope", Setup.NONE, base, "verify"),
                            raw(b, "raw JDBC scan + SHA-256 chain", Setup.NONE, "verify", "--db", base)));
        });

        // upcast migrate copies every event through the upcasters into a new store: against an
        // import of the same events into an empty store, the other way to write a whole store
        figures.put("upcast-migrate", () -> {
            Path base = b.evsBase();
            Path target = work.resolve("upcast-migrate.db");
            Path imported = work.resolve("upcast-import.db");
            return new Figure(
                    "upcast-migrate",
                    "upcast migrate of " + n + " events (bench/upcast-model.yaml) into a new store, against"
                            + " import of the same events into an empty store",
                    n,
                    List.of(
                            evs(
                                    b,
                                    "eventscope upcast migrate",
                                    () -> Bench.removeStore(target),
                                    base,
                                    "--model",
                                    b.upcastModel(),
                                    "-q",
                                    "upcast",
                                    "migrate",
                                    "--to",
                                    target),
                            evs(
                                    b,
                                    "eventscope import",
                                    () -> Bench.removeStore(imported),
                                    imported,
                                    "-q",
                                    "import",
                                    b.ndjson(1))));
        });

        // how linear an import is: N events against ten times N/10, both with the memory figure's
        // 256 MiB heap (peak RSS in the table); at --size 10m this is the 10M figure of issue 21
        figures.put("import-scaling", () -> {
            Bench tenth = b.tenth();
            Path big = work.resolve("import-scaling-" + b.size + ".db");
            Path small = work.resolve("import-scaling-" + tenth.size + ".db");
            return new Figure(
                    "import-scaling",
                    "import of " + n + " events with -Xmx256m, against 10 × the import of " + tenth.events,
                    n,
                    List.of(
                            new Contender(
                                    "eventscope " + b.size + " -Xmx256m",
                                    () -> Bench.removeStore(big),
                                    b.evs(big, "-q", "import", b.ndjson(1).toString()),
                                    Memory.env(b),
                                    null),
                            new Contender(
                                    "eventscope " + tenth.size + " -Xmx256m",
                                    () -> Bench.removeStore(small),
                                    b.evs(small, "-q", "import", tenth.ndjson(1).toString()),
                                    Memory.env(b),
                                    null)),
                    10);
        });

        figures.put("lookup-process", () -> {
            Path base = b.evsBase();
            Properties sample = b.sample();
            return new Figure(
                    "lookup-process",
                    "events --correlation-id (one correlation group in " + n + ") as a whole process",
                    0,
                    List.of(
                            evs(
                                    b,
                                    "eventscope",
                                    Setup.NONE,
                                    base,
                                    "events",
                                    "--correlation-id",
                                    sample.getProperty("correlationId"),
                                    "-o",
                                    "ndjson"),
                            hello(b, "events")));
        });

        figures.put("append", () -> {
            Path store = work.resolve("append.db");
            Path base = b.evsBase();
            return new Figure(
                    "append",
                    "one append via scripts/evs into a store of " + n,
                    0,
                    List.of(
                            evs(
                                    b,
                                    "eventscope",
                                    () -> {
                                        if (!java.nio.file.Files.exists(store)) {
                                            Bench.copyStore(base, store);
                                        }
                                    },
                                    store,
                                    "append",
                                    "--type",
                                    "BenchAppended",
                                    "--aggregate-type",
                                    "Bench",
                                    "--aggregate-id",
                                    "bench-1",
                                    "--payload",
                                    "{\"n\":1}"),
                            hello(b, "append")));
        });

        figures.put(
                "help",
                () -> new Figure(
                        "help",
                        "evs --help",
                        0,
                        List.of(
                                new Contender("eventscope", Setup.NONE, b.launcher("--help"), b.launcherEnv(), null),
                                hello(b, "--help"))));

        figures.put(
                "version",
                () -> new Figure(
                        "version",
                        "evs --version",
                        0,
                        List.of(
                                new Contender("eventscope", Setup.NONE, b.launcher("--version"), b.launcherEnv(), null),
                                hello(b, "--version"))));

        // replay folds every event with the model's reducers; --no-snapshot, so that no run reads
        // or writes a snapshot (a replay writes one for every aggregate past its snapshotEvery)
        figures.put("replay", () -> {
            Path base = b.evsBase();
            return new Figure(
                    "replay",
                    "replay of all " + n + " events (every aggregate's state, NDJSON to /dev/null)",
                    n,
                    List.of(
                            evs(
                                    b,
                                    "eventscope",
                                    Setup.NONE,
                                    base,
                                    "--model",
                                    b.model(),
                                    "replay",
                                    "--no-snapshot",
                                    "-o",
                                    "ndjson"),
                            raw(b, "raw JDBC scan + readTree", Setup.NONE, "export", "--db", base)));
        });

        // --as-of halfway: the read is bounded by the position the record time resolves to, so the
        // yardstick scans exactly the events up to that position
        figures.put("replay-as-of", () -> {
            Path base = b.evsBase();
            Bench.Halfway half = b.halfway();
            return new Figure(
                    "replay-as-of",
                    "replay --as-of " + half.asOf() + " (position " + half.upTo() + " of " + n + ")",
                    half.upTo(),
                    List.of(
                            evs(
                                    b,
                                    "eventscope",
                                    Setup.NONE,
                                    base,
                                    "--model",
                                    b.model(),
                                    "replay",
                                    "--no-snapshot",
                                    "--as-of",
                                    half.asOf(),
                                    "-o",
                                    "ndjson"),
                            raw(
                                    b,
                                    "raw JDBC scan + readTree to " + half.upTo(),
                                    Setup.NONE,
                                    "export",
                                    "--db",
                                    base,
                                    "--to",
                                    half.upTo())));
        });

        // The installed forms (target/dist, ADR 0140): one append through each form's own launcher,
        // against the hello jar through scripts/evs as in 'append'. The image also against the jar
        // through scripts/evs, which it must not start slower than.
        figures.put(
                "append-archive",
                () -> appendThrough(
                        b, "append-archive", "the archive's bin/evs", b.dist().archiveLauncher(), false));
        figures.put(
                "append-image",
                () -> appendThrough(
                        b,
                        "append-image",
                        "the self-contained image's bin/evs",
                        b.dist().imageLauncher(),
                        true));
        figures.put(
                "append-deb",
                () -> appendThrough(
                        b,
                        "append-deb",
                        "the Debian package's /usr/bin/evs",
                        b.dist().debLauncher(),
                        false));

        // The PostgreSQL figures (issue 18), on the server bench/pg-server starts.
        PgFigures.addTo(figures, b);
        SourceFigures.addTo(figures, b);

        // The in-process figures (state, lookups) are in jmh/Operations.
        return figures;
    }

    private static final String[] APPEND = {
        "append",
        "--type",
        "BenchAppended",
        "--aggregate-type",
        "Bench",
        "--aggregate-id",
        "bench-1",
        "--payload",
        "{\"n\":1}"
    };

    /** One append into a copy of the base store through {@code launcher}, against the hello jar. */
    static Figure appendThrough(Bench b, String name, String what, Path launcher, boolean againstScriptsEvs) {
        Path store = b.work.resolve(name + ".db");
        Path base = b.evsBase();
        Setup copyOnce = () -> {
            if (!java.nio.file.Files.exists(store)) {
                Bench.copyStore(base, store);
            }
        };
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString(), "--db", store.toString()));
        command.addAll(List.of(APPEND));
        List<Contender> contenders = new java.util.ArrayList<>();
        contenders.add(new Contender("eventscope via " + what, copyOnce, command, b.launcherEnv(), null));
        if (againstScriptsEvs) {
            contenders.add(evs(b, "eventscope jar via scripts/evs", copyOnce, store, (Object[]) APPEND));
        }
        contenders.add(hello(b, "append"));
        return new Figure(name, "one append via " + what + " into a store of " + b.events, 0, contenders);
    }

    static Contender evs(Bench b, String label, Setup setup, Path db, Object... args) {
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        return new Contender(label, setup, b.evs(db, strings), b.launcherEnv(), null);
    }

    /** A raw yardstick, started by scripts/evs (so with its flags for that command word). */
    static Contender raw(Bench b, String label, Setup setup, Object... args) {
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        return new Contender(label, setup, b.launcher(strings), b.launcherEnv("raw.jar"), null);
    }

    /** The hello jar, started by scripts/evs with the same arguments' flags. */
    static Contender hello(Bench b, String arg) {
        return new Contender("picocli hello", Setup.NONE, b.launcher(arg), b.launcherEnv("hello.jar"), null);
    }
}
