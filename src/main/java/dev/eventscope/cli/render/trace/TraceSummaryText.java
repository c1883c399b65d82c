package dev.eventscope.cli.render.trace;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceEntry;
import dev.eventscope.trace.TraceNode;
import dev.eventscope.trace.TraceSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** The summary of a trace as aligned {@code key  value} lines for people. */
public final class TraceSummaryText {

    /** Names listed before the rest is only counted. */
    private static final int MAX_NAMES = 10;

    private final PrintWriter out;
    private final boolean ascii;
    private final Style style;

    public TraceSummaryText(PrintWriter out, boolean ascii, boolean color) {
        this(out, ascii, new Style(color));
    }

    TraceSummaryText(PrintWriter out, boolean ascii, Style style) {
        this.out = out;
        this.ascii = ascii;
        this.style = style;
    }

    /** What was traced, in one line. */
    static String heading(Trace trace, boolean ascii) {
        String what;
        TraceEntry entry = trace.entry();
        String from = entry instanceof TraceEntry.Event ev
                ? TraceLabels.ref(ev.event())
                : entry instanceof TraceEntry.Cause
                        ? "the events caused by " + TraceLabels.text(entry.id())
                        : "correlation " + TraceLabels.text(entry.id());
        switch (trace.options().scope()) {
            case "up":
                what = "causes of " + from;
                break;
            case "down":
                what = "effects of " + from;
                break;
            case "up+down":
                what = "causes and effects of " + from;
                break;
            default:
                List<String> correlations = trace.summary().correlations();
                what = entry instanceof TraceEntry.Correlation
                        ? from
                        : correlations.isEmpty()
                                ? "causal tree of " + from + " (no correlationId)"
                                : "correlation " + names(correlations) + ", from " + from;
        }
        return "trace: " + what + (trace.options().followCausation() ? ", following causation" : "");
    }

    public void print(Trace trace) {
        TraceSummary s = trace.summary();
        String arrow = ascii ? " -> " : " → ";
        out.println(style.bold("summary"));
        row(
                "events",
                s.events()
                        + (s.correlations().size() == 1 ? " in correlation " : " in correlations ")
                        + names(s.correlations()));
        row("aggregates", s.aggregates().size() + " (" + aggregates(s.aggregates()) + ")");
        row(
                "services",
                s.aggregateTypes().size()
                        + (s.aggregateTypes().size() == 1 ? " aggregate type: " : " aggregate types: ")
                        + names(s.aggregateTypes()));
        row("users", s.users().isEmpty() ? "none" : s.users().size() + ": " + names(s.users()));
        row("depth", Integer.toString(s.depth()));
        row("first", Times.format(s.first()));
        row("last", Times.format(s.last()));
        row("span", Durations.span(s.span()));
        row("critical path", critical(trace, arrow));
        row("roots", Integer.toString(s.roots()));
        row("broken links", broken(trace));
        row("cycles", s.cycles() == 0 ? "none" : cycles(trace));
        row(
                "unreachable",
                s.unreachable() == 0
                        ? "none"
                        : style.red(events(s.unreachable()) + " no root reaches: " + refs(trace, trace.unreachable())));
        row(
                "outside",
                s.effectsOutside() == 0
                        ? "none"
                        : events(s.effectsOutside()) + " in other correlations caused by this trace"
                                + " (include them with --follow-causation)");
        if (s.beforeCause() > 0) {
            row("before cause", style.red(events(s.beforeCause()) + " timestamped before their cause"));
        }
        if (!trace.limits().isEmpty()) {
            row("limits", style.red(String.join("; ", trace.limits())));
        }
    }

    /** The critical path; a long one shows its first and last events and counts the rest. */
    private static String critical(Trace trace, String arrow) {
        List<UUID> path = trace.summary().criticalPath();
        if (path.isEmpty()) {
            return "none";
        }
        List<String> refs = path.stream()
                .map(id -> TraceLabels.ref(trace.event(id).event()))
                .collect(Collectors.toList());
        if (refs.size() > 6) {
            int hidden = refs.size() - 5;
            refs = new java.util.ArrayList<>(refs.subList(0, 3));
            refs.add("(" + hidden + " more)");
            refs.addAll(path.subList(path.size() - 2, path.size()).stream()
                    .map(id -> TraceLabels.ref(trace.event(id).event()))
                    .toList());
        }
        return String.join(arrow, refs) + " (" + events(path.size()) + ", "
                + Durations.span(trace.summary().criticalDelay()) + ")";
    }

    private void row(String key, String value) {
        out.println("  " + key + " ".repeat(Math.max(1, 15 - key.length())) + value);
    }

    private String broken(Trace trace) {
        List<TraceNode.Cause> missing = trace.missingCauses();
        if (missing.isEmpty()) {
            return "none";
        }
        String list = missing.stream()
                .map(c -> TraceLabels.text(c.id()) + " (missing; caused "
                        + c.roots().stream()
                                .map(id -> TraceLabels.ref(trace.event(id).event()))
                                .collect(Collectors.joining(", "))
                        + ")")
                .collect(Collectors.joining("; "));
        return style.red(missing.size() + ": " + list);
    }

    private String cycles(Trace trace) {
        return style.red(trace.cycles().size() + ": "
                + trace.cycles().stream()
                        .map(c -> TraceLabels.cycle(trace, c, ascii))
                        .collect(Collectors.joining("; ")));
    }

    static String events(long n) {
        return n == 1 ? "1 event" : n + " events";
    }

    static String names(List<String> names) {
        String shown = names.stream().limit(MAX_NAMES).map(TraceLabels::text).collect(Collectors.joining(", "));
        return names.size() > MAX_NAMES ? shown + " and " + (names.size() - MAX_NAMES) + " more" : shown;
    }

    private static String aggregates(List<StreamId> streams) {
        return names(streams.stream().map(StreamId::toString).toList());
    }

    static String refs(Trace trace, List<UUID> ids) {
        return names(ids.stream()
                .map(trace::event)
                .map(TraceNode.Event::event)
                .map(RecordedEvent::position)
                .map(p -> "#" + p)
                .toList());
    }
}
