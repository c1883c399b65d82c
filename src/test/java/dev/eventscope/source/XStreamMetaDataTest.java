package dev.eventscope.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XStreamMetaDataTest {

    @Test
    void axons_metadata_map_becomes_an_object() {
        // given: as in src/test/fixtures/axon/axon-xstream.sql, with the other simple types
        String xml = "<meta-data>\n  <entry>\n    <string>traceId</string>\n    <string>01H-C001</string>\n"
                + "  </entry>\n  <entry>\n    <string>attempt</string>\n    <long>3</long>\n  </entry>\n"
                + "  <entry><string>ok</string><boolean>true</boolean></entry>\n"
                + "  <entry><string>nothing</string><null/></entry>\n</meta-data>";

        // when / then
        assertThat(XStreamMetaData.convert(xml).toString())
                .isEqualTo("{\"traceId\":\"01H-C001\",\"attempt\":3,\"ok\":true,\"nothing\":null}");
    }

    @Test
    void other_values_and_documents_are_not_converted() {
        assertThat(XStreamMetaData.convert("<meta-data><entry><string>a</string><com.acme.Money>"
                        + "<cents>1</cents></com.acme.Money></entry></meta-data>"))
                .isNull();
        assertThat(XStreamMetaData.convert("<map/>")).isNull();
        assertThat(XStreamMetaData.convert("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                        + "<meta-data><entry><string>a</string><string>&e;</string></entry></meta-data>"))
                .isNull();
    }
}
