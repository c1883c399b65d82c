package dev.eventscope.bench;

import dev.eventscope.bench.Figure.Contender;
import dev.eventscope.bench.Figure.Setup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The web console's figures (issue 20): {@code evs ui} started through scripts/evs, asked over HTTP
 * as a browser asks, on one of two stores:
 *
 * <ul>
 *   <li>{@code ui}: the base store of N events with one correlation of 1,000 events added (the
 *       generated correlations hold 1 to 8), the targets of issue 20 being the first page of
 *       streams and of a stream's events in at most 100 ms of server time, the trace page of a
 *       1,000-event correlation drawn in at most 1 s in the browser, an append visible on the
 *       overview within 1 s;
 *   <li>{@code ui-permits}: the real permit log (8,577 events) with its sample model, the store a
 *       user opens first;
 *   <li>{@code pg-ui}: the store of {@code ui} on PostgreSQL (the benchmark server), the same pages.
 * </ul>
 *
 * Figures: the time from starting {@code evs ui} to the first page answered (a new process each
 * run); the server time of each page ({@code Server-Timing}) and the time the client waited for
 * it, over one running console; the trace page loaded and drawn by headless Chromium against
 * Chromium drawing an empty page (whole processes, as the other figures); and how long after an
 * {@code evs append} process ends its new head reaches the live feed that the overview listens to.
 * Nothing is asserted: the figures go to the report, the targets beside them.
 */
final class ConsoleBench {

    static final String TRACE_CORRELATION = "bench-trace-1000";
    static final int TRACE_EVENTS = 1_000;
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** One page to time: a name for the report, its path and query, and issue 20's target. */
    record Page(String name, String path, String target) {}

    /** A store to serve (a file, or a PostgreSQL URL), its model (or null) and the pages to time on it. */
    record Target(String name, String title, String store, Path model, List<Page> pages, String tracePath) {}

    private ConsoleBench() {}

    /** The 1M (or --size) store with one 1,000-event correlation. */
    static Target large(Bench b) {
        return new Target(
                "ui",
                "the web console on the base store of " + b.events + " events and one correlation of " + TRACE_EVENTS,
                traceStore(b).toString(),
                b.model(),
                largePages(b),
                "/trace?id=" + TRACE_CORRELATION);
    }

    /**
     * The same store on PostgreSQL ({@code pg-ui}): part 1 and the 1,000-event correlation imported
     * into a schema of its own on the benchmark server, once per size.
     */
    static Target largeOnPostgres(Bench b) {
        return new Target(
                "pg-ui",
                "the web console on PostgreSQL: " + b.events + " events and one correlation of " + TRACE_EVENTS,
                PgFigures.store(tracePgSchema(b)),
                b.model(),
                largePages(b),
                "/trace?id=" + TRACE_CORRELATION);
    }

    private static List<Page> largePages(Bench b) {
        Properties sample = b.sample();
        String hot = "/stream?type=" + enc(sample.getProperty("hotAggregateType")) + "&id="
                + enc(sample.getProperty("hotAggregateId"));
        return List.of(
                new Page("overview", "/", "head within 1 s (live, below)"),
                new Page("streams, first page", "/streams", "≤ 100 ms server time"),
                new Page(
                        "streams of one type, first page",
                        "/streams?type=" + enc(sample.getProperty("hotAggregateType")),
                        "≤ 100 ms server time"),
                new Page("a stream's events, first page (the hot aggregate)", hot, "≤ 100 ms server time"),
                new Page(
                        "the hot aggregate's state now (fetched by its page apart from it)",
                        hot.replace("/stream?", "/stream/state?"),
                        ""),
                new Page("events, first page", "/events", ""),
                new Page("an event", "/event?id=" + enc(sample.getProperty("eventId")), ""),
                new Page(
                        "the trace of a " + TRACE_EVENTS + "-event correlation",
                        "/trace?id=" + TRACE_CORRELATION,
                        "drawn ≤ 1 s in the browser (Chromium figure)"));
    }

    /** The real permit log with its sample model, imported once. */
    static Target permits(Bench b) {
        String trace = "/trace?id=case-891";
        return new Target(
                "ui-permits",
                "the web console on the real permit log (8,577 events)",
                permitStore(b).toString(),
                b.repo.resolve("samples/permits/eventscope.yaml"),
                List.of(
                        new Page("overview", "/", ""),
                        new Page("streams, first page", "/streams", "≤ 100 ms server time"),
                        new Page("a case's events and states", "/stream?type=PermitApplication&id=case-891", ""),
                        new Page("the trace of a case", trace, ""),
                        new Page("lint", "/lint", ""),
                        new Page("audit of the whole store", "/audit", "")),
                trace);
    }

