package dev.eventscope.e2e.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.e2e.Evs;
import dev.eventscope.e2e.RealLogs;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console on the real logs with their sample models: the permit log (8,577 events, 1,434 cases)
 * and the fines log (390 events), each in its own store and console. Every page loads without an
 * error and says what the CLI says. The logs come from {@link RealLogs} (ADR 0200).
 */
class ConsoleRealLogsIT {

    @TempDir
    static Path dir;

    static Evs permits;
    static Evs fines;
    static UiProcess permitsUi;
    static UiProcess finesUi;
    static Browser browser;

    @BeforeAll
    static void both_real_logs_imported_and_a_console_over_each() throws IOException {
        permits = store("permits", RealLogs.PERMITS);
        fines = store("fines", RealLogs.FINES);
        permitsUi = UiProcess.start(permits, "ui");
        finesUi = UiProcess.start(fines, "ui");
        browser = Browser.start();
        browser.open(permitsUi.url().toString());
        browser.open(finesUi.url().toString());
    }

    /** A directory with the sample model of {@code sample} and its real log imported. */
    private static Evs store(String sample, String log) throws IOException {
        Path file = RealLogs.file(log);
        assertThat(file).as("the real log " + log).isRegularFile();
        Path home = Files.createDirectories(dir.resolve(sample));
        Files.copy(
                Evs.baseDir().resolve("samples").resolve(sample).resolve("eventscope.yaml"),
                home.resolve("eventscope.yaml"));
        Evs evs = Evs.in(home);
        ok(evs.run("-q", "import", file.toString()));
        return evs;
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            List<String> bugs = new ArrayList<>();
            for (UiProcess ui : new UiProcess[] {permitsUi, finesUi}) {
                if (ui != null) {
                    bugs.addAll(ui.internalErrors());
                    assertThat(ui.stop()).isEqualTo(130);
                }
            }
            assertThat(bugs).isEmpty();
        }
    }

    @AfterEach
    void nothing_ran_that_should_not_have() {
        assertThat(browser.dialogOpen()).isFalse();
        assertThat(browser.consoleMessages())
                .noneMatch(m -> m.contains("Refused to") || m.contains("Uncaught") || m.contains("Content Security"));
    }

    private static Evs.Result ok(Evs.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static WebElement find(String css) {
        return browser.driver().findElement(By.cssSelector(css));
    }

    private static List<WebElement> all(String css) {
        return browser.driver().findElements(By.cssSelector(css));
    }

    /** Opens a page and checks it is a page of the console, not an error (only errors are alerts). */
    private static void go(UiProcess ui, String pathAndQuery) {
        browser.open(ui.at(pathAndQuery));
        assertThat(browser.driver().getTitle()).as(pathAndQuery).endsWith("· evs ui");
        assertThat(all("main [role=alert]"))
                .as(pathAndQuery + ": an error page")
                .extracting(WebElement::getText)
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> cards() {
        return (Map<String, String>) browser.js("var m = {}; document.querySelectorAll('.card')"
                + ".forEach(c => m[c.querySelector('.label').textContent] = c.querySelector('.value').textContent);"
                + " return m;");
    }

    @Test
    void the_permit_log_overview_has_its_totals_and_its_chain_head() {
        go(permitsUi, "/");

        assertThat(cards())
                .containsEntry("Events", "8,577")
                .containsEntry("Streams", "1,434")
                .containsEntry("Event types", "27")
                .containsEntry("Dead letters parked", "0");
        String head = ok(permits.run("head")).stdout().trim();
        assertThat(find("#overview code.hash").getText()).isEqualTo(head.substring(head.indexOf(':') + 1));
        assertThat(find("#chart-day svg").getAttribute("aria-label")).contains("8577 events");
        assertThat(all("#chart-day svg rect")).isNotEmpty();
        browser.screenshot("real-overview");
    }

    @Test
    void the_permit_log_streams_page_lists_the_cases_evs_streams_lists_and_pages_on() {
        go(permitsUi, "/streams");

        List<String> cli =
                ok(permits.run("streams", "--limit", "100", "-o", "csv")).stdoutLines().subList(1, 101).stream()
                        .map(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1))
                                .replace(',', '/'))
                        .toList();
        List<String> first = streamNames();
        assertThat(first).isEqualTo(cli.subList(0, 50));
        browser.screenshot("real-streams");
        WebElement next = find("a[rel=next]");
        next.click();
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(next));
        assertThat(streamNames().subList(0, 50)).isEqualTo(cli.subList(50, 100));
    }

    private static List<String> streamNames() {
        return all("table.list tbody td:first-child a.r-aggregate").stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void a_permit_case_shows_the_state_of_evs_state_and_a_row_per_event() {
        go(permitsUi, "/stream?type=PermitApplication&id=case-891");

        JsonNode cli = Json.parseTrusted(ok(permits.run("state", "case-891")).stdout());
        assertThat(Json.write(Json.parseTrusted(find("#state-json pre.json").getText())))
                .isEqualTo(Json.write(cli.get("state")));
        assertThat(all("table.history tbody tr")).hasSize(cli.get("version").asInt());
        browser.screenshot("real-stream");

        go(permitsUi, "/stream?type=PermitApplication&id=case-891&version=5");
        JsonNode at5 = Json.parseTrusted(
                ok(permits.run("state", "case-891", "--version", "5")).stdout());
        assertThat(Json.write(Json.parseTrusted(find("#state-json pre.json").getText())))
                .isEqualTo(Json.write(at5.get("state")));
    }

    @Test
    void a_permit_event_shows_its_hash_and_its_effect() {
        go(permitsUi, "/event?id=1");

        JsonNode cli =
                Json.parseTrusted(ok(permits.run("show", "1", "-o", "json")).stdout());
        assertThat(find("code.hash").getText()).isEqualTo(cli.path("hash").asText());
        assertThat(find("#effects-h ~ ul.events").getText()).contains("CheckConfirmationOfReceipt");
    }

    @Test
    void the_trace_of_a_permit_case_has_the_events_and_links_of_evs_trace() {
        go(permitsUi, "/trace?id=case-891");

        TraceShape cli = TraceShape.ofCli(Json.parseTrusted(
                ok(permits.run("trace", "case-891", "-o", "json")).stdout()));
        TraceShape drawn = TraceShape.drawn(browser);
        assertThat(drawn.nodes()).isEqualTo(cli.nodes()).hasSize(18);
        assertThat(drawn.edges()).isEqualTo(cli.edges()).hasSize(17);
        assertThat(drawn.critical()).isEqualTo(cli.critical());
        assertThat(all("#trace-events tbody tr")).hasSize(18);
        browser.screenshot("real-trace");
    }

    @Test
    void lint_audit_bisect_and_what_if_on_the_permit_log_answer_as_the_cli_does() {
        go(permitsUi, "/lint");
        List<String> lint = ok(permits.run("lint")).stdoutLines();
        assertThat(find("#lint-summary").getText()).isEqualTo(lint.get(lint.size() - 1));

        go(permitsUi, "/audit");
        assertThat(find("#audit-summary").getText()).contains("the hash chain holds over 8,577 events");
        go(permitsUi, "/audit?type=PermitApplication&id=case-891");
        JsonNode timeline = Json.parseTrusted(
                ok(permits.run("audit", "case-891", "-o", "json")).stdout());
        assertThat(all("#audit-timeline tbody tr")).hasSize(timeline.size());

        go(
                permitsUi,
                "/bisect?type=PermitApplication&id=case-891&when="
                        + URLEncoder.encode("$state.documentXRequested", StandardCharsets.UTF_8));
        JsonNode found = Json.parseTrusted(
                ok(permits.run("bisect", "case-891", "--when", "$state.documentXRequested", "-o", "json"))
                        .stdout());
        assertThat(find("#bisect-result").getText())
                .contains("v" + found.get("version").asLong() + " "
                        + found.get("position").asLong());

        go(permitsUi, "/dlq");
        assertThat(all("table.list tbody tr")).isEmpty();
    }

    @Test
    void the_fines_log_overview_a_fine_and_its_trace_answer_as_the_cli_does() {
        go(finesUi, "/");
        assertThat(cards()).containsEntry("Events", "390").containsEntry("Streams", "100");

        go(finesUi, "/stream?type=Fine&id=S45359");
        JsonNode state = Json.parseTrusted(ok(fines.run("state", "S45359")).stdout());
        assertThat(Json.write(Json.parseTrusted(find("#state-json pre.json").getText())))
                .isEqualTo(Json.write(state.get("state")));

        go(finesUi, "/trace?id=S45359");
        TraceShape cli = TraceShape.ofCli(
                Json.parseTrusted(ok(fines.run("trace", "S45359", "-o", "json")).stdout()));
        assertThat(TraceShape.drawn(browser).nodes()).isEqualTo(cli.nodes()).hasSize(5);
        assertThat(TraceShape.drawn(browser).edges()).isEqualTo(cli.edges());

        go(finesUi, "/lint");
        List<String> lint = ok(fines.run("lint")).stdoutLines();
        assertThat(find("#lint-summary").getText()).isEqualTo(lint.get(lint.size() - 1));
    }
}
