package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evs audit} and {@code evs audit report} through the jar, with the tasks sample's model. */
class AuditIT {

    @TempDir
    static Path dir;

    static Evs evs;

    static final String EVENTS = String.join(
            "\n",
            task(
                    "TaskCreated",
                    "2024-03-01T09:00:00Z",
                    "{\"title\": \"Fix <login> & co\", \"component\": \"web\"," + " \"priority\": \"high\"}",
                    "maria"),
            task(
                    "TaskAssigned",
                    "2024-03-01T09:05:00Z",
                    "{\"assignee\": \"bob\", \"previousAssignee\": null}",
                    "maria"),
            task("StatusChanged", "2024-03-01T10:00:00Z", "{\"from\": \"TODO\", \"to\": \"IN_PROGRESS\"}", "bob"),
            task(
                    "TaskAssigned",
                    "2024-03-02T10:00:00Z",
                    "{\"assignee\": \"dan\", \"previousAssignee\": \"bob\"}",
                    "maria"),
            task("TaskMerged", "2024-03-04T16:00:00Z", "{\"commit\": \"abc1234\"}", "dan"));

    static String task(String type, String at, String payload, String user) {
        return "{\"eventType\": \"" + type + "\", \"aggregateType\": \"Task\", \"aggregateId\": \"task-0001\","
                + " \"timestamp\": \"" + at + "\", \"payload\": " + payload + ", \"metadata\": {\"userId\": \"" + user
                + "\", \"correlationId\": \"wf-task-0001-1\"}}";
    }

    @BeforeAll
    static void a_store_with_one_task_and_the_tasks_model() throws Exception {
        Files.copy(Evs.baseDir().resolve("samples/tasks/eventscope.yaml"), dir.resolve("eventscope.yaml"));
        evs = Evs.in(dir);
        Evs.Result imported = evs.runWithInput(EVENTS, "-q", "import", "-");
        assertThat(imported.exitCode()).as("%s", imported).isZero();
    }

    @Test
    void the_timeline_shows_who_when_and_what_changed_in_the_state() {
        // when
        Evs.Result r = evs.run("audit", "task-0001");

        // then
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stderr()).isEmpty();
        List<String> lines = r.stdoutLines();
        assertThat(lines.get(0))
                .isEqualTo("audit Task/task-0001: 5 changes by 3 users (times UTC; valid time, then record time)");
        assertThat(r.stdout())
                .containsPattern(
                        "\nv4  2024-03-02T10:00:00Z \\(recorded [0-9T:.-]+Z\\)  maria  TaskAssigned  correlation"
                                + " wf-task-0001-1\n    ~ /assignee: \"bob\" -> \"dan\"\n")
                .contains("    ~ /status: \"IN_PROGRESS\" -> \"MERGED\"\n");
    }

    @Test
    void one_users_changes_as_ndjson_carry_the_patch() throws Exception {
        Evs.Result r = evs.run("audit", "--user", "maria", "-o", "ndjson");

        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdoutLines()).hasSize(3);
        JsonNode last = new ObjectMapper().readTree(r.stdoutLines().get(2));
        assertThat(last.get("eventType").asText()).isEqualTo("TaskAssigned");
        assertThat(last.get("userId").asText()).isEqualTo("maria");
        assertThat(last.get("timestamp").asText()).isEqualTo("2024-03-02T10:00:00Z");
        assertThat(last.get("patch").toString())
                .isEqualTo("[{\"op\":\"replace\",\"path\":\"/assignee\",\"value\":\"dan\"}]");
    }

    @Test
    void neither_an_id_nor_a_user_is_a_usage_error_and_an_unknown_id_is_not_found() {
        Evs.Result none = evs.run("audit");
        Evs.Result unknown = evs.run("audit", "task-9999");

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr()).startsWith("evs: audit needs an aggregate ID or --user USER\nhint: ");
        assertThat(unknown.exitCode()).isEqualTo(66);
        assertThat(unknown.stderr()).startsWith("evs: no aggregate with id task-9999 in the store\n");
    }

    @Test
    void the_html_report_is_written_whole_well_formed_and_escaped() throws Exception {
        // when
        Evs.Result r = evs.run("audit", "report", "--aggregate", "task-0001", "report.html");

        // then
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("wrote report.html: 5 events, 3 users, integrity ok\n");
        String html = Files.readString(dir.resolve("report.html"));
        var doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(2);
        assertThat(html).contains("Fix &lt;login&gt; &amp; co").doesNotContain("<script");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                    .isEmpty();
        }
    }

    @Test
    void the_html_report_renders_in_headless_chromium() throws Exception {
        // given a browser (the test fails without one, saying what to install)
        String browser = HostPrograms.require("chromium", "chromium", "chromium-browser", "google-chrome");
        assertThat(evs.run("audit", "report", "--aggregate", "task-0001", "browser.html")
                        .exitCode())
                .isZero();

        // when the browser loads it with the network off and prints the DOM it built
        Process p = new ProcessBuilder(
                        browser,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--user-data-dir=" + dir.resolve("chromium-profile"),
                        "--proxy-server=127.0.0.1:9",
                        "--dump-dom",
                        dir.resolve("browser.html").toUri().toString())
                .redirectError(dir.resolve("chromium.log").toFile())
                .start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        // then the page was parsed with every section, its charts and the escaped title as text
        assertThat(dom)
                .contains("<h2 id=\"summary\">Summary</h2>", "<h2 id=\"timelines\">Timelines</h2>", "<svg")
                .contains("<rect class=\"bar\"")
                .contains("Fix &lt;login&gt; &amp; co")
                .contains("<span class=\"ok\">ok</span>");
    }

    @Test
    void the_markdown_report_goes_to_stdout_with_a_dash() {
        Evs.Result r = evs.run("audit", "report", "-o", "md", "--aggregate-type", "Task", "-");

        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout()).startsWith("# Audit report: events.db\n").contains("| maria | 3 |");
    }
}
