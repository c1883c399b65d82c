package dev.eventscope.trace;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The words every form of a trace uses for its events, causes and figures, so that the tree, the
 * diagrams, the drawing and the web console say the same. Text from events is made printable
 * ({@link Text#printable}) and cut to {@link #MAX} characters; escaping for a target language is
 * the writer's.
 */
public final class TraceWords {

    /** Longest piece of event data shown in one label. */
    public static final int MAX = 200;

    /** Names listed before the rest is only counted. */
    private static final int MAX_NAMES = 10;

    /**
     * One line of a trace's summary.
     *
     * @param alarming whether it reports a problem (a broken link, a cycle, an incomplete trace)
     */
    public record SummaryRow(String key, String value, boolean alarming) {}

    private TraceWords() {}

    public static String text(String s) {
        return s == null ? "" : Text.printable(s, MAX);
    }

    public static String stream(RecordedEvent e) {
        return text(e.aggregateType() + "/" + e.aggregateId());
    }

    /** An event by position and type: {@code #22 OrderPlaced}. */
    public static String ref(RecordedEvent e) {
        return "#" + e.position() + " " + text(e.eventType());
    }

    public static String user(RecordedEvent e) {
        return e.userId() == null ? "no user" : "by " + text(e.userId());
    }

    public static String correlation(RecordedEvent e) {
        return e.correlationId() == null ? "without correlation" : "in correlation " + text(e.correlationId());
    }

    /** What a cause is, in words (without its id). */
    public static String cause(Trace trace, TraceNode.Cause c, boolean ascii) {
        switch (c.kind()) {
            case COMMAND:
                return "command";
            case MISSING:
                return "missing event: no stored event has this id";
            case OUTSIDE:
                RecordedEvent e = c.event();
                return ref(e) + " " + correlation(e) + ", outside this trace";
            case NONE:
                return "no causationId";
            default:
                return "cycle " + cycle(trace, c.cycle(), ascii) + ": no root reaches it";
        }
    }

    /** A cause as one line: its id (when it has one) and what it is. */
    public static String causeLine(Trace trace, TraceNode.Cause c, boolean ascii) {
        boolean named = c.kind() != TraceNode.CauseKind.NONE && c.kind() != TraceNode.CauseKind.CYCLE;
        return named ? text(c.id()) + " (" + cause(trace, c, ascii) + ")" : "(" + cause(trace, c, ascii) + ")";
    }

    /** A cycle by positions, back to where it started: {@code #5 → #6 → #5}. */
    public static String cycle(Trace trace, List<UUID> cycle, boolean ascii) {
        String arrow = ascii ? " -> " : " → ";
        return cycle.stream()
                        .map(id -> "#" + trace.event(id).event().position())
                        .collect(Collectors.joining(arrow))
                + arrow + "#" + trace.event(cycle.get(0)).event().position();
    }

    /** What was traced, in one line: {@code trace: correlation req-8186caa3}. */
    public static String heading(Trace trace) {
        String what;
        TraceEntry entry = trace.entry();
        String from = entry instanceof TraceEntry.Event ev
                ? ref(ev.event())
                : entry instanceof TraceEntry.Cause
                        ? "the events caused by " + text(entry.id())
                        : "correlation " + text(entry.id());
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

    /** The summary of a trace, row by row, as {@code evs trace --summary} prints it. */
    public static List<SummaryRow> summary(Trace trace, boolean ascii) {
        TraceSummary s = trace.summary();
        String arrow = ascii ? " -> " : " → ";
        List<SummaryRow> rows = new ArrayList<>();
        rows.add(row(
                "events",
                s.events()
                        + (s.correlations().size() == 1 ? " in correlation " : " in correlations ")
                        + names(s.correlations())));
        rows.add(row(
                "aggregates",
                s.aggregates().size() + " ("
                        + names(s.aggregates().stream().map(StreamId::toString).toList()) + ")"));
        rows.add(row(
                "services",
                s.aggregateTypes().size()
                        + (s.aggregateTypes().size() == 1 ? " aggregate type: " : " aggregate types: ")
                        + names(s.aggregateTypes())));
        rows.add(row("users", s.users().isEmpty() ? "none" : s.users().size() + ": " + names(s.users())));
        rows.add(row("depth", Integer.toString(s.depth())));
        rows.add(row("first", Times.format(s.first())));
        rows.add(row("last", Times.format(s.last())));
        rows.add(row("span", Durations.span(s.span())));
        rows.add(row("critical path", critical(trace, arrow)));
        rows.add(row("roots", Integer.toString(s.roots())));
        List<TraceNode.Cause> missing = trace.missingCauses();
        rows.add(
                missing.isEmpty()
                        ? row("broken links", "none")
                        : new SummaryRow(
                                "broken links",
                                missing.size() + ": "
                                        + missing.stream()
                                                .map(c -> text(c.id()) + " (missing; caused "
                                                        + c.roots().stream()
                                                                .map(id -> ref(trace.event(id)
                                                                        .event()))
                                                                .collect(Collectors.joining(", "))
                                                        + ")")
                                                .collect(Collectors.joining("; ")),
                                true));
        rows.add(
                s.cycles() == 0
                        ? row("cycles", "none")
                        : new SummaryRow(
                                "cycles",
                                trace.cycles().size() + ": "
                                        + trace.cycles().stream()
                                                .map(c -> cycle(trace, c, ascii))
                                                .collect(Collectors.joining("; ")),
                                true));
        rows.add(
                s.unreachable() == 0
                        ? row("unreachable", "none")
                        : new SummaryRow(
                                "unreachable",
                                events(s.unreachable()) + " no root reaches: " + refs(trace, trace.unreachable()),
                                true));
        rows.add(row(
                "outside",
                s.effectsOutside() == 0
                        ? "none"
                        : events(s.effectsOutside()) + " in other correlations caused by this trace"
                                + " (include them with --follow-causation)"));
        if (s.beforeCause() > 0) {
            rows.add(new SummaryRow("before cause", events(s.beforeCause()) + " timestamped before their cause", true));
        }
        if (!trace.limits().isEmpty()) {
            rows.add(new SummaryRow("limits", String.join("; ", trace.limits()), true));
        }
        return rows;
    }

    private static SummaryRow row(String key, String value) {
        return new SummaryRow(key, value, false);
    }

    /** The critical path; a long one shows its first and last events and counts the rest. */
    private static String critical(Trace trace, String arrow) {
        List<UUID> path = trace.summary().criticalPath();
        if (path.isEmpty()) {
            return "none";
        }
        List<String> refs =
                path.stream().map(id -> ref(trace.event(id).event())).collect(Collectors.toList());
        if (refs.size() > 6) {
            int hidden = refs.size() - 5;
            refs = new ArrayList<>(refs.subList(0, 3));
            refs.add("(" + hidden + " more)");
            refs.addAll(path.subList(path.size() - 2, path.size()).stream()
                    .map(id -> ref(trace.event(id).event()))
                    .toList());
        }
        return String.join(arrow, refs) + " (" + events(path.size()) + ", "
                + Durations.span(trace.summary().criticalDelay()) + ")";
    }

    public static String events(long n) {
        return n == 1 ? "1 event" : n + " events";
    }

    /** Names, the first ten of them, then how many more. */
    public static String names(List<String> names) {
        String shown = names.stream().limit(MAX_NAMES).map(TraceWords::text).collect(Collectors.joining(", "));
        return names.size() > MAX_NAMES ? shown + " and " + (names.size() - MAX_NAMES) + " more" : shown;
    }

    /** Events by position: {@code #5, #6}. */
    public static String refs(Trace trace, List<UUID> ids) {
        return names(ids.stream()
                .map(trace::event)
                .map(TraceNode.Event::event)
                .map(RecordedEvent::position)
                .map(p -> "#" + p)
                .toList());
    }
}
