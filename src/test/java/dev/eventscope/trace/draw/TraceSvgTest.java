package dev.eventscope.trace.draw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceOptions;
import dev.eventscope.trace.TraceStore;
import java.io.StringReader;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class TraceSvgTest {

    @TempDir
    Path dir;

    /** Text XML cannot hold, or that would end the document or start a script, in every field a drawing shows. */
    static final String HOSTILE =
            "</svg><script>alert(1)</script>&amp;\"'\u0001\u001b[31m\u0085\uFFFE\uFFFF\uD800x\uDC00"
                    + "\uD83D\uDE00]]>";

    /** What a name (type, stream) may hold: no control characters or unpaired surrogates, the rest as above. */
    static final String HOSTILE_NAME = "</svg><script>alert(1)</script>&amp;\"'\uFFFE\uFFFF]]>";

    static Trace hostile(Path dir) {
        try (TraceStore s = TraceStore.create(dir)) {
            s.event(1, "Placed" + HOSTILE_NAME).stream("Order" + HOSTILE_NAME, "o-1" + HOSTILE_NAME)
                    .correlation("req-1")
                    .causedBy("cmd" + HOSTILE)
                    .user("u" + HOSTILE)
                    .at(0)
                    .add();
            s.event(2, "Paid").causedBy(1).user(HOSTILE).at(5).add();
            return s.tracer().trace("req-1", TraceOptions.DEFAULT);
        }
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setExpandEntityReferences(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** Fails unless no element is a script and no attribute loads or runs anything. */
    static void loadsNothing(Document doc) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertThat(e.getLocalName()).isNotIn("script", "image", "img", "iframe", "link", "foreignObject", "use");
            NamedNodeMap attributes = e.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                String name = attributes.item(a).getNodeName();
                String value = attributes.item(a).getNodeValue();
                assertThat(name).doesNotStartWith("on").isNotIn("href", "xlink:href", "src");
                if (!name.equals("xmlns")) {
                    assertThat(value).doesNotContain("http:").doesNotContain("https:");
                }
            }
        }
    }

    @Nested
    class when_the_log_holds_hostile_text {

        @Test
        void the_svg_is_well_formed_xml_that_shows_the_text_and_runs_nothing() throws Exception {
            // when
            String svg = TraceSvg.document(hostile(dir));
            Document doc = parse(svg);

            // then
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
            loadsNothing(doc);
            assertThat(doc.getDocumentElement().getTextContent())
                    .contains("u</svg><script>alert(1)</script>&amp;\"'")
                    .contains("\uD83D\uDE00")
                    .doesNotContain("\uFFFE")
                    .doesNotContain("\uFFFF")
                    .doesNotContain("\u001b");
            // lone surrogates cannot reach a store (its text is UTF-8); XmlTest covers them
            assertThat(svg).contains("\\ufffe\\uffff");
        }

        @Test
        void the_html_page_is_well_formed_self_contained_and_runs_nothing() throws Exception {
            // when
            String html = TraceHtml.page(hostile(dir));
            Document doc = parse(html);

            // then
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("html");
            loadsNothing(doc);
            assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg")
                            .getLength())
                    .isEqualTo(1);
            assertThat(html).doesNotContain("<script").doesNotContain("@import").doesNotContain("url(http");
        }
    }

    @Test
    void a_page_shows_the_summary_the_drawing_and_every_event() throws Exception {
        // when
        Document doc = parse(TraceHtml.page(TraceDrawingTest.order(dir)));

        // then
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text)
                .contains("trace: correlation req-1")
                .contains("critical path")
                .contains("#1 OrderPlaced → #2 PaymentProcessed → #3 StockReserved → #5 OrderShipped")
                .contains("broken links")
                .contains("00000000-0000-4000-8000-000000000007");
        NodeList rows = doc.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "tr");
        // the summary rows, the events header and the 6 events of the trace
        assertThat(rows.getLength()).isEqualTo(14 + 1 + 6);
    }
}
