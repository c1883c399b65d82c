package dev.eventscope.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eventscope.engine.Engine;
import dev.eventscope.engine.Engines;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The web console ({@code evs ui}): an HTTP server from the JDK ({@code com.sun.net.httpserver})
 * over one {@link Engines}, serving pages rendered on the server and the few assets in the jar.
 * Each request is parsed, checked by the {@link Gate}, answered by one page with an engine opened
 * for it on its own thread (ADR 0110), and closed. Nothing here reads the store directly or folds
 * anything: pages call the engine and render its values.
 *
 * <p>Started with {@link #start}; {@link #close} stops it. Thread-safe.
 */
public final class WebConsole implements AutoCloseable {

    /**
     * How to serve: the address to bind (a loopback address unless the user asks), the port (0: any
     * free one), and whether write actions (dead-letter retry and skip) exist at all.
     */
    public record Options(InetAddress bind, int port, boolean allowWrites) {
        public Options {
            if (port < 0 || port > 65_535) {
                throw new UsageException(
                        "--port must be from 0 to 65535, got " + port, "pass --port 0 (the default) for any free port");
            }
        }
    }

    /** The longest form body a write may send. */
    static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;
    private final Console console;
    private final Gate gate;
    private final Consumer<String> log;
    private final URI base;

    private WebConsole(
            HttpServer server, ExecutorService threads, Console console, Gate gate, Consumer<String> log, URI base) {
        this.server = server;
        this.threads = threads;
        this.console = console;
        this.gate = gate;
        this.log = log;
        this.base = base;
    }

    /**
     * Binds and starts serving; requests that fail unexpectedly are reported to {@code log} (one line
     * each, the stack trace only for bugs).
     *
     * @throws UsageException when the address cannot be bound (in use, not this machine's)
     */
    public static WebConsole start(Engines engines, Options options, Consumer<String> log) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 64);
        } catch (IOException e) {
            // the JDK says "Address already in use" for a taken port; anything else is about the address
            boolean taken = options.port() != 0
                    && e.getMessage() != null
                    && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("in use");
            throw new UsageException(
                    "cannot listen on " + Gate.literal(options.bind()) + ":" + options.port() + ": " + e.getMessage(),
                    taken
                            ? "another program listens on port " + options.port()
                                    + "; pick another --port, or --port 0 for any free one"
                            : "pass --bind with an address of this machine (127.0.0.1 or 0.0.0.0 always are)");
        }
        int port = server.getAddress().getPort();
        Gate gate = new Gate(Gate.newToken(), Gate.newToken(), Gate.hostsFor(options.bind(), port), port);
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "evs-ui-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        String host = options.bind().isAnyLocalAddress() ? "127.0.0.1" : Gate.literal(options.bind());
        URI base = URI.create("http://" + host + ":" + port + "/");
        Console console = new Console(engines, options.allowWrites(), gate.csrf(), new HeadWatch(engines));
        WebConsole web = new WebConsole(server, threads, console, gate, log, base);
        server.setExecutor(threads);
        server.createContext("/", web::handle);
        server.start();
        return web;
    }

    /** The console's address without the token. */
    public URI address() {
        return base;
    }

    /** The address to open: with the token, which the first visit turns into a cookie. */
    public URI url() {
        return URI.create(base + "?" + Gate.TOKEN_PARAM + "=" + gate.token());
    }

    /** Stops serving: open connections (live pages) are closed. */
    @Override
    public void close() {
        console.watch().close();
        server.stop(0);
        threads.shutdownNow();
    }

    // ------------------------------------------------------------------ one request

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            long start = System.nanoTime();
            Response r;
            try {
                r = answer(ex);
            } catch (EventscopeException e) {
                r = Layout.error(console, e);
            } catch (RuntimeException | Error e) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                log.accept("evs ui: internal error on " + ex.getRequestMethod() + " "
                        + ex.getRequestURI().getRawPath() + " (a bug):\n"
                        + trace.toString().stripTrailing());
                r = Layout.internalError(console);
            }
            if (r != null) {
                // the server's own time for the answer, for the browser's developer tools and bench/run ui
                send(
                        ex,
                        r.withHeader(
                                "Server-Timing",
                                String.format(
                                        java.util.Locale.ROOT, "page;dur=%.1f", (System.nanoTime() - start) / 1e6)));
            }
        } catch (IOException e) {
            // the browser went away: nothing to answer
        }
    }

    /** The response, or null when the page wrote it itself (the live feed). */
    private Response answer(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        if (!gate.hostAllowed(ex.getRequestHeaders().getFirst("Host"))) {
            return Response.text(
                    421,
                    "evs ui: this console does not answer to that host name; open the address" + " 'evs ui' printed\n");
        }
        boolean get = method.equals("GET") || method.equals("HEAD");
        if (!get && !method.equals("POST")) {
            return Response.text(405, "evs ui: method not allowed\n").withHeader("Allow", "GET, HEAD, POST");
        }
        String path = uri.getRawPath();
        if (Assets.has(path)) {
            // stylesheets and scripts are not secret, and a page's own assets load with its cookie anyway
            return Assets.get(path);
        }
        boolean cookie = gate.hasCookie(ex.getRequestHeaders().get("Cookie"));
        if (!cookie) {
            String given = Request.of("GET", uri, null).raw(Gate.TOKEN_PARAM);
            if (get && gate.isToken(given)) {
                return Response.seeOther(withoutToken(uri)).withHeader("Set-Cookie", gate.cookie());
            }
            return Layout.unauthorized(console);
        }
        if (get) {
            Request request = Request.of(method, uri, null);
            if (path.equals("/live")) {
                console.watch().serve(ex);
                return null;
            }
            return Pages.get(console, request, this::engine);
        }
        if (!console.allowWrites()) {
            return Layout.notFound(
                    console, "there are no write actions: the console was started without" + " --allow-writes");
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Response.text(415, "evs ui: a write is a form post\n");
        }
        Request request = Request.of(method, uri, body(ex.getRequestBody()));
        if (!gate.writeAllowed(
                request.raw(Gate.CSRF_FIELD),
                ex.getRequestHeaders().getFirst("Origin"),
                ex.getRequestHeaders().getFirst("Host"))) {
            return Response.text(
                    403,
                    "evs ui: this form is not from this console (its CSRF token or origin is"
                            + " wrong); reload the page and try again\n");
        }
        return Pages.post(console, request, this::engine);
    }

    private Engine engine() {
        return console.engines().open();
    }

    private static String body(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_BODY + 1);
        if (b.length > MAX_BODY) {
            throw new UsageException("the form is larger than " + MAX_BODY + " bytes");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The request's path and query without the token parameter. */
    static String withoutToken(URI uri) {
        String query = uri.getRawQuery();
        StringBuilder kept = new StringBuilder();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.equals(Gate.TOKEN_PARAM) || pair.startsWith(Gate.TOKEN_PARAM + "=") || pair.isEmpty()) {
                    continue;
                }
                kept.append(kept.length() == 0 ? "?" : "&").append(pair);
            }
        }
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || path.startsWith("//")) {
            path = "/";
        }
        return path + kept;
    }

    static void send(HttpExchange ex, Response r) throws IOException {
        var h = ex.getResponseHeaders();
        Headers.secure(h);
        h.set("Content-Type", r.contentType());
        r.headers().forEach(h::set);
        boolean head = ex.getRequestMethod().equals("HEAD");
        byte[] body = r.body();
        if (head || body.length == 0) {
            ex.sendResponseHeaders(r.status(), -1);
            return;
        }
        ex.sendResponseHeaders(r.status(), body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** The security headers every response carries. */
    static final class Headers {

        static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

        private Headers() {}

        static void secure(com.sun.net.httpserver.Headers h) {
            h.set("Content-Security-Policy", CSP);
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Referrer-Policy", "same-origin");
            h.set("Cross-Origin-Opener-Policy", "same-origin");
            h.set("Cross-Origin-Resource-Policy", "same-origin");
            h.set("Cache-Control", "no-store");
        }

        static List<String> names() {
            return List.of(
                    "Content-Security-Policy",
                    "X-Content-Type-Options",
                    "X-Frame-Options",
                    "Referrer-Policy",
                    "Cross-Origin-Opener-Policy",
                    "Cross-Origin-Resource-Policy",
                    "Cache-Control");
        }
    }
}
