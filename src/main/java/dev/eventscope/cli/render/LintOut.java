package dev.eventscope.cli.render;

import dev.eventscope.event.Text;
import dev.eventscope.lint.Finding;
import dev.eventscope.lint.LintReport;
import dev.eventscope.lint.Rule;
import dev.eventscope.lint.Severity;
import java.io.PrintWriter;
import java.util.Map;

/** {@code evs lint} results: a table with the examples under it, or JSON for CI. */
public final class LintOut {

    private LintOut() {}

    public static void table(PrintWriter out, LintReport report, Palette palette) {
        try (Table table =
                new Table(out, new String[] {"RULE", "SEVERITY", ">COUNT", "WHAT"}, new int[] {0, 0, 0, 90})) {
            for (Finding f : report.findings()) {
                table.row(
                        f.rule().id(),
                        f.rule().severity().label(),
                        f.count(),
                        f.rule().description());
            }
            for (Map.Entry<Rule, String> s : report.skipped().entrySet()) {
                table.row(s.getKey().id(), s.getKey().severity().label(), "-", "skipped: " + s.getValue());
            }
        }
        for (Finding f : report.findings()) {
            if (!f.found()) {
                continue;
            }
            out.println();
            String head = f.rule().id() + " (" + f.rule().severity().label() + "): " + f.count() + " "
                    + (f.count() == 1 ? f.subject().substring(0, f.subject().length() - 1) : f.subject());
            out.println(palette.paint(role(f.rule().severity()), head));
            for (String e : f.examples()) {
                out.println("  " + Text.printable(e, 300));
            }
            if (f.count() > f.examples().size() && !f.examples().isEmpty()) {
                out.println("  ... and " + (f.count() - f.examples().size()) + " more");
            }
        }
        out.println();
        out.println(summary(report));
    }

    private static Palette.Role role(Severity s) {
        return s == Severity.ERROR
                ? Palette.Role.ERROR
                : s == Severity.WARNING ? Palette.Role.WARNING : Palette.Role.MUTED;
    }

    /** One line: how many events were checked and how many rules found something, by severity. */
    public static String summary(LintReport report) {
        int[] bySeverity = new int[Severity.values().length];
        for (Finding f : report.findings()) {
            if (f.found()) {
                bySeverity[f.rule().severity().ordinal()]++;
            }
        }
        return report.events() + " events checked by " + report.findings().size() + " rules: "
                + bySeverity[Severity.ERROR.ordinal()] + " error, " + bySeverity[Severity.WARNING.ordinal()]
                + " warning, " + bySeverity[Severity.INFO.ordinal()] + " info"
                + (report.failed() ? " (exit 1)" : "");
    }
}
