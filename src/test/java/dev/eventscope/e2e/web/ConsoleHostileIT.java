package dev.eventscope.e2e.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.Evs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The hostile corpus in the browser: script tags, attribute breakouts, javascript: URLs, quotes,
 * bidi and control characters, U+2028 and U+2029, template syntax and a 1 MiB string in every
 * field a page shows (types, streams, users, correlation and causation ids, payload keys and
 * values, states, trace labels). Every page shows them as text: no dialog opens, no element is
 * injected, no script is refused by the Content-Security-Policy (which would mean one got in).
 */
class ConsoleHostileIT {

    /** The hostile names, as the pages must show them (bidi controls as visible escapes). */
    static final String TYPE = "Order\"><img src=x onerror=\"alert('i')\">";

    static final String ID = "id<script>alert('s')</script>\u202eevil";

    static final String MODEL = String.join(
            "\n",
            "aggregates:",
            "  \"Order\\\"><img src=x onerror=\\\"alert('i')\\\">\":",
            "    initial: {count: 0}",
            "    reducers:",
            "      \"*\": '$state | {\"last\": $event.payload, \"type\": $event.eventType, \"count\": .count + 1, * : .}'",
            "commands:",
            "  \"Ship<script>alert('c')</script>\":",
            "    aggregateType: \"Order\\\"><img src=x onerror=\\\"alert('i')\\\">\"",
            "    aggregateId: .payload.id",
            "    decide: |",
            "      if ($state.count > 0) {\"rejected\": \"no <img src=x onerror=alert('r')> for \" + $command.aggregateId}",
            "      else [{\"eventType\": \"Shipped<svg onload=alert('v')></svg>\", \"payload\": {\"x\": \"</script><script>alert('e')</script>\"}}]",
            "sagas:",
            "  watch:",
            "    association:",
            "      \"Placed<script>alert('s')</script>\": .aggregateId",
            "      \"Shipped<svg onload=alert('v')></svg>\": .aggregateId",
            "    start: [\"Placed<script>alert('s')</script>\"]",
            "    end: [\"Shipped<svg onload=alert('v')></svg>\"]",
            "    initial: {step: \"<b>placed</b>\"}",
            "    step: .step",
            "    stuckAfter: 1h",
            "    on:",
            "      \"Placed<script>alert('s')</script>\":",
            "        state: '$state | {\"step\": $event.payload.svg, * : .}'",
            "        emit: |",
            "          {\"eventType\": \"Asked<img src=x onerror=alert('a')>\", \"aggregateType\": \"Saga\\\"><b>x\", \"aggregateId\": .aggregateId,",
            "           \"payload\": {\"x\": \"</script><script>alert('p')</script>\"}}",
            "      \"Shipped<svg onload=alert('v')></svg>\":",
            "        state: '$state | {\"step\": \"shipped\\u202eevil\", * : .}'",
            "");

    @TempDir
    static Path dir;

    static Evs evs;
    static UiProcess ui;
    static Browser browser;

    @BeforeAll
    static void the_hostile_corpus_imported_and_a_console() throws IOException {
        Path hostile = Evs.baseDir().resolve("src/test/resources/hostile");
        Files.writeString(dir.resolve("eventscope.yaml"), MODEL, StandardCharsets.UTF_8);
        String big =
                "{\"eventId\":\"00000000-0000-4000-8000-0000000000b1\",\"eventType\":\"Big\",\"aggregateType\":\"Big\","
                        + "\"aggregateId\":\"big-1\",\"timestamp\":\"2024-01-15T11:00:00Z\",\"payload\":{\"big\":\""
                        + "A".repeat(1 << 20) + "</script><script>alert('big')</script>\"}}\n";
        Files.writeString(dir.resolve("big.ndjson"), big, StandardCharsets.UTF_8);
        evs = Evs.in(dir);
        for (String file : List.of(
                hostile.resolve("html-injection.ndjson").toString(),
                hostile.resolve("metacharacters.ndjson").toString(),
                hostile.resolve("terminal-escapes-in-payload.ndjson").toString())) {
            Evs.Result r = evs.run("-q", "import", file);
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        Evs.Result r = evs.run("-q", "import", "--max-payload", "2m", "big.ndjson");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        ui = UiProcess.start(evs, "ui", "--allow-writes");
        browser = Browser.start();
        browser.open(ui.url().toString());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (ui != null) {
                List<String> bugs = ui.internalErrors();
                ui.stop();
                assertThat(bugs).isEmpty();
            }
        }
    }

