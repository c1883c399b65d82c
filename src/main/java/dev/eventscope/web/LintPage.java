package dev.eventscope.web;

import dev.eventscope.engine.Engine;
import dev.eventscope.engine.LintService;
import dev.eventscope.lint.Finding;
import dev.eventscope.lint.LintReport;
import dev.eventscope.lint.Rule;
import dev.eventscope.lint.Severity;
import java.util.Map;

/**
 * Lint findings ({@code /lint}): every rule of {@code evs lint} with its severity and count, the
 * examples of each rule that found something, and the rules skipped with the reason; the same
 * defaults as the command ({@code --max-payload-bytes 16384 --max-record-lag 1d --examples 3}).
 */
final class LintPage {

    private LintPage() {}

    static Response render(Console console, Request r, Engine engine) {
        int examples = r.number("examples", 3, 0, 100);
        long maxPayload = r.number("maxPayloadBytes") == null ? 16_384 : r.number("maxPayloadBytes");
        String maxLag = r.one("maxRecordLag") == null ? "1d" : r.one("maxRecordLag");
        LintReport report =
                engine.lint().lint(new LintService.LintOptions(r.all("rule"), maxPayload, maxLag, examples));
        Html h = new Html(16_384);
        h.add(
                "<form class=\"filters\" method=\"get\" action=\"/lint\">"
                        + "<label>payload threshold (bytes) <input name=\"maxPayloadBytes\" inputmode=\"numeric\" value=\"{}\" size=\"8\"></label>"
                        + "<label>record lag threshold <input name=\"maxRecordLag\" value=\"{}\" size=\"6\"></label>"
                        + "<label>examples per rule <input name=\"examples\" inputmode=\"numeric\" value=\"{}\" size=\"4\"></label>"
                        + "<button type=\"submit\">Lint again</button></form>",
                maxPayload,
                maxLag,
                examples);
        int[] bySeverity = new int[Severity.values().length];
        for (Finding f : report.findings()) {
            if (f.found()) {
                bySeverity[f.rule().severity().ordinal()]++;
            }
        }
        h.add(
                "<p id=\"lint-summary\" class=\"{}\">{} events checked by {} rules: {} error, {} warning, {} info</p>",
                report.failed() ? "r-error" : "r-added",
                report.events(),
                report.findings().size(),
                bySeverity[Severity.ERROR.ordinal()],
                bySeverity[Severity.WARNING.ordinal()],
                bySeverity[Severity.INFO.ordinal()]);
        h.add(
                "<div class=\"scroll\"><table class=\"list\" id=\"lint\"><thead><tr><th scope=\"col\">rule</th><th scope=\"col\">severity</th>"
                        + "<th scope=\"col\" class=\"num\">count</th><th scope=\"col\">what</th></tr></thead><tbody>");
        for (Finding f : report.findings()) {
            h.add(
                    "<tr><td>{}</td><td class=\"{}\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                    f.found()
                            ? new Html()
                                    .add(
                                            "<a href=\"#rule-{}\">{}</a>",
                                            f.rule().id(),
                                            f.rule().id())
                                    .safe()
                            : f.rule().id(),
                    f.found() ? role(f.rule().severity()) : "r-muted",
                    f.rule().severity().label(),
                    Bits.count(f.count()),
                    f.rule().description());
        }
        for (Map.Entry<Rule, String> s : report.skipped().entrySet()) {
            h.add(
                    "<tr><td>{}</td><td class=\"r-muted\">{}</td><td class=\"num\">-</td><td class=\"r-muted\">skipped: {}</td></tr>",
                    s.getKey().id(),
                    s.getKey().severity().label(),
                    s.getValue());
        }
        h.add("</tbody></table></div>");
        for (Finding f : report.findings()) {
            if (!f.found()) {
                continue;
            }
            String subject =
                    f.count() == 1 ? f.subject().substring(0, f.subject().length() - 1) : f.subject();
            h.add(
                    "<section id=\"rule-{}\"><h2 class=\"{}\">{} ({}): {} {}</h2><ul class=\"examples\">",
                    f.rule().id(),
                    role(f.rule().severity()),
                    f.rule().id(),
                    f.rule().severity().label(),
                    Bits.count(f.count()),
                    subject);
            for (String e : f.examples()) {
                h.add("<li><code>{}</code></li>", Html.clip(e, 300));
            }
            h.add(
                    "</ul>{}</section>",
                    f.count() > f.examples().size() && !f.examples().isEmpty()
                            ? Bits.muted("… and " + (f.count() - f.examples().size()) + " more")
                            : null);
        }
        return Layout.page(console, "Lint", "/lint", -1, h);
    }

    private static String role(Severity s) {
        return s == Severity.ERROR ? "r-error" : s == Severity.WARNING ? "r-warning" : "r-muted";
    }
}
