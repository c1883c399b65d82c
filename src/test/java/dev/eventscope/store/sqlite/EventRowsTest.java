package dev.eventscope.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
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

    @Test
    void text_read_as_bytes_is_the_text_the_driver_decodes() throws Exception {
        for (String text :
                new String[] {"Order", "order-0007", "", "caf\u00e9 \u65e5\u672c \uD83D\uDE00", "a\u0000b"}) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                    PreparedStatement st = c.prepareStatement("SELECT ?")) {
                st.setString(1, text);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    assertThat(EventRows.text(rs, 1)).as(text).isEqualTo(rs.getString(1));
                    assertThat(EventRows.text(rs, 1)).as(text).isEqualTo(text);
                }
            }
        }
    }

    @Test
    void an_event_id_read_as_bytes_is_the_uuid_of_its_text() throws Exception {
        for (String id : new String[] {
            "8d79b230-e7d1-4a54-b453-4f027c933355",
            "8D79B230-E7D1-4A54-B453-4F027C933355",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            UUID.randomUUID().toString()
        }) {
            assertThat(uuidOf(id)).as(id).isEqualTo(UUID.fromString(id));
        }
        // not canonical: UUID.fromString decides, with its own errors
        assertThat(uuidOf("1-2-3-4-5")).isEqualTo(UUID.fromString("1-2-3-4-5"));
        assertThatThrownBy(() -> uuidOf("8d79b230-e7d1-4a54-b453-4f027c93335g"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uuidOf("not a uuid")).isInstanceOf(IllegalArgumentException.class);
    }

    private static UUID uuidOf(String text) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                PreparedStatement st = c.prepareStatement("SELECT ?")) {
            st.setString(1, text);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return EventRows.uuid(rs, 1);
            }
        }
    }
}
