package dev.eventscope.e2e.readme;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a command's output is the output a README shows for it.
 *
 * <p>Lines must be equal, except that the values that differ from run to run may differ: ids
 * (UUIDs), hashes (which chain record times), times of the run itself (record times, "now": an
 * instant inside {@code window}), and durations. Where such a value differs, the spaces beside it
 * may differ too (a column that holds it is as wide as it is). A line that is only {@code ...}
 * stands for any number of lines, none included. Trailing blank lines do not count.
 */
final class ShownOutput {

    /** The instants a record time of this run can have. */
    record Window(Instant from, Instant to) {

        boolean contains(Instant t) {
            return !t.isBefore(from) && !t.isAfter(to);
        }
    }

    private enum Variable {
        TIME("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2})"),
        UUID("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        HASH("[0-9a-f]{64}"),
        // 3.0 s, 26 ms, 1.2 µs; 16y 60d, 1d0h1m, 7h24m52s, 14m15.774s, 58.729s
        DURATION("(?:\\d+(?:\\.\\d+)? ?(?:ms|µs|ns|s)|\\d+y(?: \\d+d)?|\\d+d(?:\\d+h)?(?:\\d+m)?|\\d+h\\d+m\\d+s"
                + "|\\d+m\\d+(?:\\.\\d+)?s)(?![\\w.])");

        final String regex;

        Variable(String regex) {
            this.regex = regex;
        }
    }

    private static final Pattern ANY = Pattern.compile("(?<![\\w.-])(?:" + group(Variable.TIME) + "|"
            + group(Variable.UUID) + "|" + group(Variable.HASH) + "|" + group(Variable.DURATION) + ")(?![\\w:-])");

    private static String group(Variable v) {
        return "(?<" + v.name() + ">" + v.regex + ")";
    }

    private ShownOutput() {}

    /** Null when {@code actual} is what {@code shown} shows, else a description of the first difference. */
    static String difference(List<String> shown, List<String> actual, Window window) {
        List<String> expected = Steps.trimTrailingBlank(shown);
        List<String> got = Steps.trimTrailingBlank(actual);
        int[] furthest = {0};
        if (match(expected, 0, got, 0, window, furthest)) {
            return null;
        }
        int at = furthest[0];
        String wanted = at < expected.size() ? expected.get(at) : "(end of output)";
        return "first difference at shown line " + (at + 1) + ": " + wanted;
    }

    private static boolean match(List<String> e, int i, List<String> a, int j, Window w, int[] furthest) {
        while (true) {
            furthest[0] = Math.max(furthest[0], i);
            if (i == e.size()) {
                return j == a.size();
            }
            if (e.get(i).equals("...")) {
                for (int k = j; k <= a.size(); k++) {
                    if (match(e, i + 1, a, k, w, furthest)) {
                        return true;
                    }
                }
                return false;
            }
            if (j == a.size() || !lineMatches(e.get(i), a.get(j), w)) {
                return false;
            }
            i++;
            j++;
        }
    }

    /** Whether one output line is the line shown, up to the values that differ per run. */
    static boolean lineMatches(String shown, String actual, Window window) {
        if (shown.equals(actual)) {
            return true;
        }
        List<Variable> kinds = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = ANY.matcher(shown);
        int last = 0;
        while (m.find()) {
            Variable kind = kindOf(m);
            regex.append(literal(shown.substring(last, m.start()), last > 0, true));
            regex.append('(').append(kind.regex).append(')');
            kinds.add(kind);
            values.add(m.group());
            last = m.end();
        }
        if (kinds.isEmpty()) {
            return false;
        }
        regex.append(literal(shown.substring(last), true, false));
        Matcher a = Pattern.compile(regex.toString()).matcher(actual);
        if (!a.matches()) {
            return false;
        }
        for (int g = 0; g < kinds.size(); g++) {
            String got = a.group(g + 1);
            if (!got.equals(values.get(g)) && !mayDiffer(kinds.get(g), got, window)) {
                return false;
            }
        }
        return true;
    }

    private static Variable kindOf(Matcher m) {
        for (Variable v : Variable.values()) {
            if (m.group(v.name()) != null) {
                return v;
            }
        }
        throw new IllegalStateException(m.group());
    }

    private static boolean mayDiffer(Variable kind, String value, Window window) {
        if (kind != Variable.TIME) {
            return true;
        }
        // a time may differ only when it is a time of this run (a record time, "now")
        try {
            return window.contains(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The regex of literal text between two values; the spaces that touch a value may be any
     * number of spaces (at least one), since the value's width may differ.
     */
    private static String literal(String text, boolean afterValue, boolean beforeValue) {
        String lead = "";
        String trail = "";
        String middle = text;
        if (afterValue && middle.startsWith(" ")) {
            String rest = middle.stripLeading();
            if (rest.isEmpty()) {
                return beforeValue ? " +" : " *";
            }
            lead = " +";
            middle = middle.substring(middle.length() - rest.length());
        }
        if (beforeValue && middle.endsWith(" ")) {
            String rest = middle.stripTrailing();
            trail = " +";
            middle = rest;
        }
        return lead + (middle.isEmpty() ? "" : Pattern.quote(middle)) + trail;
    }
}
