package dev.eventscope.cli.render.trace;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.trace.Durations;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceNode;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A trace as an indented tree for people, followed by its summary.
 *
 * <p>Each cause heads the events it caused; below an event hang the events it caused, with
 * {@code ├─ └─} branches. When an event caused exactly one event, that one is drawn straight
 * below it, at the same indentation and without a branch (compact chains), so a long causal chain
 * stays readable; {@code compact = false} indents every generation.
 */
public final class TraceTree {

    private final PrintWriter out;
    private final boolean ascii;
    private final boolean compact;
    private final Style style;

    public TraceTree(PrintWriter out, boolean ascii, boolean color, boolean compact) {
        this.out = out;
        this.ascii = ascii;
        this.compact = compact;
        this.style = new Style(color);
    }

    /** One line of the tree still to print. */
    private record Item(
            TraceNode.Event event, Trace.OutsideEffect outside, boolean back, String prefix, String branch) {}

    public void print(Trace trace) {
        out.println(style.bold(TraceSummaryText.heading(trace, ascii)));
        Map<UUID, List<Trace.OutsideEffect>> outside = new HashMap<>();
        for (Trace.OutsideEffect o : trace.effectsOutside()) {
            outside.computeIfAbsent(o.cause(), k -> new ArrayList<>()).add(o);
        }
        Set<UUID> printed = new HashSet<>();
        for (TraceNode.Cause cause : trace.causes()) {
            out.println();
            String line = TraceLabels.causeLine(trace, cause, ascii);
            boolean bad = cause.kind() == TraceNode.CauseKind.MISSING || cause.kind() == TraceNode.CauseKind.CYCLE;
            out.println(bad ? style.red(line) : style.cyan(line));
            Deque<Item> stack = new ArrayDeque<>();
            List<Item> roots = new ArrayList<>();
            for (UUID root : cause.roots()) {
                roots.add(new Item(trace.event(root), null, false, "", null));
            }
            pushBranches(stack, roots, "");
            while (!stack.isEmpty()) {
                Item item = stack.pop();
                if (item.outside() != null) {
                    out.println(item.prefix() + item.branch() + outsideLine(item.outside()));
                } else if (item.back()) {
                    out.println(item.prefix() + item.branch() + backLine(item.event()));
                } else {
                    out.println(item.prefix() + item.branch() + eventLine(item.event()));
                    printed.add(item.event().id());
                    pushChildren(
                            trace,
                            stack,
                            item,
                            outside.getOrDefault(item.event().id(), List.of()),
                            printed);
                }
            }
        }
        out.println();
        new TraceSummaryText(out, ascii, style).print(trace);
    }

    private void pushChildren(
            Trace trace, Deque<Item> stack, Item parent, List<Trace.OutsideEffect> outside, Set<UUID> printed) {
        String prefix = parent.prefix() + continuation(parent.branch());
        List<Item> children = new ArrayList<>();
        for (UUID child : parent.event().children()) {
            boolean back = printed.contains(child);
            children.add(new Item(trace.event(child), null, back, prefix, null));
        }
        for (Trace.OutsideEffect o : outside) {
            children.add(new Item(null, o, false, prefix, null));
        }
        if (compact
                && children.size() == 1
                && children.get(0).event() != null
                && !children.get(0).back()) {
            stack.push(new Item(children.get(0).event(), null, false, prefix, ""));
            return;
        }
        pushBranches(stack, children, prefix);
    }

    private void pushBranches(Deque<Item> stack, List<Item> items, String prefix) {
        for (int i = items.size() - 1; i >= 0; i--) {
            Item it = items.get(i);
            String branch = i == items.size() - 1 ? last() : middle();
            stack.push(new Item(it.event(), it.outside(), it.back(), prefix, branch));
        }
    }

    private String middle() {
        return ascii ? "|- " : "├─ ";
    }

    private String last() {
        return ascii ? "`- " : "└─ ";
    }

    /** What goes below a line's branch for the lines that hang under it. */
    private String continuation(String branch) {
        if (branch == null || branch.isEmpty()) {
            return "";
        }
        return branch.equals(middle()) ? (ascii ? "|  " : "│  ") : "   ";
    }

    private String eventLine(TraceNode.Event node) {
        RecordedEvent e = node.event();
        String type = TraceLabels.text(e.eventType());
        StringBuilder line = new StringBuilder()
                .append('#')
                .append(e.position())
                .append(' ')
                .append(node.critical() ? style.yellow(type) : style.type(type))
                .append("  ")
                .append(TraceLabels.stream(e))
                .append("  ")
                .append(TraceLabels.user(e))
                .append("  ")
                .append(style.time(Times.format(e.timestamp())));
        if (node.delay() != null) {
            String delay = Durations.delay(node.delay());
            line.append("  ").append(node.delay().isNegative() ? style.red(delay) : delay);
        }
        if (node.entry()) {
            line.append("  ").append(style.cyan(ascii ? "<- entry" : "◀ entry"));
        }
        return line.toString();
    }

    private String backLine(TraceNode.Event node) {
        return style.red((ascii ? "^ " : "↻ ") + TraceLabels.ref(node.event()) + " (closes the cycle)");
    }

    private String outsideLine(Trace.OutsideEffect o) {
        RecordedEvent e = o.event();
        return style.dim((ascii ? "-> " : "→ ") + TraceLabels.ref(e) + "  " + TraceLabels.stream(e) + "  "
                + TraceLabels.correlation(e) + " (outside this trace)");
    }
}
