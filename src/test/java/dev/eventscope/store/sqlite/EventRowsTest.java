package dev.eventscope.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventRowsTest {

    @Test
    void the_end_of_a_prefix_range_raises_its_last_character() {
        assertThat(EventRows.prefixEnd("case-")).isEqualTo("case.");
        assertThat(EventRows.prefixEnd("a\uFFFF")).isEqualTo("a\uD800\uDC00");
        assertThat(EventRows.prefixEnd("a\uD7FF")).isEqualTo("a\uE000");
        assertThat(EventRows.prefixEnd("a\uD83D\uDE00")).isEqualTo("a\uD83D\uDE01");
    }

    @Test
    void a_prefix_ending_in_the_highest_code_point_raises_the_character_before_it() {
        assertThat(EventRows.prefixEnd("ab\uDBFF\uDFFF")).isEqualTo("ac");
        assertThat(EventRows.prefixEnd("\uDBFF\uDFFF")).isNull();
    }
}
