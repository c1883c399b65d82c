package dev.eventscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.engine.ProcessService;
import dev.eventscope.engine.TestStore;
import dev.eventscope.event.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over HTTP, in process: who gets in, what every answer carries, what exists without writes. */
class WebConsoleTest {

    static final String MODEL = String.join(
            "\n",
            "aggregates:",
            "  Order:",
            "    initial: {status: NEW}",
            "    reducers:",
            "      OrderPlaced: '$state | {\"status\": \"PLACED\", * : .}'",
            "handlers:",
            "  fails:",
            "    kind: exec",
            "    command: [sh, -c, 'exit 3']",
            "    types: [OrderPlaced]",
            "    retry: {attempts: 1, backoff: 1ms}",
            "");

    @TempDir
    Path dir;

    TestStore store;
    WebConsole web;
    List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void a_store_with_an_order() {
        store = TestStore.in(dir, MODEL).append(event("OrderPlaced", "o-1"));
    }

    @AfterEach
    void stop() {
        log.forEach(System.err::println);
        if (web != null) {
            web.close();
        }
        store.close();
    }

    static String event(String type, String id) {
        var o = Json.object();
        o.put("eventType", type).put("aggregateType", "Order").put("aggregateId", id);
        o.putObject("payload").put("note", "<b>bold</b>");
        return Json.write(o);
    }

    private void start(boolean writes) {
        web = WebConsole.start(
                store.engines(), new WebConsole.Options(InetAddress.getLoopbackAddress(), 0, writes), log::add);
    }

    private String host() {
        return "127.0.0.1:" + web.address().getPort();
    }

    private String token() {
        String q = web.url().getQuery();
        return q.substring("token=".length());
    }

    /** The cookie the first visit sets: the token under a name that ends with the port. */
    private String cookie() {
        return "evs_session_" + web.address().getPort() + "=" + token();
    }

    private Answer get(String path) {
        return send("GET", path, host(), cookie(), null, null);
    }

