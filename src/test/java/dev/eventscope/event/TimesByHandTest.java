package dev.eventscope.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Times#parse} and {@link Times#format} read and write times by hand rather than with a
 * formatter (they run for every imported and exported event); these pin that they accept, refuse
 * and print exactly what the ISO formatters do.
 */
class TimesByHandTest {

    private static final DateTimeFormatter STRICT =
            DateTimeFormatter.ISO_LOCAL_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-01-15T10:30Z",
                "2024-01-15T10:30:05Z",
                "2024-01-15T10:30:05.1Z",
                "2024-01-15T10:30:05.123+02:00",
                "2024-01-15T10:30:05.123456-0530",
                "2024-01-15T10:30:05.123456000+01",
                "2024-01-15 23:59:59.999999z",
                "2024-02-29T00:00:00Z",
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999Z"
            })
    void a_valid_timestamp_gives_the_instant_a_strict_iso_parse_gives(String text) {
        // given
        int offsetAt = Math.max(
                text.lastIndexOf('+'),
                Math.max(text.lastIndexOf('-'), text.toUpperCase().lastIndexOf('Z')));
        String local = text.substring(0, offsetAt).replace(' ', 'T');
        String offset = text.substring(offsetAt).toUpperCase();
        Instant expected = LocalDateTime.parse(local, STRICT).toInstant(ZoneOffset.of(offset));

        // when
        Instant parsed = Times.parse(text, null);

        // then
        assertThat(parsed).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2023-02-29T00:00:00Z",
                "2024-02-30T00:00:00Z",
                "2024-04-31T00:00:00Z",
                "2024-13-01T00:00:00Z",
                "2024-00-10T00:00:00Z",
                "2024-01-00T00:00:00Z",
                "2024-01-15T24:00:00Z",
                "2024-01-15T10:60:00Z",
                "2024-01-15T10:30:60Z"
            })
    void an_impossible_date_or_time_is_refused_as_not_real(String text) {
        assertThatThrownBy(() -> Times.parse(text, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a real date and time");
    }

    @Test
    void format_prints_what_iso_instant_prints_for_any_time_and_precision() {
        // given
        java.util.Random random = new java.util.Random(17);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong() % 400_000_000_000L;
            int nanos;
            switch (i % 4) {
                case 0 -> nanos = 0;
                case 1 -> nanos = random.nextInt(1_000) * 1_000_000;
                case 2 -> nanos = random.nextInt(1_000_000) * 1_000;
                default -> nanos = random.nextInt(1_000_000_000);
            }
            Instant instant = Instant.ofEpochSecond(seconds, nanos);

            // when
            String formatted = Times.format(instant);

            // then
            assertThat(formatted).as("%s", instant).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
    }

    @Test
    void micros_round_trip_before_and_after_1970() {
        for (long micros :
                new long[] {0, 1, -1, 999_999, -999_999, -1_000_001, 1_705_314_600_123_456L, -62_135_596_800_000_000L
                }) {
            assertThat(Times.toMicros(Times.fromMicros(micros))).isEqualTo(micros);
        }
        assertThat(Times.fromMicros(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15T10:30:00", "2024-03-30T02:30:00.5", "2024-10-27T01:59:59"})
    void a_timestamp_without_offset_is_read_in_the_given_zone(String text) {
        // given
        ZoneId zone = ZoneId.of("Europe/Amsterdam");

        // when
        Instant parsed = Times.parse(text, zone);

        // then
        LocalDateTime local = LocalDateTime.parse(text, STRICT);
        assertThat(parsed).isEqualTo(local.atZone(zone).toInstant());
    }
}
