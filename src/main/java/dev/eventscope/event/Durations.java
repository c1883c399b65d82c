package dev.eventscope.event;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a duration is written, wherever one is given: on the command line ({@code
 * --max-record-lag 7d}, {@code --poll 250ms}, {@code --interval 2s}, a time ago such as {@code -2h}
 * or {@code 30m} in a cut) and in the model ({@code backoff: 500ms}, {@code timeout: 10s}). A number
 * and a unit ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}, {@code w}), or a sum of them
 * such as {@code 1d12h}; a space between a number and its unit is allowed.
 */
public final class Durations {

    /** What a duration looks like, for hints. */
    public static final String EXAMPLES = "500ms, 90s, 30m, 12h, 7d or 1d12h";

    private static final Pattern WHOLE = Pattern.compile("(\\d+\\s*(ms|s|m|h|d|w))+");
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");
    private static final Pattern BARE = Pattern.compile("\\d{1,18}");

    private Durations() {}

    /** Whether {@code text} is a duration (trimmed; no sign). */
    public static boolean matches(String text) {
        return WHOLE.matcher(text.trim()).matches();
    }

    /**
     * The duration {@code text} says.
     *
     * @throws IllegalArgumentException when it is not one, or too long for a {@link Duration}
     */
    public static Duration parse(String text) {
        String t = text.trim();
        if (!WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as " + EXAMPLES);
        }
        try {
            Duration sum = Duration.ZERO;
            Matcher part = PART.matcher(t);
            while (part.find()) {
                long n = Long.parseLong(part.group(1));
                sum = sum.plus(of(n, part.group(2)));
            }
            return sum;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
    }

    /**
     * {@link #parse(String)}, or a bare number counted in {@code bareUnit} (options that took a plain
     * number before units were accepted: {@code --poll 250} is 250 ms, {@code --interval 2} two
     * seconds).
     */
    public static Duration parse(String text, ChronoUnit bareUnit) {
        String t = text.trim();
        if (BARE.matcher(t).matches()) {
            return Duration.of(Long.parseLong(t), bareUnit);
        }
        return parse(t);
    }

    private static Duration of(long n, String unit) {
        switch (unit) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                return Duration.ofDays(Math.multiplyExact(7, n));
        }
    }

    /**
     * A duration for people, in the two largest units: {@code 3d 4h}, {@code 2h 5m}, {@code 7m 3s},
     * {@code 12s}; a negative duration reads as {@code 0s}. The words of {@code saga list}, {@code saga
     * show}, the console's saga pages and the audit report's correlation spans.
     */
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
