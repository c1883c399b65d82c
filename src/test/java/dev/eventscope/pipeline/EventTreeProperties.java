package dev.eventscope.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.Times;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class EventTreeProperties {

    @Property(tries = 2000)
    void the_fast_utc_text_is_the_text_of_times_format(
            @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 3) int precision) {
        // given: whole seconds, milliseconds, microseconds or nanoseconds
        int[] units = {1_000_000_000, 1_000_000, 1_000, 1};
        Instant t = Instant.ofEpochSecond(seconds, nanos / units[precision] * units[precision]);

        // then
        assertThat(EventTree.utc(t)).isEqualTo(Times.format(t));
    }
}
