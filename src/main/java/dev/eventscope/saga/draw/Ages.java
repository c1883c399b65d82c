package dev.eventscope.saga.draw;

import java.time.Duration;

/**
 * How long a saga instance has run or waited, in the words of {@code saga list}, {@code saga show}
 * and the console's saga pages: the two largest units ({@code 3d 4h}, {@code 2h 5m}, {@code 7m 3s},
 * {@code 12s}); a negative duration reads as 0s.
 */
public final class Ages {

    private Ages() {}

    public static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m " + s % 60 + "s";
        }
        return s % 60 + "s";
    }
}