    static void run(Bench b, Report report, Target target, int runs, int warmup) throws Exception {
        Path log = b.logs.resolve(target.name() + ".log");
        Files.deleteIfExists(log);
        StringBuilder text = new StringBuilder("### " + target.name() + ": " + target.title() + "\n\n");
        String loadBefore = Timer.load();

        double[] firstPage = new double[runs];
        double[] printed = new double[runs];
        for (int r = -warmup; r < runs; r++) {
            long t0 = System.nanoTime();
            try (Server s = Server.start(b, target, log)) {
                double urlSeconds = (System.nanoTime() - t0) / 1e9;
                s.get("/");
                if (r >= 0) {
                    printed[r] = urlSeconds;
                    firstPage[r] = (System.nanoTime() - t0) / 1e9;
                }
            }
        }
        text.append(String.format(
                Locale.ROOT,
                "Start to first page (a new `evs ui` each run, %d runs): address printed after %.2f s,"
                        + " overview answered after %.2f s (medians; range %.2f–%.2f s).\n\n",
                runs,
                Harness.median(printed),
                Harness.median(firstPage),
                min(firstPage),
                max(firstPage)));

        try (Server s = Server.start(b, target, log)) {
            text.append("| page | server time (median) | server time (max) | client wait (median) | target |\n");
            text.append("|---|---|---|---|---|\n");
            for (Page p : target.pages()) {
                for (int w = 0; w < warmup; w++) {
                    s.get(p.path());
                }
                double[] server = new double[runs];
                double[] client = new double[runs];
                for (int r = 0; r < runs; r++) {
                    Server.Answer a = s.get(p.path());
                    server[r] = a.serverMs();
                    client[r] = a.clientMs();
                }
                text.append(String.format(
                        Locale.ROOT,
                        "| %s (`%s`) | %.1f ms | %.1f ms | %.1f ms | %s |\n",
                        p.name(),
                        p.path(),
                        Harness.median(server),
                        max(server),
                        Harness.median(client),
                        p.target()));
            }
            text.append("\n");

            double[] seen = s.live(runs, warmup);
            text.append(String.format(
                    Locale.ROOT,
                    "Live: an `evs append` (a whole process) into the served store, then its head on `/live`, the"
                            + " feed the overview listens to: %.0f ms after the process ended (median; max %.0f"
                            + " ms; target: visible within 1 s).\n\n",
                    Harness.median(seen),
                    max(seen)));

            if (Files.isExecutable(CHROMIUM)) {
                Harness.Measured drawn = Harness.measure(chromium(b, target, s), runs, warmup, b);
                report.text(text.toString());
                text.setLength(0);
                report.figure(drawn);
            } else {
                text.append("Chromium figure skipped: no " + CHROMIUM + " (apt-get install chromium).\n\n");
            }
        }
        text.append("Load average " + loadBefore + " before, " + Timer.load() + " after. Server output: "
                + b.repo.relativize(log) + "\n\n");
        report.text(text.toString());
    }

