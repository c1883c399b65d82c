package dev.eventscope.trace;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations for people: {@code 47.322s}, {@code 14m15.774s}, {@code 2h3m4s}, {@code 1d2h3m}. */
public final class Durations {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private Durations() {}

    /** A delay, signed: {@code +47.322s}, or {@code -3s} for an event timestamped before its cause. */
    public static String delay(Duration d) {
        return (d.isNegative() ? "-" : "+") + span(d.abs());
    }

    /**
     * A length of time, exact to the microsecond below a minute and to the millisecond below an
     * hour; coarser beyond that (seconds below a day, minutes above).
     */
    public static String span(Duration d) {
        Duration a = d.abs();
        String sign = d.isNegative() ? "-" : "";
        long micros = a.getSeconds() * MICROS_PER_SECOND + a.getNano() / 1_000;
        long seconds = a.getSeconds();
        if (seconds < 60) {
            return sign + seconds(micros, 6) + "s";
        }
        if (seconds < 3_600) {
            return sign + seconds / 60 + "m" + seconds((micros % (60 * MICROS_PER_SECOND)) / 1_000 * 1_000, 6) + "s";
        }
        if (seconds < 86_400) {
            return sign + seconds / 3_600 + "h" + seconds % 3_600 / 60 + "m" + seconds % 60 + "s";
        }
        return sign + seconds / 86_400 + "d" + seconds % 86_400 / 3_600 + "h" + seconds % 3_600 / 60 + "m";
    }

    private static String seconds(long micros, int scale) {
        BigDecimal s = BigDecimal.valueOf(micros, scale).stripTrailingZeros();
        return s.scale() <= 0 ? s.toBigInteger().toString() : s.toPlainString();
    }
}