    private static String url(String path, String... params) {
        StringBuilder b = new StringBuilder(path);
        for (int i = 0; i < params.length; i += 2) {
            b.append(i == 0 ? '?' : '&')
                    .append(params[i])
                    .append('=')
                    .append(java.net.URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return ui.at(b.toString());
    }

    /** Opens the page and checks that nothing from the log ran or became markup. */
    private static void visitSafely(String url) {
        browser.open(url);
        assertThat(browser.dialogOpen()).as(url + ": a dialog opened").isFalse();
        Object injected = browser.js("return document.querySelectorAll('img, iframe, object, embed, [onerror],"
                + " [onload], [onmouseover], [onclick], [style]:not(#trace-view), a[href^=\"javascript:\"],"
                + " script:not([src=\"/assets/console.js\"]), svg svg, foreignObject').length");
        assertThat(injected).as(url + ": elements injected").isEqualTo(0L);
        assertThat(browser.consoleMessages())
                .as(url + ": the browser's console")
                .noneMatch(m -> m.contains("Refused") || m.contains("Uncaught") || m.contains("Content Security"));
        assertThat(browser.driver().getTitle()).as(url).endsWith("· evs ui").doesNotContain("Internal error");
    }

    @Test
    void every_page_shows_the_hostile_corpus_as_text_and_runs_nothing() {
        List<String> pages = List.of(
                url("/"),
                url("/streams"),
                url("/stream", "type", TYPE, "id", ID),
                url("/stream", "type", TYPE, "id", ID, "diffFrom", "version:1", "diffTo", "latest"),
                url(
                        "/stream",
                        "type",
                        "Other<script>alert('s')</script>",
                        "id",
                        "o" + "\"><img src=x onerror=\"alert('i')\">"),
                url("/events"),
                url("/events", "where", ".payload.x == \"<script>alert('s')</script>\""),
                url("/event", "id", "1"),
                url("/event", "id", "2"),
                url("/event", "id", "3"),
                url("/trace", "id", "1"),
                url("/trace", "id", "3", "scope", "up"),
                url("/bisect", "type", TYPE, "id", ID, "when", ".count == 2"),
                url("/whatif", "type", TYPE, "id", ID, "drop", "00000000-0000-4000-8000-0000000000a2"),
                url("/dlq"),
                url("/lint"),
                url("/audit"),
                url("/audit", "type", TYPE, "id", ID),
                url("/audit", "user", "user<b onmouseover=alert('u')>x</b>"),
                url("/sagas"),
                url("/sagas", "saga", "<script>alert('s')</script>", "status", "stuck"),
                url("/saga", "saga", "watch", "id", ID),
                url("/saga", "saga", "watch", "id", "no\"><img src=x onerror=\"alert('i')\">"),
                url("/commands"),
                url("/exec", "type", "Ship<script>alert('c')</script>", "payload", SHIP),
                url(
                        "/exec",
                        "type",
                        "<img src=x onerror=alert('t')>",
                        "payload",
                        "{\"x\": \"</textarea><script>alert('t')</script>\"}"),
                url(
                        "/exec",
                        "type",
                        "Ship<script>alert('c')</script>",
                        "payload",
                        "</textarea><script>alert('t')</script>"));
        for (String page : pages) {
            visitSafely(page);
        }
    }

    @Test
    void names_are_shown_as_written_with_bidi_controls_made_visible() {
        visitSafely(url("/stream", "type", TYPE, "id", ID, "version", "1"));

        assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                .isEqualTo(TYPE + "/id<script>alert('s')</script>\\u202eevil");
        String state =
                browser.driver().findElement(By.cssSelector("#state-json")).getText();
        assertThat(state).contains("\"<script>alert('s')</script>\": \"\\\"><img src=x onerror=\\\"alert('i')\\\">\"");
        assertThat(state).contains("line\\u2028para\\u2029end").contains("abc\\u202edcba");
        browser.screenshot("hostile-stream");
    }

    /** A command for the hostile command type, aimed at the hostile stream (its bidi control escaped in JSON). */
    static final String SHIP = "{\"id\": \"id<script>alert('s')</script>\\u202eevil\"}";

    @Test
    void a_saga_instance_and_a_decided_command_show_the_hostile_names_as_text() {
        visitSafely(url("/saga", "saga", "watch", "id", ID));

        assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                .isEqualTo("Saga watch id<script>alert('s')</script>\\u202eevil");
        assertThat(browser.driver().findElement(By.cssSelector("#saga-figures")).getText())
                .contains("shipped\\u202eevil");
        List<String> texts = browser.driver().findElements(By.cssSelector("#saga-view svg text")).stream()
                .map(e -> e.getAttribute("textContent"))
                .toList();
        assertThat(texts).anyMatch(t -> t.contains("Placed<script>alert('s')</script>"));
        assertThat(texts).anyMatch(t -> t.contains("Asked<img src=x onerror=alert('a')>"));
        assertThat(texts).noneMatch(t -> t.contains("\u202e"));
        browser.screenshot("hostile-saga");

        visitSafely(url("/exec", "type", "Ship<script>alert('c')</script>", "payload", SHIP));
        assertThat(browser.driver().findElement(By.cssSelector("#outcome-h")).getText())
                .isEqualTo("rejected");
        assertThat(browser.driver().findElement(By.cssSelector("#exec-reason")).getText())
                .isEqualTo("no <img src=x onerror=alert('r')> for id<script>alert('s')</script>\\u202eevil");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("textarea[name=payload]"))
                        .getDomProperty("value"))
                .isEqualTo(SHIP);
        browser.screenshot("hostile-exec");
    }

    @Test
    void the_trace_drawing_shows_the_hostile_labels_as_svg_text() {
        visitSafely(url("/trace", "id", "1"));

        List<String> texts = browser.driver().findElements(By.cssSelector("#trace-view svg text")).stream()
                .map(e -> e.getAttribute("textContent"))
                .toList();
        assertThat(texts).anyMatch(t -> t.contains("Placed<script>alert('s')</script>"));
        assertThat(texts).as("a bidi control in a label is shown").contains("by svc\\u202e");
        assertThat(texts).noneMatch(t -> t.contains("\u202e"));
        assertThat(browser.driver().findElements(By.cssSelector("#trace-view svg g.evs-missing")))
                .hasSize(1);
        browser.screenshot("hostile-trace");
    }

    @Test
    void a_1_mib_string_is_shown_whole_on_its_event_page_and_cut_in_lists() {
        visitSafely(url("/event", "id", "00000000-0000-4000-8000-0000000000b1"));

        Object length = browser.js("return document.getElementById('stored-json').textContent.length");
        assertThat((Long) length).isGreaterThan(1L << 20);
        visitSafely(url("/events", "aggregateType", "Big"));
        assertThat(browser.driver()
                        .findElement(By.cssSelector("table.list tbody td:last-child"))
                        .getText())
                .hasSizeLessThan(200)
                .endsWith("…");
    }
}
