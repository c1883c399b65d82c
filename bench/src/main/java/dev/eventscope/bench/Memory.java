package dev.eventscope.bench;

import dev.eventscope.bench.Figure.Contender;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The memory figure: import, export and replay of the whole first part with a 256 MiB heap, run
 * once each.
 * {@code EVENTSCOPE_JAVA_OPTS} replaces the launcher's options, so it repeats the garbage collector
 * and adds the heap limit.
 */
final class Memory {

    static final String OPTS = "-XX:+UseSerialGC -Xmx256m -Xss8m";

    private Memory() {}

    static Figure importFigure(Bench b) {
        Path db = b.work.resolve("memory.db");
        return new Figure(
                "memory-import",
                "import of " + b.events + " events into an empty store with -Xmx256m",
                b.events,
                List.of(new Contender(
                        "eventscope -Xmx256m",
                        () -> Bench.removeStore(db),
                        b.evs(db, "-q", "import", b.ndjson(1).toString()),
                        env(b),
                        null)));
    }

    static Figure exportFigure(Bench b) {
        Path db = b.work.resolve("memory.db");
        return new Figure(
                "memory-export",
                "export of " + b.events + " events with -Xmx256m",
                b.events,
                List.of(new Contender("eventscope -Xmx256m", Figure.Setup.NONE, b.evs(db, "export"), env(b), null)));
    }

    static Figure replayFigure(Bench b) {
        Path db = b.work.resolve("memory.db");
        return new Figure(
                "memory-replay",
                "replay of " + b.events + " events (every aggregate's state) with -Xmx256m",
                b.events,
                List.of(new Contender(
                        "eventscope -Xmx256m",
                        Figure.Setup.NONE,
                        b.evs(db, "--model", b.model().toString(), "replay", "--no-snapshot", "-o", "ndjson"),
                        env(b),
                        null)));
    }

    static Map<String, String> env(Bench b) {
        return Map.of("EVENTSCOPE_CACHE", b.cache.toString(), "EVENTSCOPE_JAVA_OPTS", OPTS);
    }
}
