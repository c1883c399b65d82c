package dev.eventscope.fuzz;

import java.util.Arrays;

/**
 * The property every fuzz target checks (ADR 0130): an input is accepted and the command exits 0,
 * or it is refused with one of the documented exit codes and a message that names the problem
 * (first line {@code evs: …}); never an internal error (exit 70), a stack trace or an uncaught
 * exception. Anything else is a finding: an {@link AssertionError} that Jazzer saves the input of.
 */
final class Outcome {

    /** Refusals of bad input: usage (2), invalid data (65), not found (66), I/O or damage (74). */
    static final int[] REFUSALS = {2, 65, 66, 74};

    private Outcome() {}

    /** Requires exit 0 or a documented refusal, or one of {@code alsoAllowed} (e.g. 1 for checks). */
    static Evs.Run require(Evs.Run run, int... alsoAllowed) {
        boolean allowed = run.exit() == 0
                || Arrays.stream(REFUSALS).anyMatch(c -> c == run.exit())
                || Arrays.stream(alsoAllowed).anyMatch(c -> c == run.exit());
        if (!allowed) {
            throw new AssertionError("undocumented outcome (exit " + run.exit() + ")\n" + run);
        }
        // echoed input is escaped (Text.printable), so these can only be the tool's own lines
        if (run.err().startsWith("evs: internal error")
                || run.err().contains("\nevs: internal error")
                || run.err().contains("\n\tat ")) {
            throw new AssertionError("an internal error or a stack trace on stderr\n" + run);
        }
        if (refused(run) && !run.err().startsWith("evs: ")) {
            throw new AssertionError("a refusal without an 'evs: ' message on its first line\n" + run);
        }
        if (refused(run) && firstLine(run.err()).length() <= "evs: ".length()) {
            throw new AssertionError("a refusal with an empty message\n" + run);
        }
        return run;
    }

    static boolean refused(Evs.Run run) {
        return Arrays.stream(REFUSALS).anyMatch(c -> c == run.exit());
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Fails the fuzz target with {@code what} and the runs that show it. */
    static AssertionError finding(String what, Object... evidence) {
        StringBuilder b = new StringBuilder(what);
        for (Object e : evidence) {
            b.append("\n").append(e);
        }
        return new AssertionError(b.toString());
    }
}
