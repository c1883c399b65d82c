package dev.eventscope.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Nested
    class when_parsing_timestamps {

        @ParameterizedTest
        @CsvSource({
            "2024-01-15T10:30:00Z,        2024-01-15T10:30:00Z",
            "2024-01-15T10:30:00z,        2024-01-15T10:30:00Z",
            "2024-01-15T10:30:00+02:00,   2024-01-15T08:30:00Z",
            "2024-01-15T10:30:00+0200,    2024-01-15T08:30:00Z",
            "2024-01-15T10:30:00+02,      2024-01-15T08:30:00Z",
            "2024-01-15T10:30:00-05:30,   2024-01-15T16:00:00Z",
            "2024-01-15 10:30:00Z,        2024-01-15T10:30:00Z",
            "2024-01-15T10:30Z,           2024-01-15T10:30:00Z",
            "2010-10-02T09:20:39.266+02:00, 2010-10-02T07:20:39.266Z"
        })
        void a_timestamp_with_Z_or_an_offset_is_normalised_to_UTC(String text, String utc) {
            // when
            Instant parsed = Times.parse(text, null);

            // then
            assertThat(parsed).isEqualTo(Instant.parse(utc));
        }

        @Test
        void microseconds_are_kept() {
            // when
            Instant parsed = Times.parse("2024-01-15T10:30:00.123456Z", null);

            // then
            assertThat(parsed.getNano()).isEqualTo(123_456_000);
            assertThat(Times.format(parsed)).isEqualTo("2024-01-15T10:30:00.123456Z");
        }

        @Test
        void nanosecond_digits_that_are_zero_are_accepted() {
            // when
            Instant parsed = Times.parse("2024-01-15T10:30:00.123456000Z", null);

            // then
            assertThat(parsed).isEqualTo(Instant.parse("2024-01-15T10:30:00.123456Z"));
        }

        @Test
        void precision_finer_than_a_microsecond_is_rejected() {
            assertThatThrownBy(() -> Times.parse("2024-01-15T10:30:00.1234567Z", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "'2024-01-15T10:30:00.1234567Z' is more precise than a microsecond, which the store cannot keep");
        }

        @Test
        void a_timestamp_without_an_offset_is_rejected_without_a_zone() {
            assertThatThrownBy(() -> Times.parse("2024-01-15T10:30:00", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'2024-01-15T10:30:00' has no offset: add Z or an offset such as +01:00, or pass"
                            + " --tz ZONE");
        }

        @Test
        void a_timestamp_without_an_offset_is_read_in_the_given_zone() {
            // when
            Instant winter = Times.parse("2024-01-15T10:30:00", AMSTERDAM);
            Instant summer = Times.parse("2024-07-15T10:30:00", AMSTERDAM);

            // then
            assertThat(winter).isEqualTo(Instant.parse("2024-01-15T09:30:00Z"));
            assertThat(summer).isEqualTo(Instant.parse("2024-07-15T08:30:00Z"));
        }

        @Test
        void a_local_time_in_a_daylight_saving_gap_is_rejected() {
            // 2024-03-31 02:30 does not exist in Amsterdam: clocks jump from 02:00 to 03:00
            assertThatThrownBy(() -> Times.parse("2024-03-31T02:30:00", AMSTERDAM))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'2024-03-31T02:30:00' does not exist in Europe/Amsterdam (a clock change skips it)");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2024-02-30T10:00:00Z",
                    "2023-02-29T10:00:00Z",
                    "2024-13-01T10:00:00Z",
                    "2024-01-15T24:00:00Z",
                    "2024-01-15T10:60:00Z"
                })
        void an_impossible_date_or_time_is_rejected(String text) {
            assertThatThrownBy(() -> Times.parse(text, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + text + "' is not a real date and time");
        }

        @Test
        void an_impossible_offset_is_rejected() {
            assertThatThrownBy(() -> Times.parse("2024-01-15T10:00:00+19:00", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'2024-01-15T10:00:00+19:00' has an impossible offset +19:00");
        }

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "2024-01-15", "15/01/2024 10:00", "2024-01-15T10:30:00 Z", ""})
        void text_that_is_not_ISO_8601_is_rejected(String text) {
            assertThatThrownBy(() -> Times.parse(text, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + text + "' is not an ISO-8601 timestamp such as 2024-01-15T10:30:00Z");
        }

        @Test
        void a_leap_day_in_a_leap_year_is_accepted() {
            assertThat(Times.parse("2024-02-29T12:00:00Z", null)).isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
        }
    }

    @Nested
    class when_parsing_command_line_times {

        private final Instant now = Instant.parse("2024-06-01T12:00:00.5Z");

        @Test
        void now_is_the_captured_now() {
            assertThat(Times.parseArgument("now", null, now)).isEqualTo(now);
            assertThat(Times.parseArgument("NOW", null, now)).isEqualTo(now);
        }

        @ParameterizedTest
        @CsvSource({
            "-2h,    PT2H",
            "2h,     PT2H",
            "30m,    PT30M",
            "1d12h,  PT36H",
            "90s,    PT90S",
            "250ms,  PT0.25S",
            "2w,     PT336H",
            "-1d30m, PT24H30M"
        })
        void a_relative_time_counts_back_from_now(String text, Duration ago) {
            assertThat(Times.parseArgument(text, null, now)).isEqualTo(now.minus(ago));
        }

        @Test
        void a_date_is_the_start_of_that_day_in_the_given_zone() {
            assertThat(Times.parseArgument("2024-01-15", AMSTERDAM, now))
                    .isEqualTo(Instant.parse("2024-01-14T23:00:00Z"));
        }

        @Test
        void regression_a_date_without_tz_is_the_start_of_that_day_in_UTC() {
            // was: rejected with "'2024-01-15T00:00:00' has no offset", a text the user never typed
            assertThat(Times.parseArgument("2024-01-15", null, now)).isEqualTo(Instant.parse("2024-01-15T00:00:00Z"));
        }

        @Test
        void regression_issue_23_a_time_without_an_offset_follows_the_rule_of_a_date() {
            // was: a date without --tz was read in UTC while a time without an offset was refused
            assertThat(Times.parseArgument("2024-01-16T00:00:00", null, now))
                    .isEqualTo(Times.parseArgument("2024-01-16", null, now))
                    .isEqualTo(Instant.parse("2024-01-16T00:00:00Z"));
            assertThat(Times.parseArgument("2024-01-16T10:30", AMSTERDAM, now))
                    .isEqualTo(Instant.parse("2024-01-16T09:30:00Z"));
            assertThat(Times.parseArgument("2024-01-16", AMSTERDAM, now))
                    .isEqualTo(Instant.parse("2024-01-15T23:00:00Z"));
        }

        @Test
        void an_impossible_date_is_rejected() {
            assertThatThrownBy(() -> Times.parseArgument("2024-02-30", null, now))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a real date");
        }

        @Test
        void an_iso_timestamp_is_parsed_like_input() {
            assertThat(Times.parseArgument(" 2024-01-15T10:30:00+01:00 ", null, now))
                    .isEqualTo(Instant.parse("2024-01-15T09:30:00Z"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"99999999w", "9999999999999d", "99999999999999999999h"})
        void regression_a_relative_time_too_far_back_is_rejected_instead_of_failing_as_a_bug(String text) {
            // was: ArithmeticException or DateTimeException, reported as an internal error (exit 70)
            assertThatThrownBy(() -> Times.parseArgument(text, null, now))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + text + "' reaches further back than the store can represent");
        }

        @Test
        void an_unknown_unit_is_rejected() {
            assertThatThrownBy(() -> Times.parseArgument("2y", null, now))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an ISO-8601 timestamp");
        }
    }

    @Nested
    class when_formatting_and_converting {

        @Test
        void formatting_is_UTC_with_Z_and_only_the_needed_fraction_digits() {
            assertThat(Times.format(Instant.parse("2024-01-15T10:30:00Z"))).isEqualTo("2024-01-15T10:30:00Z");
            assertThat(Times.format(Instant.parse("2024-01-15T10:30:00.100Z"))).isEqualTo("2024-01-15T10:30:00.100Z");
            assertThat(Times.format(Instant.parse("2024-01-15T10:30:00.000001Z")))
                    .isEqualTo("2024-01-15T10:30:00.000001Z");
        }

        @Test
        void micros_round_trip() {
            Instant t = Instant.parse("2024-01-15T10:30:00.123456Z");
            assertThat(Times.toMicros(t)).isEqualTo(1_705_314_600_123_456L);
            assertThat(Times.fromMicros(Times.toMicros(t))).isEqualTo(t);
        }

        @Test
        void micros_before_1970_round_trip() {
            Instant t = Instant.parse("1969-12-31T23:59:59.999999Z");
            assertThat(Times.toMicros(t)).isEqualTo(-1L);
            assertThat(Times.fromMicros(-1L)).isEqualTo(t);
        }

        @Test
        void now_has_no_digits_below_a_microsecond() {
            assertThat(Times.nowMicros().getNano() % 1_000).isZero();
        }

        @Test
        void a_zone_that_does_not_exist_is_rejected() {
            assertThatThrownBy(() -> Times.zone("Mars/Olympus"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'Mars/Olympus' is not a time zone such as UTC or Europe/Amsterdam");
        }
    }
}
