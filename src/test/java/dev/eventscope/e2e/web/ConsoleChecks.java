package dev.eventscope.e2e.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.e2e.Evs;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Every page of {@code evs ui} in a real browser, on the orders sample with its model, dead letters
 * parked by a model without its upcaster, and a console started read-only: the answers are the
 * CLI's, the trace drawing has the events and links of {@code evs trace}, there is no retry, the
 * pages work by keyboard and on a phone's width, and an append or a parked letter shows without a
 * reload. The same checks run on each backend: a subclass says where the store is ({@link
 * #store(Evs)}), and every {@code evs} run of the checks, the console's included, uses it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConsoleChecks {

    Path dir;
    Evs evs;
    UiProcess ui;
    Browser browser;
    int parked;

    /** {@code evs} in the test's directory, with the store of this backend (a file there, a schema, …). */
    abstract Evs store(Evs evs);

    /** What this backend's screenshots' names start with, so that the backends' pictures sit side by side. */
    abstract String shots();

    void shot(String name) {
        browser.screenshot(shots() + name);
    }

    @BeforeAll
    void the_orders_sample_with_parked_letters_and_a_read_only_console() throws IOException {
        dir = Files.createTempDirectory("evs-console-");
        Path sample = Evs.baseDir().resolve("samples/orders");
        Files.copy(sample.resolve("eventscope.yaml"), dir.resolve("eventscope.yaml"));
        Files.createDirectories(dir.resolve("handlers"));
        Files.copy(sample.resolve("handlers/notify.sh"), dir.resolve("handlers/notify.sh"));
        Files.createDirectories(dir.resolve("schemas"));
        try (var schemas = Files.list(sample.resolve("schemas"))) {
            for (Path s : schemas.toList()) {
                Files.copy(s, dir.resolve("schemas").resolve(s.getFileName()));
            }
        }
        String model = Files.readString(dir.resolve("eventscope.yaml"), StandardCharsets.UTF_8);
        int from = model.indexOf("\nupcasters:");
        int to = model.indexOf("\nschemas:");
        Files.writeString(dir.resolve("no-upcaster.yaml"), model.substring(0, from) + model.substring(to));
        evs = store(
                Evs.in(dir).withEnv("NOTIFY_OUTBOX", dir.resolve("outbox.log").toString()));
        ok(evs.run("-q", "import", sample.resolve("events.ndjson").toString()));
        Evs.Result processed = evs.run("-q", "--model", "no-upcaster.yaml", "process", "notify");
        assertThat(processed.exitCode()).as(processed.toString()).isIn(0, 1);
        parked = Json.parseTrusted(ok(evs.run("dlq", "list", "--status", "parked", "-o", "json"))
                        .stdout())
                .size();
        assertThat(parked).isPositive();
        ui = UiProcess.start(evs, "ui");
        browser = Browser.start();
        browser.open(ui.url().toString());
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (ui != null) {
                List<String> bugs = ui.internalErrors();
                int exit = ui.stop();
                assertThat(bugs).isEmpty();
                assertThat(exit).isEqualTo(130);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterEach
    void nothing_ran_that_should_not_have() {
        assertThat(browser.dialogOpen()).isFalse();
        assertThat(browser.consoleMessages())
                .noneMatch(m -> m.contains("Refused to") || m.contains("Uncaught") || m.contains("Content Security"));
    }

    static Evs.Result ok(Evs.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private WebElement find(String css) {
        return browser.driver().findElement(By.cssSelector(css));
    }

    private List<WebElement> all(String css) {
        return browser.driver().findElements(By.cssSelector(css));
    }

    private void go(String pathAndQuery) {
        browser.open(ui.at(pathAndQuery));
    }

    /** The JSON shown in a block (pretty, escaped as the page shows it), read back. */
    private JsonNode json(String css) {
        return Json.parseTrusted(find(css + " pre.json").getText());
    }

    // ------------------------------------------------------------------ overview

    @Test
    @Order(1)
    void the_overview_shows_the_totals_a_chart_per_minute_the_dead_letters_and_the_projections() {
        go("/");

        assertThat(browser.driver().getTitle()).isEqualTo("Overview · evs ui");
        assertThat(cards())
                .containsEntry("Events", "418")
                .containsEntry("Streams", "170")
                .containsEntry("Dead letters parked", Integer.toString(parked));
        assertThat(all("#chart-hour svg rect")).isNotEmpty();
        assertThat(find("#chart-hour svg").getAttribute("aria-label")).contains("418 events");
        assertThat(all("#proc-h + .scroll table tbody tr td:first-child"))
                .extracting(WebElement::getText)
                .containsExactlyInAnyOrder("orders", "notify", "compensate");
        String head = ok(evs.run("head")).stdout().trim();
        assertThat(find("#overview code.hash").getText()).isEqualTo(head.substring(head.indexOf(':') + 1));
        shot("overview");
    }

    /** The overview's cards, label to value, read in one script (live updates replace them). */
    @SuppressWarnings("unchecked")
    private java.util.Map<String, String> cards() {
        return (java.util.Map<String, String>) browser.js("var m = {}; document.querySelectorAll('.card')"
                + ".forEach(c => m[c.querySelector('.label').textContent] = c.querySelector('.value').textContent);"
                + " return m;");
    }

    // ------------------------------------------------------------------ streams

    @Test
    @Order(2)
    void streams_are_searched_by_type_and_prefix_and_paged_after_the_last_one() {
        go("/streams");
        List<String> first = streamNames();
        WebElement next = find("a[rel=next]");
        next.click();
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(next));
        List<String> second = streamNames();

        assertThat(first).hasSize(50).isSorted();
        assertThat(second).isNotEmpty();
        assertThat(second.get(0)).isGreaterThan(first.get(49));

        find("input[name=type]").sendKeys("Order");
        find("input[name=prefix]").sendKeys("order-001");
        WebElement search = find("form.filters button");
        search.click();
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(search));

        assertThat(streamNames())
                .containsExactly(
                        "Order/order-0010",
                        "Order/order-0011",
                        "Order/order-0012",
                        "Order/order-0013",
                        "Order/order-0014",
                        "Order/order-0015",
                        "Order/order-0016",
                        "Order/order-0017",
                        "Order/order-0018",
                        "Order/order-0019");
        shot("streams");
        find("td a.r-aggregate").click();
        assertThat(find("h1").getText()).isEqualTo("Order/order-0010");
    }

    private List<String> streamNames() {
        List<String> out = new ArrayList<>();
        for (WebElement a : all("table.list tbody td:first-child a.r-aggregate")) {
            out.add(a.getText());
        }
        return out;
    }

    // ------------------------------------------------------------------ one stream

    @Test
    @Order(3)
    void the_state_at_a_cut_of_the_time_control_is_the_state_evs_state_gives() {
        go("/stream?type=Order&id=order-0007");
        find("input[name=at]").sendKeys("2024-01-16T00:00:00Z");
        find("form.cut button").click();

        JsonNode cli = Json.parseTrusted(ok(evs.run("state", "order-0007", "--at", "2024-01-16T00:00:00Z"))
                .stdout());
        assertThat(Json.write(json("#state-json"))).isEqualTo(Json.write(cli.get("state")));
        assertThat(find("#state-cut").getText()).isEqualTo("--at 2024-01-16T00:00:00Z --position 418");
        assertThat(all("table.history tbody tr")).hasSize(1);
        shot("stream-at-cut");
    }

    @Test
    @Order(4)
    void the_slider_steps_to_a_version_and_the_state_is_that_of_evs_state_version() {
        go("/stream?type=Inventory&id=SKU-01");
        WebElement slider = find("label.slider input[type=range]");
        assertThat(find("label.slider").isDisplayed()).isTrue();
        browser.js(
                "arguments[0].value = 5; arguments[0].dispatchEvent(new Event('input'));"
                        + " arguments[0].dispatchEvent(new Event('change'));",
                slider);
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("version=5"));

        JsonNode cli = Json.parseTrusted(
                ok(evs.run("state", "SKU-01", "--version", "5")).stdout());
        assertThat(Json.write(json("#state-json"))).isEqualTo(Json.write(cli.get("state")));
        assertThat(find("#state-cut").getText()).isEqualTo("--version 5");
    }

    @Test
    @Order(5)
    void each_event_of_a_stream_has_the_patch_from_the_state_before_and_the_state_after_it() {
        go("/stream?type=Order&id=order-0007");

        List<WebElement> rows = all("table.history tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains("OrderPlaced").contains("~ /status: \"NEW\" -> \"PLACED\"");
        assertThat(rows.get(1).getText())
                .contains("OrderShipped")
                .contains("~ /status: \"PLACED\" -> \"SHIPPED\"")
                .contains("+ /carrier: \"DPD\"");
        assertThat(all("table.history ul.patch li.r-changed")).isNotEmpty();
        assertThat(all("table.history ul.patch li.r-added")).isNotEmpty();
        WebElement details = rows.get(1).findElement(By.cssSelector("details"));
        details.findElement(By.cssSelector("summary")).click();
        JsonNode cli = Json.parseTrusted(ok(evs.run("state", "order-0007")).stdout());
        assertThat(Json.write(Json.parseTrusted(
                        details.findElement(By.cssSelector("pre.json")).getText())))
                .isEqualTo(Json.write(cli.get("state")));
        shot("stream");
    }

    @Test
    @Order(6)
    void the_difference_between_two_cuts_is_the_patch_of_evs_diff() {
        go("/stream?type=Order&id=order-0007");
        find("input[name=diffFrom]").sendKeys("version:1");
        find("input[name=diffTo]").sendKeys("latest");
        find("input[name=diffTo]").submit();

        JsonNode cli = Json.parseTrusted(
                ok(evs.run("diff", "order-0007", "--from", "version:1", "--to", "latest", "-o", "json"))
                        .stdout());
        assertThat(all("#diff-result ul.patch li")).hasSize(cli.get("patch").size());
        assertThat(find("#diff-result").getText())
                .contains("+ /carrier: \"DPD\"")
                .contains("OrderShipped");
    }

    // ------------------------------------------------------------------ one event

    @Test
    @Order(7)
    void an_event_shows_its_json_as_stored_and_as_upcast_its_hash_and_links_to_its_stream_cause_and_effects() {
        go("/event?id=1");

        JsonNode shown =
                Json.parseTrusted(ok(evs.run("show", "1", "-o", "json")).stdout());
        JsonNode raw = Json.parseTrusted(
                ok(evs.run("show", "1", "--raw", "-o", "json")).stdout());
        JsonNode stored = json("#stored-json");
        JsonNode read = json("#read-json");
        assertThat(stored.path("eventVersion").asInt()).isEqualTo(1);
        assertThat(stored.path("payload").has("totalAmount")).isFalse();
        assertThat(Json.write(stored.get("payload"))).isEqualTo(Json.write(raw.get("payload")));
        assertThat(Json.write(read.get("payload"))).isEqualTo(Json.write(shown.get("payload")));
        assertThat(read.path("payload").has("totalAmount")).isTrue();
        assertThat(find("#read-h").getText()).contains("(upcast)");
        assertThat(find("code.hash").getText()).isEqualTo(shown.path("hash").asText());
        shot("event");

        find("#effects-h ~ ul.events a.r-position").click();
        assertThat(find("h1").getText()).isEqualTo("Event 2");
        assertThat(find("dl.figures").getText()).contains("PaymentProcessed");
        all("dl.figures dd a.r-position").get(0).click();
        assertThat(find("h1").getText()).isEqualTo("Event 1");
        find("dl.figures dd a.r-aggregate").click();
        assertThat(find("h1").getText()).isEqualTo("Order/order-0001");
    }

    @Test
    @Order(8)
    void events_are_filtered_as_evs_events_filters_them() {
        go("/events?type=OrderCancelled");

        List<String> cli = ok(evs.run("events", "--type", "OrderCancelled", "-o", "ndjson"))
                .stdoutLines();
        assertThat(all("table.list tbody tr")).hasSize(cli.size());
        find("input[name=where]").sendKeys(".payload.reason == \"payment failed\"");
        find("input[name=where]").submit();
        List<String> cliWhere = ok(evs.run(
                        "events",
                        "--type",
                        "OrderCancelled",
                        "--where",
                        ".payload.reason == \"payment failed\"",
                        "-o",
                        "ndjson"))
                .stdoutLines();
        assertThat(all("table.list tbody tr")).hasSize(cliWhere.size());
    }

    // ------------------------------------------------------------------ trace

    @Test
    @Order(9)
    void the_trace_drawing_has_the_events_and_links_of_evs_trace_and_its_boxes_are_links() {
        go("/trace?id=5");

        TraceShape cli = TraceShape.ofCli(
                Json.parseTrusted(ok(evs.run("trace", "5", "-o", "json")).stdout()));
        TraceShape drawn = TraceShape.drawn(browser);
        assertThat(drawn.nodes()).isEqualTo(cli.nodes()).hasSize(6);
        assertThat(drawn.edges()).isEqualTo(cli.edges()).hasSize(5);
        assertThat(drawn.critical()).isEqualTo(cli.critical()).hasSize(3);
        assertThat(all("#trace-events tbody tr")).hasSize(6);
        shot("trace");

        String before = find("#trace-view svg").getDomAttribute("viewBox");
        find("button[data-zoom=in]").click();
        assertThat(find("#trace-view svg").getDomAttribute("viewBox")).isNotEqualTo(before);
        find("button[data-zoom=fit]").click();

        WebElement link = find("#trace-view svg a[href='/event?id=33']");
        browser.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", link);
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/event?id=33"));
        assertThat(find("h1").getText()).isEqualTo("Event 33");
    }

    @Test
    @Order(10)
    void a_missing_cause_is_marked_in_the_drawing() {
        go("/trace?id=292");

        assertThat(all("#trace-view svg g.evs-missing")).hasSize(1);
        assertThat(find("#trace-summary").getText()).contains("broken links");
        assertThat(all("#trace-summary dd.r-error")).isNotEmpty();
        shot("trace-missing-cause");
    }

    // ------------------------------------------------------------------ bisect, what if

    @Test
    @Order(11)
    void the_bisect_form_finds_the_event_evs_bisect_finds() {
        go("/bisect");
        find("input[name=id]").sendKeys("order-0007");
        find("input[name=when]").sendKeys("$state.status == \"SHIPPED\"");
        find("form.filters button").click();

        JsonNode cli = Json.parseTrusted(
                ok(evs.run("bisect", "order-0007", "--when", "$state.status == \"SHIPPED\"", "-o", "json"))
                        .stdout());
        String result = find("#bisect-result").getText();
        assertThat(result)
                .contains("found")
                .contains("v" + cli.get("version").asLong() + " "
                        + cli.get("position").asLong());
        assertThat(result)
                .contains("evs bisect order-0007 --aggregate-type Order --when '$state.status == \"SHIPPED\"'");
        shot("bisect");
    }

    @Test
    @Order(12)
    void the_what_if_form_gives_the_hypothetical_state_of_evs_whatif() {
        go("/whatif?id=order-0007");
        List<WebElement> drops = all("input[name=drop]");
        assertThat(drops).hasSize(2);
        String shipped = drops.get(1).getAttribute("value");
        drops.get(1).click();
        find("form.whatif button").click();

        JsonNode cli = Json.parseTrusted(ok(evs.run("whatif", "order-0007", "--drop", shipped, "-o", "json"))
                .stdout());
        List<WebElement> states = all("#whatif-result pre.json");
        assertThat(Json.write(Json.parseTrusted(states.get(1).getText())))
                .isEqualTo(Json.write(cli.get("hypothetical").get("state")));
        assertThat(all("#whatif-result ul.patch li")).hasSize(cli.get("patch").size());
        shot("whatif");
    }

    // ------------------------------------------------------------------ dead letters

    @Test
    @Order(13)
    void dead_letters_are_listed_and_shown_and_without_allow_writes_there_is_no_retry() {
        go("/dlq?status=parked");

        assertThat(all("table.list tbody tr")).hasSize(parked);
        find("table.list tbody tr a").click();
        assertThat(find("h1").getText()).startsWith("Dead letter ");
        assertThat(find("main").getText()).contains("has no totalAmount").contains("Read-only");
        assertThat(all("#retry")).isEmpty();
        assertThat(all("#skip")).isEmpty();
        assertThat(all("form[method=post]")).isEmpty();
        Object status = browser.driver()
                .executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + " fetch('/dlq/retry', {method: 'POST', headers: {'Content-Type':"
                        + " 'application/x-www-form-urlencoded'}, body: 'id=1'}).then(r => done(r.status));");
        assertThat(status).isEqualTo(404L);
        shot("dead-letter");
    }

    // ------------------------------------------------------------------ lint, audit

    @Test
    @Order(14)
    void lint_and_audit_show_what_evs_lint_and_evs_audit_find() {
        go("/lint");

        List<String> cli = evs.run("lint").stdoutLines();
        String summary = cli.get(cli.size() - 1).replace(" (exit 1)", "");
        assertThat(find("#lint-summary").getText()).isEqualTo(summary);
        assertThat(find("#rule-dangling-causation").getText()).contains("position 292 OrderShipped");
        shot("lint");

        go("/audit?type=Order&id=order-0007");
        JsonNode timeline = Json.parseTrusted(
                ok(evs.run("audit", "order-0007", "-o", "json")).stdout());
        assertThat(all("#audit-timeline tbody tr")).hasSize(timeline.size());
        go("/audit");
        assertThat(find("#audit-summary").getText()).contains("the hash chain holds over 418 events");
        shot("audit");
    }

    // ------------------------------------------------------------------ keyboard, phone

    @Test
    @Order(15)
    void the_pages_are_reachable_by_keyboard() {
        go("/");
        WebElement body = find("body");
        body.sendKeys(Keys.TAB);
        WebElement skip = browser.driver().switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to content");
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            reached.add(browser.driver().switchTo().activeElement().getText());
        }
        assertThat(reached)
                .containsSubsequence(
                        "Overview", "Streams", "Events", "Trace", "Bisect", "What if", "Dead letters", "Lint", "Audit");

        go("/trace?id=5");
        WebElement box = find("#trace-view svg a");
        browser.js("arguments[0].focus()", box);
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("href"))
                .startsWith("/event?id=");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/event?id="));
    }

    @Test
    @Order(16)
    void the_pages_fit_a_phone_s_width() {
        browser.size(390, 844);
        try {
            for (String[] page : new String[][] {
                {"phone-overview", "/"},
                {"phone-stream", "/stream?type=Order&id=order-0007"},
                {"phone-trace", "/trace?id=5"},
                {"phone-event", "/event?id=1"},
                {"phone-streams", "/streams"},
                {"phone-sagas", "/sagas?saga=fulfilment&at=2024-01-22T12:00:00Z"}
            }) {
                go(page[1]);
                assertThat(browser.js("return getComputedStyle(document.body).marginTop"))
                        .as(page[1] + ": the console's stylesheet is applied (the body has no margin)")
                        .isEqualTo("0px");
                Object wide = browser.js("return [...document.querySelectorAll('body *')]"
                        + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
                        + " && !e.closest('.scroll, .trace-view, pre'))"
                        + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
                        + ".slice(0, 5)");
                assertThat((List<?>) wide)
                        .as(page[1] + ": what reaches past a phone's width")
                        .isEmpty();
                assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth + 1"))
                        .as(page[1] + " scrolls sideways on a phone")
                        .isEqualTo(true);
                shot(page[0]);
            }
        } finally {
            browser.size(1280, 1000);
        }
    }

    // ------------------------------------------------------------------ live

    @Test
    @Order(17)
    void an_append_by_another_process_shows_on_the_overview_without_a_reload() {
        go("/");
        browser.waiting(Duration.ofSeconds(20))
                .until(d -> find("#live-state").getText().startsWith("live"));
        browser.js("window.evsMarker = 'same page';");
        String events = cards().get("Events");

        ok(evs.runWithInput(
                "{\"eventType\":\"OrderNoted\",\"aggregateType\":\"Order\",\"aggregateId\":\"order-0007\","
                        + "\"payload\":{\"note\":\"live\"}}",
                "-q",
                "append",
                "--file",
                "-"));

        browser.waiting(Duration.ofSeconds(20))
                .until(d -> !cards().get("Events").equals(events));
        assertThat(cards().get("Events")).isEqualTo("419");
        assertThat(browser.js("return window.evsMarker")).isEqualTo("same page");
        assertThat(find("body").getAttribute("data-head")).isEqualTo("419");
    }

    @Test
    @Order(18)
    void an_append_to_a_stream_shows_on_its_page_without_a_reload() {
        go("/stream?type=Payment&id=pay-0001");
        browser.waiting(Duration.ofSeconds(20))
                .until(d -> find("#live-state").getText().startsWith("live"));
        browser.js("window.evsMarker = 'same stream page';");
        int rows = all("table.history tbody tr").size();

        ok(evs.runWithInput(
                "{\"eventType\":\"PaymentFailed\",\"aggregateType\":\"Payment\",\"aggregateId\":\"pay-0001\","
                        + "\"payload\":{\"orderId\":\"order-0001\",\"amount\":1.5,\"reason\":\"live\"}}",
                "-q",
                "append",
                "--file",
                "-"));

        browser.waiting(Duration.ofSeconds(20))
                .until(d -> all("table.history tbody tr").size() == rows + 1);
        assertThat(all("table.history tbody tr").get(rows).getText()).contains("PaymentFailed");
        assertThat(browser.js("return window.evsMarker")).isEqualTo("same stream page");
        JsonNode cli = Json.parseTrusted(ok(evs.run("state", "pay-0001")).stdout());
        assertThat(Json.write(json("#state-json"))).isEqualTo(Json.write(cli.get("state")));
    }

    @Test
    @Order(19)
    void with_allow_writes_a_letter_is_retried_and_another_skipped_from_their_pages() {
        JsonNode letters = Json.parseTrusted(
                ok(evs.run("dlq", "list", "--status", "parked", "-o", "json")).stdout());
        long first = letters.get(0).get("id").asLong();
        long second = letters.get(1).get("id").asLong();
        try (UiProcess writes = UiProcess.start(evs, "ui", "--allow-writes")) {
            browser.open(writes.url().toString());
            browser.open(writes.at("/dlq/letter?id=" + first));
            assertThat(find(".writes").getText()).isEqualTo("writes on");
            shot("dead-letter-writes");
            find("#retry").click();
            browser.waiting(Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/dlq/retry"));
            assertThat(find("#retry-result").getText()).isEqualTo("1 resolved, 0 still parked.");

            browser.open(writes.at("/dlq/letter?id=" + second));
            find("input[name=reason]").sendKeys("a test order");
            find("#skip").click();
            browser.waiting(Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/dlq/skip"));
            assertThat(find("#skip-result").getText()).isEqualTo("Letter " + second + " is skipped: a test order");

            assertThat(writes.internalErrors()).isEmpty();
            assertThat(writes.stop()).isEqualTo(130);
        }
        JsonNode now =
                Json.parseTrusted(ok(evs.run("dlq", "list", "-o", "json")).stdout());
        for (JsonNode l : now) {
            if (l.get("id").asLong() == first) {
                assertThat(l.get("status").asText()).isEqualTo("resolved");
            } else if (l.get("id").asLong() == second) {
                assertThat(l.get("status").asText()).isEqualTo("skipped");
                assertThat(l.get("reason").asText()).isEqualTo("a test order");
            }
        }
    }

    @Test
    @Order(20)
    void a_letter_skipped_by_another_process_leaves_the_open_list_and_the_overview_without_a_reload() {
        JsonNode letters = Json.parseTrusted(
                ok(evs.run("dlq", "list", "--status", "parked", "-o", "json")).stdout());
        long id = letters.get(0).get("id").asLong();
        go("/dlq?status=parked");
        browser.waiting(Duration.ofSeconds(20))
                .until(d -> find("#live-state").getText().startsWith("live"));
        browser.js("window.evsMarker = 'same letters page';");
        assertThat(all("table.list tbody tr")).hasSize(letters.size());
        String head = find("body").getAttribute("data-head");

        ok(evs.run("-q", "dlq", "skip", Long.toString(id), "--reason", "skipped in a terminal"));

        browser.waiting(Duration.ofSeconds(20))
                .until(d -> all("table.list tbody tr").size() == letters.size() - 1);
        assertThat(all("table.list tbody td:first-child a"))
                .extracting(WebElement::getText)
                .doesNotContain(Long.toString(id));
        assertThat(browser.js("return window.evsMarker")).isEqualTo("same letters page");
        assertThat(find("body").getAttribute("data-head")).isEqualTo(head);
        shot("dead-letters-live");

        go("/");
        browser.waiting(Duration.ofSeconds(20))
                .until(d -> find("#live-state").getText().startsWith("live"));
        browser.js("window.evsMarker = 'same overview';");
        String parkedNow = cards().get("Dead letters parked");
        assertThat(parkedNow).isEqualTo(Integer.toString(letters.size() - 1));
        long next = letters.get(1).get("id").asLong();

        ok(evs.run("-q", "dlq", "skip", Long.toString(next), "--reason", "skipped in a terminal"));

        browser.waiting(Duration.ofSeconds(20))
                .until(d -> !cards().get("Dead letters parked").equals(parkedNow));
        assertThat(cards().get("Dead letters parked")).isEqualTo(Integer.toString(letters.size() - 2));
        assertThat(browser.js("return window.evsMarker")).isEqualTo("same overview");
    }

    // ------------------------------------------------------------------ sagas

    @Test
    @Order(21)
    void after_a_saga_run_the_sagas_page_lists_the_stuck_instances_of_evs_saga_list_and_draws_one_as_saga_show() {
        ok(evs.run("-q", "process", "fulfilment"));
        String at = "2024-01-22T12:00:00Z";
        go("/sagas?saga=fulfilment&status=stuck&at=" + at);

        Evs.Result listed = ok(evs.run("saga", "list", "fulfilment", "--stuck", "--at", at, "-o", "json"));
        JsonNode cli = Json.parseTrusted(listed.stdout());
        List<WebElement> rows = all("#saga-instances tbody tr");
        assertThat(cli.size()).isPositive();
        assertThat(rows).hasSize(cli.size());
        for (int i = 0; i < cli.size(); i++) {
            List<WebElement> cells = rows.get(i).findElements(By.cssSelector("td"));
            assertThat(cells.get(1).getText())
                    .isEqualTo(cli.get(i).get("instance").asText());
            assertThat(cells.get(2).getText()).isEqualTo("stuck");
            assertThat(cells.get(3).getText()).isEqualTo(cli.get(i).get("step").asText());
            assertThat(cells.get(8).getText())
                    .isEqualTo(cli.get(i).get("stuckReason").asText());
        }
        // the counts line of 'saga list' on stderr: "fulfilment: 4 running, 2 stuck, 36 ended (at ..."
        String counts = listed.stderr()
                .lines()
                .filter(l -> l.startsWith("fulfilment: "))
                .findFirst()
                .orElseThrow();
        List<String> figures = List.of(find("#saga-counts tbody tr").getText().split(" "));
        assertThat(counts)
                .startsWith("fulfilment: " + figures.get(1) + " running, " + figures.get(2) + " stuck, "
                        + figures.get(3) + " ended (at --at " + at);
        assertThat(find("#saga-command").getText())
                .isEqualTo("The same in a terminal: evs saga list fulfilment --status stuck --at " + at);
        shot("sagas");

        String instance = cli.get(0).get("instance").asText();
        rows.get(0).findElement(By.cssSelector("td a.r-aggregate")).click();
        assertThat(find("h1").getText()).isEqualTo("Saga fulfilment " + instance);
        JsonNode shown = Json.parseTrusted(ok(evs.run("saga", "show", "fulfilment", instance, "--at", at, "-o", "json"))
                .stdout());
        assertThat(all("#saga-steps tbody tr")).hasSize(shown.get("timeline").size());
        assertThat(find("#saga-figures").getText())
                .contains("stuck")
                .contains(shown.get("stuckReason").asText());
        assertThat(Json.write(json("#saga-state"))).isEqualTo(Json.write(shown.get("state")));
        String svg = ok(evs.run("saga", "show", "fulfilment", instance, "--at", at, "-o", "svg"))
                .stdout();
        assertThat(svgTexts(svg)).contains("#158 OrderPlaced");
        assertThat(browser.js("return [...document.querySelectorAll('#saga-view svg text')].map(t => t.textContent)"))
                .isEqualTo(svgTexts(svg));
        assertThat(all("#saga-view svg g.evs-boxes > g"))
                .hasSize((int) java.util.regex.Pattern.compile("<g class=\"evs-[a-z]+\" id=\"s")
                        .matcher(svg)
                        .results()
                        .count())
                .hasSizeGreaterThan(shown.get("timeline").size());
        shot("saga");

        // what the run appended is in the log now: the emitted events link to their pages
        WebElement emitted = find("#saga-steps td.emitted a.r-position");
        String position = emitted.getText();
        emitted.click();
        assertThat(find("h1").getText()).isEqualTo("Event " + position);
        assertThat(find("dl.figures").getText()).contains("Fulfilment/" + instance);
    }

    // ------------------------------------------------------------------ commands

    @Test
    @Order(22)
    void
            the_model_s_command_types_are_listed_and_a_command_decided_in_the_console_is_rejected_as_evs_exec_rejects_it() {
        go("/commands");
        assertThat(all("#command-types tbody td:first-child a"))
                .extracting(WebElement::getText)
                .containsExactly("AddOrderItem", "CancelOrder", "PayOrder", "PlaceOrder", "ShipOrder");
        assertThat(find("#command-types").getText())
                .contains("Order .payload.orderId")
                .contains("$payment Payment");
        shot("commands");
        String head = ok(evs.run("head")).stdout();

        find("#command-types a[href='/exec?type=ShipOrder']").click();
        String ship = "{\"orderId\":\"order-0010\",\"carrier\":\"DHL\"}";
        find("textarea[name=payload]").sendKeys(ship);
        find("input[name=commandId]").sendKeys("cmd-ship-0010");
        WebElement decide = find("form.exec button");
        decide.click();
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(decide));

        Evs.Result rejected = evs.run(
                "exec", "ShipOrder", "--payload", ship, "--command-id", "cmd-ship-0010", "--dry-run", "-o", "json");
        assertThat(rejected.exitCode()).as(rejected.toString()).isEqualTo(1);
        JsonNode cli = Json.parseTrusted(rejected.stdout());
        assertThat(cli.get("outcome").asText()).isEqualTo("rejected");
        assertThat(find("#outcome-h").getText()).isEqualTo("rejected");
        assertThat(find("#exec-reason").getText())
                .isEqualTo(cli.get("reason").asText())
                .isEqualTo("order-0010 is cancelled");
        find("#exec-result details summary").click();
        JsonNode page = json("#exec-json");
        for (String field :
                List.of("commandId", "commandType", "aggregateId", "outcome", "written", "version", "reads")) {
            assertThat(Json.write(page.get(field))).as(field).isEqualTo(Json.write(cli.get(field)));
        }
        assertThat(find("#exec-command").getText())
                .isEqualTo("The same in a terminal: evs exec ShipOrder --payload '" + ship
                        + "' --command-id cmd-ship-0010 --dry-run");
        shot("exec-rejected");

        String late = "{\"orderId\":\"order-0007\",\"carrier\":\"DPD\",\"trackingNumber\":\"02017423870399\"}";
        go("/exec?type=ShipOrder&commandId=s&at=2024-01-16T23:44:40Z&payload="
                + java.net.URLEncoder.encode(late, StandardCharsets.UTF_8));
        JsonNode accepted = Json.parseTrusted(ok(evs.run(
                        "exec",
                        "ShipOrder",
                        "--payload",
                        late,
                        "--command-id",
                        "s",
                        "--at",
                        "2024-01-16T23:44:40Z",
                        "-o",
                        "json"))
                .stdout());
        assertThat(find("#outcome-h").getText()).isEqualTo("accepted");
        assertThat(all("#exec-events pre.json")).hasSize(accepted.get("events").size());
        JsonNode event = Json.parseTrusted(find("#exec-events pre.json").getText());
        assertThat(event.get("eventType").asText()).isEqualTo("OrderShipped");
        assertThat(Json.write(event.get("payload")))
                .isEqualTo(Json.write(accepted.get("events").get(0).get("payload")));
        assertThat(event.get("streamVersion").asLong()).isEqualTo(2);
        assertThat(ok(evs.run("head")).stdout()).as("the console wrote nothing").isEqualTo(head);
        shot("exec-accepted");
    }

    /** The texts of an SVG document's text elements, unescaped, in order. */
    private static List<String> svgTexts(String svg) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "<text[^>]*>(.*?)</text>", java.util.regex.Pattern.DOTALL)
                .matcher(svg);
        while (m.find()) {
            out.add(m.group(1)
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"));
        }
        return out;
    }
}
