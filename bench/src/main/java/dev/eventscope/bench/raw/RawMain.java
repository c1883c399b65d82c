package dev.eventscope.bench.raw;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Yardsticks 2 and 3 as one jar that {@code scripts/evs} can start (set {@code EVENTSCOPE_JAR}), so
 * they run with exactly the JVM flags Eventscope gets for the same command word:
 *
 * <pre>
 *   import --db FILE --schema FILE --csv FILE   raw JDBC insert loop (RawLoad)
 *   export --db FILE [--to POSITION]            raw JDBC scan with Jackson readTree (RawScan), up to
 *                                               POSITION when given (the yardstick of a bounded replay)
 *   verify --db FILE                            raw JDBC scan recomputing the SHA-256 hash chain (RawVerify)
 *   export --url JDBC --user U --schema S       the same scan of a PostgreSQL store (RawPgScan)
 * </pre>
 *
 * Prints one summary line to stderr; nothing to stdout.
 */
public final class RawMain {

    private RawMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        long t0 = System.nanoTime();
        long events;
        switch (args[0]) {
            case "import" ->
                events = RawLoad.load(
                        Path.of(required(options, "--db")),
                        Path.of(required(options, "--schema")),
                        Path.of(required(options, "--csv")));
            case "export" ->
                events = options.containsKey("--url")
                        ? RawPgScan.scan(
                                required(options, "--url"), required(options, "--user"), required(options, "--schema"))
                        : RawScan.scan(
                                Path.of(required(options, "--db")),
                                options.containsKey("--to") ? Long.valueOf(options.get("--to")) : null);
            case "verify" -> events = RawVerify.verify(Path.of(required(options, "--db")));
            default -> {
                usage();
                return;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf("raw %s: %d events in %.2f s (%.0f events/s)%n", args[0], events, seconds, events / seconds);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            usage();
        }
        return value;
    }

    private static void usage() {
        System.err.println(
                "usage: raw import --db FILE --schema FILE --csv FILE | raw export --db FILE [--to POSITION]"
                        + " | raw verify --db FILE");
        System.exit(2);
    }
}
