package dev.eventscope.audit;

import static dev.eventscope.lint.LogStore.event;
import static dev.eventscope.lint.LogStore.meta;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.lint.LogStore;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.EventStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ReportTest {

    static final String HOSTILE = "<script>alert('x')</script>&|*";

    @TempDir
    Path dir;

    AuditReport report;

    @BeforeEach
    void given_a_report_over_a_store_with_a_hostile_user_name() {
        try (EventStore store = LogStore.of(
                dir,
                event("OrderPlaced", "o1", "2024-01-01T10:00:00Z", "{\"items\": [\"a\"]}", meta("ann", "r1", null)),
                event(
                        "OrderPaid",
                        "o1",
                        "2024-01-03T12:00:00Z",
                        "{}",
                        meta(HOSTILE.replace("'", "\\u0027"), "r1", null)),
                event(
                        "OrderPlaced",
                        "o2",
                        "2024-01-02T11:00:00Z",
                        "{\"items\": [\"</code>\"]}",
                        meta("ann", "r2", null)))) {
            EventSource source = new EventSource(store::read, AuditTrailTest.MODEL.transform());
            report = new AuditReports(
                            store, new AuditTrail(store, source, new TimeMachine(store, AuditTrailTest.MODEL, source)))
                    .build(null, null, null, List.of("o1", "o2"), Instant.parse("2024-02-01T00:00:00Z"));
        }
    }

    @Test
    void the_figures_count_events_users_days_and_correlation_spans() {
        assertThat(report.events()).isEqualTo(3);
        assertThat(report.streams()).isEqualTo(2);
        assertThat(report.correlations()).isEqualTo(2);
        assertThat(report.perUser())
                .containsExactly(new AuditReport.Count("ann", 2), new AuditReport.Count(HOSTILE, 1));
        assertThat(report.periodUnit()).isEqualTo("day");
        assertThat(report.perPeriod())
                .containsExactly(
                        new AuditReport.Count("2024-01-01", 1),
                        new AuditReport.Count("2024-01-02", 1),
                        new AuditReport.Count("2024-01-03", 1));
        assertThat(report.slowest()).extracting(AuditReport.Span::correlationId).containsExactly("r1", "r2");
        assertThat(report.slowest().get(0).span()).hasHours(50);
        assertThat(report.integrity().ok()).isTrue();
        assertThat(report.integrity().eventsChecked()).isEqualTo(3);
        assertThat(report.timelines()).extracting(Timeline::subject).containsExactly("Order/o1", "Order/o2");
    }

    @Nested
    class when_rendered_as_html {

        @Test
        void the_page_is_well_formed_xml_with_every_section_and_no_script() throws Exception {
            // when
            String html = HtmlReport.render(report);
            Document doc = parse(html);

            // then
            assertThat(doc.getElementsByTagName("script").getLength()).isZero();
            assertThat(ids(doc.getElementsByTagName("h2")))
                    .containsExactly("summary", "integrity", "users", "periods", "correlations", "timelines");
            assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(2);
            // nothing is loaded from elsewhere: the only URLs are the XML namespaces
            assertThat(html.replace("xmlns=\"http://www.w3.org/1999/xhtml\"", "")
                            .replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                    .doesNotContain("http:", "https:", "src=", "<link", "url(");
            assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;|*");
            assertThat(html).contains("&lt;/code&gt;");
            assertThat(html).contains("<code>~ /status: &quot;PLACED&quot; -&gt; &quot;PAID&quot;</code>");
            assertThat(html).contains(report.integrity().head().hash());
        }

        @Test
        void characters_xml_does_not_allow_are_replaced_so_the_page_stays_well_formed() throws Exception {
            // given: labels with U+FFFE, U+FFFF and lone surrogates (as a JSLT substring of an emoji
            // leaves), and a pair cut by an abbreviation
            String bad = "a\uFFFEb\uFFFFc\uD800d\uDC00e\uD83D";
            AuditReport odd = new AuditReport(
                    report.generatedAt(),
                    "store\uFFFF.db",
                    report.aggregateType(),
                    report.since(),
                    report.until(),
                    report.events(),
                    report.streams(),
                    report.correlations(),
                    report.first(),
                    report.last(),
                    List.of(new AuditReport.Count(bad, 2), new AuditReport.Count("x".repeat(25) + "\uD83D\uDE00", 1)),
                    report.periodUnit(),
                    report.perPeriod(),
                    report.slowest(),
                    report.integrity(),
                    report.timelines());

            // when
            String html = HtmlReport.render(odd);

            // then: it parses as XML, each offending char became U+FFFD, and whole pairs stay whole
            Document doc = parse(html);
            assertThat(doc.getDocumentElement().getTextContent()).contains("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFD");
            assertThat(html).doesNotContain("\uFFFE", "\uFFFF").contains("store\uFFFD.db");
            assertThat(html.chars().filter(c -> Character.isSurrogate((char) c)).count() % 2)
                    .isZero();
            assertThat(Markup.html("ok \uD83D\uDE00")).isEqualTo("ok \uD83D\uDE00");
            assertThat(Markup.md(bad)).isEqualTo("a\uFFFEb\uFFFFc\uFFFDd\uFFFDe\uFFFD");
        }

        @Test
        void the_hostile_name_comes_back_as_text_not_markup() throws Exception {
            Document doc = parse(HtmlReport.render(report));

            assertThat(doc.getDocumentElement().getTextContent()).contains(HOSTILE);
        }
    }

    @Test
    void markdown_escapes_table_cells_and_keeps_every_section() {
        String md = MarkdownReport.render(report);

        assertThat(md)
                .contains(
                        "## Summary",
                        "## Integrity",
                        "## Changes per user",
                        "## Changes per day",
                        "## Slowest correlations",
                        "## Timelines",
                        "### Order/o1");
        assertThat(md).contains("| \\<script\\>alert('x')\\</script\\>&\\|\\* | 1 |");
        assertThat(md).contains("~ /status: \"PLACED\" -\\> \"PAID\"");
    }

    @Test
    void a_report_file_replaces_the_old_one_whole_and_leaves_no_temporary_file() throws Exception {
        Path file = dir.resolve("report.html");
        Files.writeString(file, "old");

        ReportFile.write(file, "new report");

        assertThat(Files.readString(file)).isEqualTo("new report");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                    .isEmpty();
        }
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> ids(NodeList nodes) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            ids.add(((org.w3c.dom.Element) nodes.item(i)).getAttribute("id"));
        }
        return ids;
    }
}
