package dev.eventscope.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CutsTest {

    static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    final Cuts cuts = new Cuts(null, NOW);

    @Test
    void at_combines_with_as_of_and_relative_times_count_back_from_one_now() {
        // when
        Cut cut = cuts.of("-2h", "-1h", null, null);

        // then
        assertThat(cut)
                .isEqualTo(new Cut.At(
                        Instant.parse("2024-06-01T10:00:00Z"), new Cut.AsOf(Instant.parse("2024-06-01T11:00:00Z"))));
    }

    @Test
    void the_one_word_form_reads_keys_and_bare_times() {
        assertThat(cuts.parse("--from", "version:3")).isEqualTo(new Cut.Version(3));
        assertThat(cuts.parse("--from", "position:12")).isEqualTo(new Cut.UpToPosition(12));
        assertThat(cuts.parse("--from", "latest")).isEqualTo(Cut.LATEST);
        assertThat(cuts.parse("--from", "2024-01-15T10:30:00Z"))
                .isEqualTo(new Cut.At(Instant.parse("2024-01-15T10:30:00Z"), Cut.LATEST));
        assertThat(cuts.parse("--from", "at:2024-01-15T10:30:00Z,position:7"))
                .isEqualTo(new Cut.At(Instant.parse("2024-01-15T10:30:00Z"), new Cut.UpToPosition(7)));
    }

    @Test
    void a_bare_number_is_ambiguous() {
        assertThatThrownBy(() -> cuts.parse("--from", "12"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--from 12: a bare number is ambiguous");
    }

    @Test
    void version_does_not_combine_and_as_of_excludes_position() {
        assertThatThrownBy(() -> cuts.of(null, null, 2L, 5L)).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> cuts.of(null, "-1h", null, 5L))
                .isInstanceOf(UsageException.class)
                .hasMessage("--as-of and --position both bound record time; give one of them");
    }
}
