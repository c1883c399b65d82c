package dev.eventscope.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourcePositionTest {

    @Test
    void a_position_reads_back_from_what_it_prints() {
        for (SourcePosition p : new SourcePosition[] {
            SourcePosition.of(1), SourcePosition.of(Long.MAX_VALUE), new SourcePosition(754, 6)
        }) {
            assertThat(SourcePosition.parse(p.toString())).isEqualTo(p);
        }
        assertThat(new SourcePosition(754, 6).toString()).isEqualTo("754:6");
    }

    @Test
    void text_that_is_no_position_is_refused() {
        for (String bad : new String[] {"", "-1", "1:", ":1", "1:2:3", "x", "99999999999999999999", " 1"}) {
            assertThatThrownBy(() -> SourcePosition.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a source position");
        }
    }

    @Test
    void just_before_a_position_nothing_lies_between() {
        SourcePosition p = new SourcePosition(754, 6);
        assertThat(p.justBefore()).isEqualTo(new SourcePosition(754, 5));
        assertThat(p.justBefore()).isLessThan(p);
        assertThat(SourcePosition.of(1).justBefore()).isEqualTo(SourcePosition.START);
    }

    @Test
    void every_event_names_its_source_when_the_source_has_a_name() {
        var named = new SourceEventBuilder(SourceKind.EMMETT, "shop", SourcePosition.of(3)).importedFrom();
        assertThat(named.node().toString()).isEqualTo("{\"kind\":\"emmett\",\"source\":\"shop\",\"position\":\"3\"}");
        var unnamed = new SourceEventBuilder(SourceKind.EMMETT, SourcePosition.of(3)).importedFrom();
        assertThat(unnamed.node().toString()).isEqualTo("{\"kind\":\"emmett\",\"position\":\"3\"}");
    }
}
