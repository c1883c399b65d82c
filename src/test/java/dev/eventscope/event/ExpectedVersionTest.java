package dev.eventscope.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpectedVersionTest {

    @Nested
    class when_parsing {

        @Test
        void the_named_forms_are_recognised_in_any_case() {
            assertThat(ExpectedVersion.parse("any")).isEqualTo(ExpectedVersion.ANY);
            assertThat(ExpectedVersion.parse("ANY")).isEqualTo(ExpectedVersion.ANY);
            assertThat(ExpectedVersion.parse("no-stream")).isEqualTo(ExpectedVersion.NO_STREAM);
            assertThat(ExpectedVersion.parse("nostream")).isEqualTo(ExpectedVersion.NO_STREAM);
            assertThat(ExpectedVersion.parse("exists")).isEqualTo(ExpectedVersion.EXISTS);
            assertThat(ExpectedVersion.parse("stream-exists")).isEqualTo(ExpectedVersion.EXISTS);
        }

        @Test
        void a_number_is_an_exact_version() {
            assertThat(ExpectedVersion.parse("0")).isEqualTo(new ExpectedVersion.Exactly(0));
            assertThat(ExpectedVersion.parse(" 17 ")).isEqualTo(new ExpectedVersion.Exactly(17));
        }

        @Test
        void each_form_prints_as_it_is_written() {
            assertThat(ExpectedVersion.parse("no-stream")).hasToString("no-stream");
            assertThat(ExpectedVersion.parse("exists")).hasToString("exists");
            assertThat(ExpectedVersion.parse("any")).hasToString("any");
            assertThat(ExpectedVersion.parse("5")).hasToString("5");
        }

        @ParameterizedTest
        @ValueSource(strings = {"foo", "", "1.5", "two", "99999999999999999999"})
        void anything_else_is_rejected_with_the_accepted_forms(String text) {
            assertThatThrownBy(() -> ExpectedVersion.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("expected version '" + text + "' is not any, no-stream, exists or a number 0 or more");
        }

        @Test
        void a_negative_number_is_rejected() {
            assertThatThrownBy(() -> ExpectedVersion.parse("-1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("expected version must be 0 or more, got -1");
        }
    }

    @Nested
    class when_checking_a_stream {

        @Test
        void any_accepts_every_version() {
            assertThat(ExpectedVersion.ANY.isSatisfiedBy(0)).isTrue();
            assertThat(ExpectedVersion.ANY.isSatisfiedBy(5)).isTrue();
        }

        @Test
        void no_stream_accepts_only_a_stream_without_events() {
            assertThat(ExpectedVersion.NO_STREAM.isSatisfiedBy(0)).isTrue();
            assertThat(ExpectedVersion.NO_STREAM.isSatisfiedBy(1)).isFalse();
        }

        @Test
        void exists_accepts_only_a_stream_with_events() {
            assertThat(ExpectedVersion.EXISTS.isSatisfiedBy(0)).isFalse();
            assertThat(ExpectedVersion.EXISTS.isSatisfiedBy(1)).isTrue();
            assertThat(ExpectedVersion.EXISTS.isSatisfiedBy(42)).isTrue();
        }

        @Test
        void an_exact_version_accepts_only_that_current_version() {
            var five = new ExpectedVersion.Exactly(5);
            assertThat(five.isSatisfiedBy(5)).isTrue();
            assertThat(five.isSatisfiedBy(4)).isFalse();
            assertThat(five.isSatisfiedBy(6)).isFalse();
            assertThat(new ExpectedVersion.Exactly(0).isSatisfiedBy(0)).isTrue();
        }
    }
}
