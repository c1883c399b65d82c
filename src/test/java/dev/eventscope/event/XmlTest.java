package dev.eventscope.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class XmlTest {

    @Test
    void the_five_special_characters_become_entities() {
        assertThat(Xml.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    @Test
    void what_xml_cannot_hold_is_shown_as_an_escape_and_pairs_are_kept() {
        assertThat(Xml.escape("a\u0000b\u001bc\u007f\u0085\uFFFE\uFFFF\uD800\uDC00\uDFFFx\uD83D\uDE00\t\n"))
                .isEqualTo("a\\u0000b\\u001bc\\u007f\\u0085\\ufffe\\uffff\uD800\uDC00\\udfffx\uD83D\uDE00\t\n");
        assertThat(Xml.escape("\uD800")).isEqualTo("\\ud800");
        assertThat(Xml.escape(null)).isEmpty();
    }

    @Test
    void any_text_escaped_is_well_formed_inside_an_element_and_an_attribute() throws Exception {
        // given: every UTF-16 unit once, and a few pairs
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            all.append(c);
        }
        all.append('\uFFFF').append("\uD83D\uDE00");
        String escaped = Xml.escape(all.toString());

        // when
        String doc = "<a title=\"" + escaped + "\">" + escaped + "</a>";
        var parsed =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(doc)));

        // then
        assertThat(parsed.getDocumentElement().getTextContent()).contains("\uD83D\uDE00");
    }
}
