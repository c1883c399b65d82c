package dev.eventscope.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading and writing the two time axes: ISO-8601 text in, UTC microseconds stored, UTC {@code Z}
 * text out.
 *
 * <p>Input must carry {@code Z} or an offset ({@code +02:00}, {@code +0200}, {@code +02}); text
 * without one is only accepted when a zone says how to read it. Impossible dates are refused, and
 * so is precision finer than a microsecond (the store keeps microseconds, and silently dropping
 * digits would change the event).
 */
public final class Times {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.(\\d{1,9}))?)?)(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");

    private Times() {}

    /**
     * Parses an ISO-8601 timestamp.
     *
     * @param zone how to read text without an offset, or null to refuse such text
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Instant parse(String text, ZoneId zone) {
        Matcher m = ISO.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + shorten(text) + "' is not an ISO-8601 timestamp such as 2024-01-15T10:30:00Z");
        }
        String fraction = m.group(3);
        if (fraction != null && fraction.length() > 6 && !fraction.substring(6).matches("0+")) {
            throw new IllegalArgumentException(
                    "'" + text + "' is more precise than a microsecond, which the store cannot keep");
        }
        LocalDateTime local;
        try {
            local = local(text, m.start(2), fraction);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a real date and time");
        }
        String offset = m.group(4);
        if (offset != null) {
            try {
                return local.toInstant(ZoneOffset.of(offset.equals("z") ? "Z" : offset));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + text + "' has an impossible offset " + offset);
            }
        }
        if (zone == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' has no offset: add Z or an offset such as +01:00, or pass --tz ZONE");
        }
        ZonedDateTime zoned = ZonedDateTime.ofLocal(local, zone, null);
        if (!zoned.toLocalDateTime().equals(local)) {
            throw new IllegalArgumentException(
                    "'" + text + "' does not exist in " + zone + " (a clock change skips it)");
        }
        return zoned.toInstant();
    }

    /**
     * The date and time the pattern matched, read by hand (digits are where the pattern put them):
     * a formatter costs more than the rest of an imported event's checks. {@code LocalDateTime.of}
     * refuses what a strict ISO parse refuses: day 30 of February, hour 24, second 60.
     */
    private static LocalDateTime local(String text, int timeStart, String fraction) {
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, timeStart, 2);
        int minute = digits(text, timeStart + 3, 2);
        boolean hasSeconds = text.length() > timeStart + 5 && text.charAt(timeStart + 5) == ':';
        int second = hasSeconds ? digits(text, timeStart + 6, 2) : 0;
        int nanos = 0;
        if (fraction != null) {
            nanos = Integer.parseInt(fraction);
            for (int i = fraction.length(); i < 9; i++) {
                nanos *= 10;
            }
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * Parses a time given on the command line: {@code now}, a time ago ({@code -2h}, {@code 30m},
     * {@code 1d12h}; units ms, s, m, h, d, w), a date ({@code 2024-01-15}, the start of that day),
     * or an ISO-8601 timestamp. One rule for a date and for a timestamp without an offset: both are
     * read in {@code zone}, or without one in UTC, the zone every output is printed in (so a time
     * copied from the output without its {@code Z} means what it said). Data is stricter: an event's
     * timestamp without an offset is refused unless a zone is given ({@link #parse}). Relative times
     * count back from {@code now}, which the caller captures once so that every time in one command
     * agrees.
     *
     * @param zone how to read a date or a timestamp without an offset; null for UTC
     */
    public static Instant parseArgument(String text, ZoneId zone, Instant now) {
        String t = text.trim();
        if (t.equalsIgnoreCase("now")) {
            return now;
        }
        if (Durations.matches(t.startsWith("-") ? t.substring(1) : t)) {
            return ago(t, now);
        }
        // output is in UTC, so without --tz a date, or a date and time, is read in UTC
        ZoneId in = zone == null ? ZoneOffset.UTC : zone;
        if (DATE_ONLY.matcher(t).matches()) {
            return parse(t + "T00:00:00", in);
        }
        return parse(t, in);
    }

    private static Instant ago(String t, Instant now) {
        try {
            java.time.Duration ago = Durations.parse(t.startsWith("-") ? t.substring(1) : t);
            Instant result = now.minus(ago);
            // the store keeps microseconds in a long: about 292,000 years either side of 1970
            toMicros(result);
            return result;
        } catch (ArithmeticException | DateTimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + shorten(t) + "' reaches further back than the store can represent");
        }
    }

    /** Parses a zone id such as {@code Europe/Amsterdam}, {@code UTC} or {@code +01:00}. */
    public static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time zone such as UTC or Europe/Amsterdam");
        }
    }

    /** Formats as UTC ISO-8601 with {@code Z}, with 0, 3 or 6 fraction digits as needed. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        // what ISO_INSTANT prints, written by hand: exports format two times per event
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int nano = instant.getNano();
        char[] c = new char[30];
        digits(c, 0, t.getYear(), 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        int at = 19;
        if (nano != 0) {
            c[at++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(c, at, nano / 1_000_000, 3);
                at += 3;
            } else if (nano % 1_000 == 0) {
                digits(c, at, nano / 1_000, 6);
                at += 6;
            } else {
                digits(c, at, nano, 9);
                at += 9;
            }
        }
        c[at++] = 'Z';
        return new String(c, 0, at);
    }

    /** Years 0000 to 9999, which ISO_INSTANT prints without a sign. */
    private static final long FIRST_FAST_SECOND =
            LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    private static final long LAST_FAST_SECOND =
            LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private static void digits(char[] c, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    public static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** The current time, cut to microseconds (what the store can keep). */
    public static Instant nowMicros() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
