package dev.eventscope.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eventscope.engine.Engines;
import dev.eventscope.engine.Workspace;
import dev.eventscope.event.EventJson;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.web.WebConsole;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console's requests ({@code evs ui}): one console over a copy of the orders store and its
 * model, with write actions on, served in this JVM on a loopback port; each input becomes one HTTP
 * request written to a socket as a browser (or an attacker) could send it: any method, path, query,
 * Host, cookie, token, Origin, content type and form body. The answer must be a well-formed HTTP
 * response with a documented status (never 500), carry the security headers, show no stack trace,
 * reflect no input as markup, and follow the gate's rules (ADR 0170): a foreign Host gets 421, no
 * page without the cookie (only the assets, and the token's redirect that sets the cookie), no write
 * without the form's CSRF token. Nothing may reach the console's log of internal errors.
 */
class WebConsoleFuzzTest {

    private static final List<String> ROUTES = List.of(
            "/",
            "/streams",
            "/stream",
            "/events",
            "/event",
            "/trace",
            "/bisect",
            "/whatif",
            "/dlq",
            "/dlq/letter",
            "/lint",
            "/audit",
            "/live",
            "/dlq/retry",
            "/dlq/skip",
            "/assets/console.css",
            "/assets/console.js",
            "/assets/favicon.svg",
            "/assets/../README.md",
            "/nowhere");

    private static final List<String> PARAMETERS = List.of(
            "type",
            "aggregateType",
            "aggregateId",
            "id",
            "position",
            "version",
            "limit",
            "from",
            "fromPosition",
            "toPosition",
            "at",
            "asOf",
            "since",
            "until",
            "where",
            "when",
            "after",
            "afterId",
            "afterType",
            "prefix",
            "scope",
            "status",
            "handler",
            "insert",
            "replace",
            "drop",
            "with",
            "rule",
            "examples",
            "maxEvents",
            "maxPayloadBytes",
            "maxRecordLag",
            "correlationId",
            "causationId",
            "user",
            "diffFrom",
            "diffTo",
            "raw",
            "all",
            "follow",
            "reverse",
            "reason",
            "csrf",
            "token");

    /** The statuses the console documents (ADR 0170, Layout.status); the JDK's server adds 4xx of its own. */
    private static final Set<Integer> DOCUMENTED = Set.of(200, 303, 400, 401, 403, 404, 405, 409, 415, 421, 503);

    private static final Set<String> ASSETS =
            Set.of("/assets/console.css", "/assets/console.js", "/assets/favicon.svg");

    private static final List<String> SECURITY_HEADERS = List.of(
            "content-security-policy",
            "x-content-type-options",
            "x-frame-options",
            "referrer-policy",
            "cross-origin-opener-policy",
            "cross-origin-resource-policy",
            "cache-control");

    /**
     * The elements a page may hold: those the console writes (pages, forms, the trace drawing) and
     * other harmless ones. An element outside it, an inline script, an event-handler attribute or a
     * javascript: URL can only be input that was not escaped.
     */
    private static final Set<String> ELEMENTS = Set.of(
            "a",
            "abbr",
            "b",
            "body",
            "br",
            "button",
            "caption",
            "circle",
            "code",
            "col",
            "colgroup",
            "datalist",
            "dd",
            "defs",
            "del",
            "details",
            "dfn",
            "div",
            "dl",
            "dt",
            "ellipse",
            "em",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "g",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "head",
            "header",
            "hr",
            "html",
            "i",
            "input",
            "ins",
            "kbd",
            "label",
            "legend",
            "li",
            "line",
            "link",
            "main",
            "mark",
            "marker",
            "meta",
            "meter",
            "nav",
            "ol",
            "optgroup",
            "option",
            "output",
            "p",
            "path",
            "polygon",
            "polyline",
            "pre",
            "progress",
            "q",
            "rect",
            "s",
            "samp",
            "script",
            "section",
            "select",
            "small",
            "span",
            "strong",
            "style",
            "sub",
            "summary",
            "sup",
            "svg",
            "table",
            "tbody",
            "td",
            "text",
            "textarea",
            "tfoot",
            "th",
            "thead",
            "time",
            "title",
            "tr",
            "tspan",
            "u",
            "ul",
            "var",
            "wbr");

    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][^\\s/>]*)([^>]*)>?");
    private static final Pattern ATTRIBUTE =
            Pattern.compile("([^\\s=\"'>/]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href");
    private static final Pattern HANDLER = Pattern.compile("\\s[oO][nN][a-zA-Z]+\\s*=");
    /** A frame of a Java stack trace, or a qualified exception class name. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "at [a-z][\\w$]*(?:\\.[\\w$]+)+\\([\\w$]*\\.java:\\d+\\)|\\b[a-z]\\w*(?:\\.[a-z]\\w*)+\\.[A-Z]\\w*(?:Exception|Error)\\b");

    private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
    private static WebConsole web;

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "<evs-x>",
        "\"><evs-x a=",
        "' onmouseover='",
        "<script>",
        "javascript:",
        "%3C",
        "%22",
        "%25",
        "%00",
        "&",
        "=",
        "Order",
        "order-0001",
        "OrderPlaced",
        ".payload.total > 10",
        "2024-01-20T10:00:00Z",
        "-2h",
        "9223372036854775807"
    })
    void request(FuzzedDataProvider data) {
        WebConsole console = console();
        int port = console.address().getPort();
        String self = "127.0.0.1:" + port;
        String token = console.url().getQuery().substring("token=".length());
        String cookieName = "evs_session_" + port;

        String method = switch (data.consumeInt(0, 7)) {
            case 0, 1 -> "GET";
            case 2 -> "HEAD";
            case 3, 4 -> "POST";
            case 5 -> "PUT";
            case 6 -> "OPTIONS";
            default -> token(data.consumeString(8));
        };
        String target0 = data.consumeBoolean()
                ? ROUTES.get(data.consumeInt(0, ROUTES.size() - 1))
                : "/" + data.consumeString(40);
        // the path the server sees: a ? or # in the fuzzed text starts the query
        String path = target0.split("[?#]", 2)[0];
        List<String> query = new ArrayList<>();
        int auth = data.consumeInt(0, 4);
        if (auth == 2) {
            query.add("token=" + token);
        } else if (auth == 3) {
            query.add("token=" + encode(data.consumeString(50)));
        }
        int n = data.consumeInt(0, 5);
        for (int i = 0; i < n; i++) {
            query.add(pair(data));
        }
        String host = switch (data.consumeInt(0, 7)) {
            case 0, 1, 2 -> self;
            case 3 -> "localhost:" + port;
            case 4 -> "[::1]:" + port;
            case 5 -> null;
            case 6 -> "evil.example:" + port;
            default -> headerValue(data.consumeString(40));
        };
        String cookie = switch (auth) {
            case 0 -> cookieName + "=" + token;
            case 1 -> data.consumeBoolean() ? cookieName + "=" + headerValue(data.consumeString(50)) : null;
            default -> null;
        };
        String origin = switch (data.consumeInt(0, 3)) {
            case 0 -> null;
            case 1 -> "http://" + host;
            case 2 -> "http://evil.example";
            default -> headerValue(data.consumeString(40));
        };
        boolean form = data.consumeBoolean();
        List<String> fields = new ArrayList<>();
        int f = data.consumeInt(0, 4);
        for (int i = 0; i < f; i++) {
            fields.add(pair(data));
        }
        if (data.consumeBoolean()) {
            fields.add("csrf=" + encode(data.consumeString(50)));
        }
        boolean rawQuery = data.consumeBoolean();
        String q = String.join("&", query);
        String target = requestTarget(target0) + (q.isEmpty() ? "" : "?" + (rawQuery ? q : requestTarget(q)));

        Map<String, String> headers = new LinkedHashMap<>();
        if (host != null) {
            headers.put("Host", host);
        }
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        if (origin != null) {
            headers.put("Origin", origin);
        }
        byte[] body = new byte[0];
        if (method.equals("POST") || method.equals("PUT")) {
            body = String.join("&", fields).getBytes(StandardCharsets.UTF_8);
            headers.put(
                    "Content-Type", form ? "application/x-www-form-urlencoded" : headerValue(data.consumeString(30)));
            headers.put("Content-Length", Integer.toString(body.length));
        }

        LOG.clear();
        Answer answer = send(port, method, target, headers, body);
        String request = method + " " + target + " " + headers + "\n" + new String(body, StandardCharsets.UTF_8);
        String sent = request + "\n" + decoded(request) + "\n" + decoded(request.replace('+', ' '));
        check(answer, request, sent, host, self, port, method, path, cookie, cookieName, token, auth);
    }

    private static void check(
            Answer a,
            String request,
            String sent,
            String host,
            String self,
            int port,
            String method,
            String path,
            String cookie,
            String cookieName,
            String token,
            int auth) {
        synchronized (LOG) {
            if (!LOG.isEmpty()) {
                throw Outcome.finding("the console logged an internal error", request, String.join("\n", LOG));
            }
        }
        if (a == null) {
            throw Outcome.finding("no HTTP response (the connection closed or timed out)", request);
        }
        if (a.status() == 500) {
            throw Outcome.finding("500 for a request", request, a);
        }
        // the console's answers carry its headers (the live feed writes its own, without a timing)
        boolean ours = a.header("server-timing") != null
                || stream(a.header("content-type"))
                || a.header("content-security-policy") != null;
        if (!ours) {
            // the JDK's server refused what is not HTTP before the console saw it
            if (a.status() < 400 || a.status() > 499) {
                throw Outcome.finding("an answer not from the console that is not a 4xx refusal", request, a);
            }
            return;
        }
        if (!DOCUMENTED.contains(a.status())) {
            throw Outcome.finding("an undocumented status " + a.status(), request, a);
        }
        for (String h : SECURITY_HEADERS) {
            if (a.header(h) == null) {
                throw Outcome.finding("an answer without the header " + h, request, a);
            }
        }
        boolean hostAllowed = host != null
                && Set.of(self, "localhost:" + port, "[::1]:" + port)
                        .contains(host.trim().toLowerCase(Locale.ROOT));
        if (!hostAllowed && a.status() != 421) {
            throw Outcome.finding("a request for another host got " + a.status() + ", not 421", request, a);
        }
        if (hostAllowed && a.status() == 421) {
            throw Outcome.finding("a request for the console's own host got 421", request, a);
        }
        boolean allowedMethod = method.equals("GET") || method.equals("HEAD") || method.equals("POST");
        if (hostAllowed && !allowedMethod && a.status() != 405) {
            throw Outcome.finding("the method " + method + " got " + a.status() + ", not 405", request, a);
        }
        boolean hasCookie = auth == 0 && cookie != null && cookie.equals(cookieName + "=" + token);
        boolean asset = ASSETS.contains(path);
        if (a.status() == 200 && !hasCookie && !asset) {
            throw Outcome.finding("a page without the session cookie", request, a);
        }
        if (a.status() == 303) {
            String location = a.header("location");
            if (!hasCookie && !(auth == 2 && (method.equals("GET") || method.equals("HEAD")))) {
                throw Outcome.finding("a redirect without the cookie or the token", request, a);
            }
            if (!hasCookie && a.header("set-cookie") == null) {
                throw Outcome.finding("the token's redirect sets no cookie", request, a);
            }
            if (location == null
                    || !location.startsWith("/")
                    || location.startsWith("//")
                    || location.contains("\\")
                    || Pattern.compile("[?&]token(?:=|&|$)").matcher(location).find()) {
                throw Outcome.finding("a redirect out of the console or with the token in it: " + location, request, a);
            }
        }
        if (method.equals("POST") && hasCookie && !asset && (a.status() == 200 || a.status() == 303)) {
            // the harness never knows the form's CSRF token: no write may go ahead (assets answer any method)
            throw Outcome.finding("a write without the form's CSRF token went ahead", request, a);
        }
        Matcher trace = STACK_TRACE.matcher(a.body());
        while (trace.find()) {
            // the request's own text, echoed (escaped) in a message, is no stack trace
            if (!sent.contains(trace.group())) {
                throw Outcome.finding("a stack trace in the answer: " + trace.group(), request, a);
            }
        }
        String type = a.header("content-type");
        if (type != null && type.startsWith("text/html")) {
            requireNoInjectedMarkup(a.body(), request, a);
        }
    }

    private static void requireNoInjectedMarkup(String html, String request, Answer a) {
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            // what an attribute value holds is text: only the names outside quotes are markup
            String attributes = tag.group(3).replaceAll("\"[^\"]*\"|'[^']*'", "\"\"");
            if (!ELEMENTS.contains(name)) {
                throw Outcome.finding("an element <" + name + "> in the page: input reflected as markup", request, a);
            }
            if (HANDLER.matcher(" " + attributes).find()) {
                throw Outcome.finding("an event-handler attribute in <" + name + attributes + ">", request, a);
            }
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            while (attribute.find()) {
                String value = attribute.group(3) != null
                        ? attribute.group(3)
                        : attribute.group(4) != null ? attribute.group(4) : attribute.group(5);
                if (URL_ATTRIBUTES.contains(attribute.group(1).toLowerCase(Locale.ROOT))
                        && value.strip().toLowerCase(Locale.ROOT).startsWith("javascript:")) {
                    throw Outcome.finding("a javascript: URL in <" + name + ">", request, a);
                }
            }
            if (name.equals("script") && tag.group(1).isEmpty() && !tag.group(3).contains(" src=\"/assets/")) {
                throw Outcome.finding("an inline script", request, a);
            }
        }
    }

    /** A query or form parameter: a known name or any, with any value, %-encoded or nearly raw. */
    private static String pair(FuzzedDataProvider data) {
        String name = data.consumeBoolean()
                ? PARAMETERS.get(data.consumeInt(0, PARAMETERS.size() - 1))
                : data.consumeString(12);
        String value = data.consumeString(200);
        return data.consumeBoolean() ? encode(name) + "=" + encode(value) : name + "=" + value;
    }

    /** {@code s} with every well-formed %-escape decoded (as UTF-8), the others left as they are. */
    private static String decoded(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            int hi = i + 2 < b.length ? Character.digit(b[i + 1], 16) : -1;
            int lo = i + 2 < b.length ? Character.digit(b[i + 2], 16) : -1;
            if (b[i] == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Text as it can stand in a request line: what would end or split the line (space, CR, LF, other
     * controls) and what is not ASCII is %-escaped as UTF-8; every other character stays as it is,
     * a lone {@code %} or {@code <} included.
     */
    private static String requestTarget(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f) {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** A method name: letters only (anything else would change how the request line splits). */
    private static String token(String s) {
        String letters = s.replaceAll("[^A-Za-z]", "");
        return letters.isEmpty() ? "X" : letters;
    }

    /** A header value: without CR, LF or other controls (which would end it), ASCII only. */
    private static String headerValue(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c >= 0x7f ? '?' : c);
        }
        return out.toString();
    }

    /** The console, started once per JVM over a copy of the orders store. */
    private static synchronized WebConsole console() {
        if (web == null) {
            java.nio.file.Path dir = Evs.scratch("web");
            Fixtures.copyOrdersStore(dir);
            Engines engines = new Engines(new Workspace.Settings(
                    StoreLocator.file(dir.resolve("events.db")),
                    Fixtures.ordersModel(),
                    ZoneOffset.UTC,
                    StoreOptions.DEFAULT_BUSY_TIMEOUT,
                    EventJson.DEFAULT_MAX_PAYLOAD));
            web = WebConsole.start(
                    engines, new WebConsole.Options(InetAddress.getLoopbackAddress(), 0, true), line -> LOG.add(line));
            WebConsole started = web;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return web;
    }

    /** What came back: the status, the headers (names in lower case) and the body as text. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + headers + "\n"
                    + (body.length() > 3000 ? body.substring(0, 3000) + "…" : body);
        }
    }

    /** One request over a fresh connection to the console, exactly as built; null when nothing came back. */
    private static Answer send(int port, String method, String target, Map<String, String> headers, byte[] body) {
        try (SilentCloseable loopbackOnly = BugDetectors.allowNetworkConnections((h, p) ->
                        p == port && Set.of("localhost", "127.0.0.1", "::1").contains(h));
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(15_000);
            StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return read(s.getInputStream(), method.equals("HEAD"));
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        String status = line(in);
        if (status == null) {
            return null;
        }
        Matcher m = Pattern.compile("HTTP/1\\.1 (\\d{3})( .*)?").matcher(status);
        if (!m.matches()) {
            throw Outcome.finding("a malformed status line: " + status);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = line(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw Outcome.finding("a malformed header line: " + line);
            }
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        if (line == null) {
            throw Outcome.finding("the headers of the answer do not end");
        }
        int code = Integer.parseInt(m.group(1));
        String type = headers.get("content-type");
        byte[] body = new byte[0];
        if (!head && !stream(type)) {
            String length = headers.get("content-length");
            if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = in.readAllBytes();
            } else {
                body = chunked(in);
            }
        }
        return new Answer(code, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** The live feed: it does not end, so only its headers are read. */
    private static boolean stream(String contentType) {
        return contentType != null && contentType.startsWith("text/event-stream");
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String size;
        while ((size = line(in)) != null) {
            int n = Integer.parseInt(size.trim().split(";")[0], 16);
            if (n == 0) {
                break;
            }
            out.write(in.readNBytes(n));
            line(in);
        }
        return out.toByteArray();
    }

    /** One line ending in CRLF (or LF), without it; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
