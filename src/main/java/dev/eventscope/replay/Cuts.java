package dev.eventscope.replay;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Cuts from command-line text: the options {@code --at}, {@code --as-of}, {@code --version},
 * {@code --position}, and the one-word form {@code diff --from/--to} uses ({@code at:TIME},
 * {@code as-of:TIME}, {@code version:N}, {@code position:N}, {@code latest}, a bare time meaning
 * {@code at:}, joined with commas: {@code at:2024-01-20,as-of:2024-02-01}).
 *
 * <p>Relative times ({@code -2h}, {@code 30m}) count back from one {@code now} the caller captures
 * once, so every time of one command agrees.
 */
public final class Cuts {

    private final ZoneId zone;
    private final Instant now;

    /**
     * @param zone how to read times without an offset (null: refuse them)
     * @param now what relative times count back from
     */
    public Cuts(ZoneId zone, Instant now) {
        this.zone = zone;
        this.now = now;
    }

    /**
     * The cut the options describe (null text: option not given).
     *
     * @throws UsageException for bad values or options that cannot be combined
     */
    public Cut of(String at, String asOf, Long version, Long position) {
        if (version != null && (at != null || asOf != null || position != null)) {
            throw new UsageException(
                    "--version cuts one stream at a stream version and cannot be combined with --at, --as-of or"
                            + " --position",
                    "use either --version N, or --at/--as-of/--position");
        }
        if (asOf != null && position != null) {
            throw new UsageException(
                    "--as-of and --position both bound record time; give one of them", "--at combines with either one");
        }
        if (version != null) {
            if (version < 0) {
                throw new UsageException("--version must be 0 or more, got " + version);
            }
            return new Cut.Version(version);
        }
        if (position != null && position < 0) {
            throw new UsageException("--position must be 0 or more, got " + position);
        }
        Cut record = Cut.LATEST;
        if (asOf != null) {
            record = new Cut.AsOf(time("--as-of", asOf));
        } else if (position != null) {
            record = new Cut.UpToPosition(position);
        }
        if (at != null) {
            return new Cut.At(time("--at", at), record);
        }
        return record;
    }

    /** A cut in the one-word form of {@code --from}/{@code --to}. */
    public Cut parse(String option, String text) {
        String at = null;
        String asOf = null;
        Long version = null;
        Long position = null;
        String t = text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("latest") || t.equalsIgnoreCase("head")) {
            return Cut.LATEST;
        }
        for (String part : t.split(",")) {
            String p = part.trim();
            int colon = p.indexOf(':');
            String key = colon < 0 ? "" : p.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            String value = colon < 0 ? p : p.substring(colon + 1).trim();
            switch (key) {
                case "at":
                    at = value;
                    break;
                case "as-of":
                case "asof":
                    asOf = value;
                    break;
                case "version":
                case "v":
                    version = number(option, value);
                    break;
                case "position":
                case "p":
                    position = number(option, value);
                    break;
                default:
                    // a bare time (its own colons are not a key)
                    at = p;
                    break;
            }
        }
        if (at != null && at.matches("\\d+")) {
            throw new UsageException(
                    option + " " + text + ": a bare number is ambiguous", "write version:" + at + " or position:" + at);
        }
        return of(at, asOf, version, position);
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + value + "' is not a whole number");
        }
    }

    /**
     * A time option ({@code --now}, {@code --at}): a timestamp, a date, {@code now} or a time ago.
     *
     * @throws UsageException naming {@code option} when the text is not a time
     */
    public Instant time(String option, String text) {
        try {
            return Times.parseArgument(text, zone, now);
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    option + ": " + e.getMessage(),
                    "e.g. " + option + " 2024-01-15T10:30:00Z or " + option + " -2h; a date or a time without an offset"
                            + " needs --tz ZONE");
        }
    }
}
