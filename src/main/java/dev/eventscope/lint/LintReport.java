package dev.eventscope.lint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a lint run: one finding per rule that ran (in rule order, found or not), and the
 * rules that could not run with the reason (for instance no model).
 */
public record LintReport(long events, List<Finding> findings, Map<Rule, String> skipped) {

    public LintReport {
        findings = List.copyOf(findings);
        // in rule order: an immutable copy would iterate in an order that changes from run to run
        skipped = skipped.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(skipped));
    }

    /** True when any error-level rule matched something: {@code evs lint} then exits 1. */
    public boolean failed() {
        for (Finding f : findings) {
            if (f.found() && f.rule().severity() == Severity.ERROR) {
                return true;
            }
        }
        return false;
    }

    /** The public JSON shape ({@code lint -o json}): findings in rule order, then the rules skipped. */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("events", events);
        o.put("ok", !failed());
        ArrayNode list = o.putArray("findings");
        for (Finding f : findings) {
            ObjectNode j = list.addObject();
            j.put("rule", f.rule().id());
            j.put("severity", f.rule().severity().label());
            j.put("description", f.rule().description());
            j.put("count", f.count());
            j.put("subject", f.subject());
            ArrayNode examples = j.putArray("examples");
            f.examples().forEach(examples::add);
        }
        ArrayNode notRun = o.putArray("skipped");
        for (Map.Entry<Rule, String> s : skipped.entrySet()) {
            ObjectNode j = notRun.addObject();
            j.put("rule", s.getKey().id());
            j.put("reason", s.getValue());
        }
        return o;
    }
}