    /**
     * Headless Chromium loading the trace page (the token in the address, then the cookie) and
     * taking a screenshot once it is drawn, against the same Chromium on an empty page: the
     * difference is the page's load, layout and drawing.
     */
    private static Figure chromium(Bench b, Target target, Server s) {
        Path profile = b.work.resolve("chromium-profile");
        Path shot = b.work.resolve(target.name() + "-trace.png");
        Setup fresh = () -> {
            if (Files.exists(profile)) {
                try (var walk = Files.walk(profile)) {
                    walk.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        };
        String page = s.base() + target.tracePath().substring(1) + "&token=" + s.token();
        return new Figure(
                target.name() + "-trace-drawn",
                "headless Chromium: the trace page (" + target.tracePath() + ") loaded and drawn, against an empty"
                        + " page",
                0,
                List.of(
                        new Contender(
                                "chromium, trace page", fresh, chromiumCommand(profile, shot, page), Map.of(), null),
                        new Contender(
                                "chromium, about:blank",
                                fresh,
                                chromiumCommand(profile, shot, "about:blank"),
                                Map.of(),
                                null)));
    }

    private static List<String> chromiumCommand(Path profile, Path shot, String url) {
        return List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--hide-scrollbars",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile,
                "--screenshot=" + shot,
                url);
    }

    // ------------------------------------------------------------------ stores

    /**
     * A copy of the base store with one correlation of {@value #TRACE_EVENTS} events added: a tree
     * in which event i was caused by event (i - 1) / 3, spread over 50 aggregates, a second apart.
     */
    static Path traceStore(Bench b) {
        Path store = b.stores.resolve("evs-console.db");
        if (Files.exists(store)) {
            return store;
        }
        Harness.say("copying the base store to " + store + " and adding a correlation of " + TRACE_EVENTS
                + " events (once)");
        Path events = traceEvents(b);
        Path tmp = b.stores.resolve("evs-console.tmp.db");
        Bench.copyStore(b.evsBase(), tmp);
        b.execWithEnv(b.evs(tmp, "-q", "import", events.toString()), b.launcherEnv());
        try {
            Files.move(tmp, store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    /**
     * The schema {@code console_SIZE} on the benchmark server: part 1 and the correlation imported
     * by Eventscope (once; a schema left half-imported by a stopped run is dropped and made again).
     */
    static String tracePgSchema(Bench b) {
        String schema = "console_" + b.size;
        String done = schema + "_done";
        PgFigures.sql("CREATE TABLE IF NOT EXISTS public.bench_console_stores (name text PRIMARY KEY)");
        boolean ready;
        try (var c = java.sql.DriverManager.getConnection(PgFigures.jdbcUrl(), postgresUser());
                var st = c.prepareStatement("SELECT 1 FROM public.bench_console_stores WHERE name = ?")) {
            st.setString(1, done);
            try (var rs = st.executeQuery()) {
                ready = rs.next();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        if (ready) {
            return schema;
        }
        Harness.say("importing part 1 and a correlation of " + TRACE_EVENTS + " events into PostgreSQL schema " + schema
                + " (once)");
        PgFigures.dropSchema(schema);
        String url = PgFigures.store(schema);
        b.execWithEnv(b.launcher("--db", url, "-q", "import", b.ndjson(1).toString()), b.launcherEnv());
        b.execWithEnv(b.launcher("--db", url, "-q", "import", traceEvents(b).toString()), b.launcherEnv());
        PgFigures.sql("INSERT INTO public.bench_console_stores VALUES ('" + done + "')");
        return schema;
    }

    private static Properties postgresUser() {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return p;
    }

    /**
     * The correlation of {@value #TRACE_EVENTS} events as NDJSON (written once): a tree in which
     * event i was caused by event (i - 1) / 3, spread over 50 aggregates, a second apart.
     */
    static Path traceEvents(Bench b) {
        Path events = b.work.resolve("trace-1000.ndjson");
        if (Files.exists(events)) {
            return events;
        }
        Instant start = Instant.parse("2024-06-01T00:00:00Z");
        Path tmp = b.work.resolve("trace-1000.ndjson.tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            int[] versions = new int[50];
            for (int i = 0; i < TRACE_EVENTS; i++) {
                String cause = i == 0 ? "cmd-bench-trace" : id(((i - 1) / 3)).toString();
                int aggregate = i % 50;
                versions[aggregate]++;
                w.write("{\"eventId\":\"" + id(i) + "\",\"eventType\":\"BenchStepDone\",\"aggregateType\":\"Saga\","
                        + "\"aggregateId\":\"saga-" + aggregate + "\",\"timestamp\":\"" + start.plusSeconds(i)
                        + "\",\"payload\":{\"step\":" + i + "},\"metadata\":{\"correlationId\":\""
                        + TRACE_CORRELATION + "\",\"causationId\":\"" + cause + "\",\"userId\":\"bench\"}}\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(tmp, events, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private static UUID id(int i) {
        return UUID.nameUUIDFromBytes(("bench-trace-" + i).getBytes(StandardCharsets.UTF_8));
    }

    /** The permit log imported once: {@code -Deventscope.data=DIR}, else ../shared/data beside the repository. */
    static Path permitStore(Bench b) {
        Path store = b.stores.resolve("permits.db");
        if (Files.exists(store)) {
            return store;
        }
        String dir = System.getProperty("eventscope.data");
        Path data = (dir != null ? Path.of(dir) : b.repo.resolve("../shared/data")).resolve("receipt.ndjson");
        if (!Files.isRegularFile(data)) {
            throw new IllegalStateException("no permit log at " + data + " (pass -Deventscope.data=DIR)");
        }
        Harness.say("importing the permit log into " + store + " (once)");
        Path tmp = b.stores.resolve("permits.tmp.db");
        Bench.removeStore(tmp);
        b.execWithEnv(b.evs(tmp, "-q", "import", data.toString()), b.launcherEnv());
        try {
            Files.move(tmp, store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    // ------------------------------------------------------------------ the console

    /** A running {@code evs ui}, its address and token, and a client holding its cookie. */
    static final class Server implements AutoCloseable {

        record Answer(double serverMs, double clientMs) {}

        private final Bench bench;
        private final Target target;
        private final Process process;
        private final URI base;
        private final String token;
        private final HttpClient http;
        private String cookie;

        private Server(Bench bench, Target target, Process process, URI base, String token) {
            this.bench = bench;
            this.target = target;
            this.process = process;
            this.base = base;
            this.token = token;
            this.http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }

        static Server start(Bench b, Target target, Path log) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(
                    List.of(b.evsLauncher().toString(), "--db", target.store()));
            if (target.model() != null) {
                command.addAll(List.of("--model", target.model().toString()));
            }
            command.addAll(List.of("ui", "--port", "0"));
            Path out = Files.createTempFile(b.work, "ui-", ".out");
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(b.launcherEnv());
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.redirectOutput(out.toFile());
            pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process p = pb.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < until) {
                String first = Files.readString(out, StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse("");
                if (first.startsWith("http://") && first.contains("?token=")) {
                    Files.deleteIfExists(out);
                    URI url = URI.create(first.strip());
                    String token = url.getQuery().substring("token=".length());
                    Server s = new Server(b, target, p, URI.create(first.substring(0, first.indexOf('?'))), token);
                    s.login();
                    return s;
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("evs ui ended with exit " + p.exitValue() + "; see " + log);
                }
                Thread.sleep(5);
            }
            p.destroyForcibly();
            throw new IllegalStateException("evs ui printed no address in 120 s; see " + log);
        }

        URI base() {
            return base;
        }

        String token() {
            return token;
        }

        private void login() throws IOException, InterruptedException {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "?token=" + token)).build(),
                    HttpResponse.BodyHandlers.discarding());
            String set = r.headers()
                    .firstValue("Set-Cookie")
                    .orElseThrow(
                            () -> new IllegalStateException("evs ui set no cookie (status " + r.statusCode() + ")"));
            cookie = set.substring(0, set.indexOf(';'));
        }

        /** One page, read whole; fails on anything but 200. */
        Answer get(String pathAndQuery) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery.substring(1)))
                    .header("Cookie", cookie)
                    .build();
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double client = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(pathAndQuery + ": status " + r.statusCode());
            }
            String timing = r.headers().firstValue("Server-Timing").orElse("page;dur=NaN");
            double server = Double.parseDouble(timing.substring(timing.indexOf("dur=") + 4));
            return new Answer(server, client);
        }

        /**
         * Listens to {@code /live} and appends {@code warmup + runs} events, one process each: for
         * each counted run, the milliseconds from the append process's end to the feed's event with
         * the new head.
         */
        double[] live(int runs, int warmup) throws Exception {
            BlockingQueue<String> heads = new LinkedBlockingQueue<>();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "live"))
                    .header("Cookie", cookie)
                    .build();
            var feed = http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new LineQueue(heads)));
            try {
                String head = heads.poll(30, TimeUnit.SECONDS);
                if (head == null) {
                    throw new IllegalStateException("the live feed sent no head in 30 s");
                }
                double[] seen = new double[runs];
                for (int r = -warmup; r < runs; r++) {
                    List<String> command = bench.launcher(
                            "--db",
                            target.store(),
                            "-q",
                            "append",
                            "--type",
                            "BenchAppended",
                            "--aggregate-type",
                            "Bench",
                            "--aggregate-id",
                            "bench-live",
                            "--payload",
                            "{\"n\":1}");
                    ProcessBuilder pb = new ProcessBuilder(command);
                    pb.environment().putAll(bench.launcherEnv());
                    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                    int code = pb.start().waitFor();
                    long ended = System.nanoTime();
                    if (code != 0) {
                        throw new IllegalStateException("exit " + code + " from " + String.join(" ", command));
                    }
                    String next = heads.poll(30, TimeUnit.SECONDS);
                    if (next == null) {
                        throw new IllegalStateException("the append did not reach the live feed in 30 s");
                    }
                    if (r >= 0) {
                        seen[r] = (System.nanoTime() - ended) / 1e6;
                    }
                }
                return seen;
            } finally {
                feed.cancel(true);
            }
        }

        /** Stops it as Ctrl-C does. */
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The {@code data:} lines of the {@code head} events of a server-sent event stream, into a queue. */
    private static final class LineQueue implements java.util.concurrent.Flow.Subscriber<String> {

        private final BlockingQueue<String> heads;

        LineQueue(BlockingQueue<String> heads) {
            this.heads = heads;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        /** The type of the event being read (the feed also sends {@code letters} events, ADR 0216). */
        private String event = "message";

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                event = "message";
            } else if (line.startsWith("event: ")) {
                event = line.substring("event: ".length()).strip();
            } else if (line.startsWith("data: ") && event.equals("head")) {
                heads.add(line.substring("data: ".length()).strip());
            }
        }

        @Override
        public void onError(Throwable t) {
            // the feed closed (cancelled at the end, or the server stopped)
        }

        @Override
        public void onComplete() {
            // the server stopped
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