    /** One request over a fresh connection, exactly as written. */
    private Answer send(String method, String path, String host, String cookie, String origin, String form) {
        try (Socket s =
                new Socket(InetAddress.getLoopbackAddress(), web.address().getPort())) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (host != null) {
                req.append("Host: ").append(host).append("\r\n");
            }
            if (cookie != null) {
                req.append("Cookie: ").append(cookie).append("\r\n");
            }
            if (origin != null) {
                req.append("Origin: ").append(origin).append("\r\n");
            }
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            if (form != null) {
                req.append("Content-Type: application/x-www-form-urlencoded\r\n");
                req.append("Content-Length: ").append(body.length).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return Answer.read(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {

        static Answer read(InputStream in) throws IOException {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String status = r.readLine();
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while ((line = r.readLine()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            StringBuilder body = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) > 0) {
                body.append(buf, 0, n);
            }
            return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body.toString());
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    @Nested
    class when_a_browser_comes_without_the_cookie {

        @Test
        void without_the_token_it_gets_401_and_how_to_get_in() {
            start(false);

            Answer a = send("GET", "/", host(), null, null, null);

            assertThat(a.status()).isEqualTo(401);
            assertThat(a.body()).contains("This console needs its token.").doesNotContain(token());
        }

        @Test
        void with_the_token_it_gets_the_cookie_and_is_sent_on_without_the_token_in_the_address() {
            start(false);

            Answer a = send("GET", "/streams?token=" + token() + "&type=Order", host(), null, null, null);

            assertThat(a.status()).isEqualTo(303);
            assertThat(a.header("Location")).isEqualTo("/streams?type=Order");
            assertThat(a.header("Set-Cookie")).isEqualTo(cookie() + "; Path=/; HttpOnly; SameSite=Strict");
        }

        @Test
        void a_wrong_token_or_cookie_gets_nothing() {
            start(false);

            assertThat(send("GET", "/?token=nope", host(), null, null, null).status())
                    .isEqualTo(401);
            assertThat(send("GET", "/", host(), "evs_session_" + web.address().getPort() + "=nope", null, null)
                            .status())
                    .isEqualTo(401);
        }
    }

    @Nested
    class when_the_host_is_not_the_console_s {

        @Test
        void every_request_is_refused_even_with_the_cookie() {
            start(false);
            int port = web.address().getPort();

            for (String host :
                    List.of("evil.example:" + port, "127.0.0.1:" + (port + 1), "localhost.evil.example:" + port)) {
                Answer a = send("GET", "/", host, cookie(), null, null);
                assertThat(a.status()).as(host).isEqualTo(421);
                assertThat(a.body()).doesNotContain("Overview");
            }
            assertThat(send("GET", "/", null, cookie(), null, null).status()).isIn(400, 421);
            assertThat(send("GET", "/", "localhost:" + port, cookie(), null, null)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Nested
    class every_answer {

        @Test
        void carries_a_policy_without_inline_scripts_nosniff_and_no_framing() {
            start(false);

            for (Answer a : List.of(
                    get("/"),
                    get("/nowhere"),
                    send("GET", "/", host(), null, null, null),
                    get("/assets/console.css"))) {
                assertThat(a.header("Content-Security-Policy"))
                        .isEqualTo("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                                + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
                assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(a.header("X-Frame-Options")).isEqualTo("DENY");
                assertThat(a.header("Referrer-Policy")).isEqualTo("same-origin");
            }
        }

        @Test
        void says_how_long_the_server_took_in_a_server_timing_header() {
            start(false);

            for (Answer a : List.of(get("/"), get("/streams"), get("/nowhere"))) {
                assertThat(a.header("Server-Timing")).matches("page;dur=[0-9]+\\.[0-9]");
            }
        }

        @Test
        void of_a_page_is_html_without_any_inline_script_or_style() {
            start(false);

            for (String path : List.of(
                    "/",
                    "/streams",
                    "/stream?id=o-1",
                    "/stream/state?id=o-1",
                    "/events",
                    "/event?id=1",
                    "/trace?id=1",
                    "/bisect?id=o-1&when=true",
                    "/whatif?id=o-1",
                    "/dlq",
                    "/lint",
                    "/audit",
                    "/sagas",
                    "/commands",
                    "/exec")) {
                Answer a = get(path);
                assertThat(a.status()).as(path).isEqualTo(200);
                assertThat(a.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
                assertThat(a.body().replace("<script src=\"/assets/console.js\" defer></script>", ""))
                        .as(path)
                        .doesNotContain("<script")
                        .doesNotContain(" style=")
                        .doesNotContain("<style")
                        .doesNotContainIgnoringCase("javascript:")
                        .doesNotContain(" onclick=")
                        .doesNotContain(" onload=");
            }
            assertThat(log).isEmpty();
        }

        @Test
        void escapes_what_the_log_holds() {
            store.append(event("<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>"));
            start(false);

            String events = get("/events").body();
            String event = get("/event?id=2").body();

            assertThat(events).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<img src=x");
            assertThat(event)
                    .contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;")
                    .doesNotContain("<script>alert");
            assertThat(event).contains("&lt;b&gt;bold&lt;/b&gt;");
        }
    }

    @Nested
    class when_asking_for_files {

        @Test
        void the_assets_come_from_the_jar_with_their_types() {
            start(false);

            assertThat(get("/assets/console.css").header("Content-Type")).isEqualTo("text/css; charset=utf-8");
            assertThat(get("/assets/console.js").header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
            assertThat(get("/assets/favicon.svg").header("Content-Type")).isEqualTo("image/svg+xml");
        }

        @Test
        void there_is_no_directory_listing_and_no_way_up() {
            start(false);

            for (String path : List.of(
                    "/assets/",
                    "/assets",
                    "/assets/../pom.xml",
                    "/assets/..%2f..%2fpom.xml",
                    "/assets/%2e%2e/%2e%2e/pom.xml",
                    "/assets/console.css/",
                    "/assets//console.css",
                    "/dev/eventscope/web/assets/console.js",
                    "/../../etc/passwd",
                    "/assets/Console.css")) {
                Answer a = get(path);
                assertThat(a.status()).as(path).isEqualTo(404);
                assertThat(a.body())
                        .as(path)
                        .doesNotContain("<project")
                        .doesNotContain("root:")
                        .doesNotContain(":root");
            }
        }
    }

    @Nested
    class when_writing {

        private long parkedLetter() {
            store.engine()
                    .processing()
                    .process(new ProcessService.ProcessOptions("fails", 10, false, Duration.ofMillis(100), null, null));
            return store.engine()
                    .deadLetters()
                    .list(new dev.eventscope.engine.DeadLetterService.ListOptions(null, null, "parked", null))
                    .get(0)
                    .id();
        }

        @Test
        void without_allow_writes_there_are_no_forms_and_no_write_actions() {
            long id = parkedLetter();
            start(false);

            String letter = get("/dlq/letter?id=" + id).body();
            Answer post = send("POST", "/dlq/skip", host(), cookie(), null, "id=" + id + "&reason=x");

            assertThat(letter)
                    .contains("Read-only")
                    .doesNotContain("<form method=\"post\"")
                    .doesNotContain("name=\"csrf\"");
            assertThat(post.status()).isEqualTo(404);
            assertThat(store.engine().deadLetters().show(id).letter().status().label())
                    .isEqualTo("parked");
        }

        @Test
        void a_post_without_the_csrf_token_or_from_another_origin_is_refused() {
            long id = parkedLetter();
            start(true);
            String csrf = csrf(get("/dlq/letter?id=" + id).body());

            Answer none = send("POST", "/dlq/skip", host(), cookie(), null, "id=" + id + "&reason=x");
            Answer wrong =
                    send("POST", "/dlq/skip", host(), cookie(), null, "id=" + id + "&reason=x&csrf=" + csrf + "x");
            Answer elsewhere = send(
                    "POST",
                    "/dlq/skip",
                    host(),
                    cookie(),
                    "http://evil.example",
                    "id=" + id + "&reason=x&csrf=" + csrf);
            Answer noCookie = send("POST", "/dlq/skip", host(), null, null, "id=" + id + "&reason=x&csrf=" + csrf);

            assertThat(none.status()).isEqualTo(403);
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(elsewhere.status()).isEqualTo(403);
            assertThat(noCookie.status()).isEqualTo(401);
            assertThat(store.engine().deadLetters().show(id).letter().status().label())
                    .isEqualTo("parked");
        }

        @Test
        void a_post_from_the_console_s_own_form_skips_the_letter() {
            long id = parkedLetter();
            start(true);
            String csrf = csrf(get("/dlq/letter?id=" + id).body());

            Answer a = send(
                    "POST",
                    "/dlq/skip",
                    host(),
                    cookie(),
                    "http://" + host(),
                    "id=" + id + "&reason=test+order&csrf=" + csrf);

            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).contains("Letter " + id + " is skipped: test order");
            assertThat(store.engine().deadLetters().show(id).letter().status().label())
                    .isEqualTo("skipped");
        }

        @Test
        void other_methods_are_not_allowed() {
            start(true);

            Answer a = send("PUT", "/", host(), cookie(), null, "x=1");

            assertThat(a.status()).isEqualTo(405);
            assertThat(a.header("Allow")).isEqualTo("GET, HEAD, POST");
        }

        private String csrf(String page) {
            int at = page.indexOf("name=\"csrf\" value=\"");
            assertThat(at).as("the letter page has a form with a CSRF token").isPositive();
            int from = at + "name=\"csrf\" value=\"".length();
            return page.substring(from, page.indexOf('"', from));
        }
    }

    @Nested
    class when_the_engine_says_no {

        @Test
        void the_page_says_what_and_the_status_is_the_failure_s() {
            start(false);

            Answer missing = get("/event?id=999");
            Answer usage = get("/stream");
            Answer nothing = get("/nowhere");

            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body()).contains("no event 999 in the store");
            assertThat(usage.status()).isEqualTo(400);
            assertThat(nothing.status()).isEqualTo(404);
            assertThat(log).isEmpty();
        }
    }

    @Nested
    class when_a_stream_is_longer_than_a_page_folds {

        @BeforeEach
        void a_long_order() {
            List<String> events = new ArrayList<>();
            for (long i = 1; i <= StreamPage.FOLD_WITH_PAGE; i++) {
                events.add(event(i % 2 == 0 ? "OrderPlaced" : "OrderNoted", "o-1"));
            }
            store.append("[" + String.join(",", events) + "]");
        }

        @Test
        void its_first_page_leaves_the_state_to_a_request_of_its_own_which_answers_as_evs_state() {
            start(false);

            Answer page = get("/stream?type=Order&id=o-1");
            Answer state = get("/stream/state?type=Order&id=o-1");
            Answer atCut = get("/stream/state?type=Order&id=o-1&version=3");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body())
                    .doesNotContain("id=\"state-json\"")
                    .contains("data-defer=\"/stream/state?type=Order&amp;id=o-1\"")
                    .contains((StreamPage.FOLD_WITH_PAGE + 1) + " events to fold")
                    .contains("id=\"v50\"")
                    .doesNotContain("id=\"v51\"");
            assertThat(state.status()).isEqualTo(200);
            assertThat(state.body())
                    .contains("id=\"stream-state\"")
                    .contains("id=\"state-json\"")
                    .contains("<code id=\"state-cut\">--position " + (StreamPage.FOLD_WITH_PAGE + 1) + "</code>");
            assertThat(atCut.body()).contains("<code id=\"state-cut\">--version 3</code>");
            assertThat(log).isEmpty();
        }

        @Test
        void a_cut_early_in_it_is_folded_on_the_page() {
            start(false);

            Answer page = get("/stream?type=Order&id=o-1&version=10");

            assertThat(page.body()).contains("id=\"state-json\"").doesNotContain("data-defer=");
        }
    }

    @Nested
    class when_a_trace_has_more_events_than_its_table_shows {

        @Test
        void the_drawing_has_them_all_as_links_and_the_table_the_first_rows_and_a_link_to_the_rest() {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < TracePage.ROWS + 5; i++) {
                var o = Json.object();
                o.put("eventType", "OrderNoted").put("aggregateType", "Order").put("aggregateId", "o-" + (i % 7));
                o.putObject("payload").put("i", i);
                o.putObject("metadata").put("correlationId", "big").put("causationId", i == 0 ? "cmd-1" : "x");
                events.add(Json.write(o));
            }
            store.append("[" + String.join(",", events) + "]");
            start(false);

            String page = get("/trace?id=big").body();
            String all = get("/trace?id=big&rows=" + (TracePage.ROWS + 5)).body();

            assertThat(page.split("<a class=\"evs-link\" href=\"/event\\?id=", -1))
                    .hasSize(TracePage.ROWS + 6);
            assertThat(page.substring(page.indexOf("id=\"trace-events\"")).split("<tr", -1))
                    .hasSize(TracePage.ROWS + 2);
            assertThat(page)
                    .contains("the first " + TracePage.ROWS + " of " + (TracePage.ROWS + 5) + " events")
                    .contains("href=\"/trace?id=big&amp;rows=" + (TracePage.ROWS + 5) + "\"");
            assertThat(all.substring(all.indexOf("id=\"trace-events\"")).split("<tr", -1))
                    .hasSize(TracePage.ROWS + 7);
            assertThat(all).doesNotContain("id=\"trace-rows\"");
            assertThat(log).isEmpty();
        }
    }

    @Nested
    class when_another_process_appends {

        @Test
        void the_live_feed_sends_the_new_head() throws Exception {
            start(false);
            try (Socket s =
                    new Socket(InetAddress.getLoopbackAddress(), web.address().getPort())) {
                s.setSoTimeout(20_000);
                s.getOutputStream()
                        .write(("GET /live HTTP/1.1\r\nHost: " + host() + "\r\nCookie: " + cookie() + "\r\n\r\n")
                                .getBytes(StandardCharsets.UTF_8));
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                List<String> heads = new ArrayList<>();
                String line;
                String event = null;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ") && "head".equals(event)) {
                        heads.add(line.substring(6));
                        if (heads.size() == 1) {
                            store.append(event("OrderPlaced", "o-2"));
                        } else {
                            break;
                        }
                    }
                }

                assertThat(heads).containsExactly("1", "2");
            }
        }

        @Test
        void the_live_feed_sends_the_letters_mark_when_a_letter_is_parked_without_an_append() throws Exception {
            start(false);
            String drawn = letters(get("/dlq").body());
            try (Socket s =
                    new Socket(InetAddress.getLoopbackAddress(), web.address().getPort())) {
                s.setSoTimeout(20_000);
                s.getOutputStream()
                        .write(("GET /live HTTP/1.1\r\nHost: " + host() + "\r\nCookie: " + cookie() + "\r\n\r\n")
                                .getBytes(StandardCharsets.UTF_8));
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                List<String> marks = new ArrayList<>();
                List<String> heads = new ArrayList<>();
                String line;
                String event = null;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ") && "head".equals(event)) {
                        heads.add(line.substring(6));
                    } else if (line.startsWith("data: ") && "letters".equals(event)) {
                        marks.add(line.substring(6));
                        if (marks.size() == 1) {
                            store.engine()
                                    .processing()
                                    .process(new ProcessService.ProcessOptions(
                                            "fails", 10, false, Duration.ofMillis(100), null, null));
                        } else {
                            break;
                        }
                    }
                }

                assertThat(marks.get(0)).isEqualTo(drawn);
                assertThat(marks.get(1))
                        .isNotEqualTo(drawn)
                        .isEqualTo(letters(get("/dlq").body()));
                assertThat(heads).containsExactly("1");
            }
        }

        /** The dead-letter mark a page was drawn at. */
        private String letters(String page) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("data-letters=\"([^\"]*)\"").matcher(page);
            assertThat(m.find()).as("the page carries data-letters").isTrue();
            return m.group(1);
        }
    }

    @Nested
    class when_the_model_has_no_sagas_or_commands {

        @Test
        void the_sagas_and_commands_pages_say_so_and_a_command_is_refused_on_its_form() {
            start(false);

            Answer sagas = get("/sagas");
            Answer commands = get("/commands");
            Answer exec = get("/exec?type=ShipOrder&payload=%7B%22x%22%3A%3C%2Ftextarea%3E%7D");

            assertThat(sagas.status()).isEqualTo(200);
            assertThat(sagas.body()).containsPattern("No sagas: the model [^<]*model.yaml has no sagas\\.</p>");
            assertThat(commands.status()).isEqualTo(200);
            assertThat(commands.body()).contains("The model has no <code>commands:</code> section");
            assertThat(exec.status()).isEqualTo(400);
            assertThat(exec.body())
                    .contains("the payload is not valid JSON")
                    .contains("{&quot;x&quot;:&lt;/textarea&gt;}</textarea>")
                    .doesNotContain("</textarea>}");
            assertThat(get("/saga?saga=x&id=y").status()).isEqualTo(404);
        }
    }
}
