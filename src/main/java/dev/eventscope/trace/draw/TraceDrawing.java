package dev.eventscope.trace.draw;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.trace.Durations;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceNode;
import dev.eventscope.trace.TraceSummary;
import dev.eventscope.trace.TraceWords;
import java.time.Duration;
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
 * A trace laid out for drawing: a box per cause and event, an arrow per causation link, placed on
 * a plane, with no output format of its own ({@link TraceSvg} writes it as SVG, {@link TraceHtml}
 * as a page; the web console draws the same). Every event has at most one cause, so the causation
 * graph is a forest: each cause of the trace is the root of a tree, its events hang below it
 * generation by generation, and each subtree gets the width it needs, its root centred above it.
 * A link that closes a cycle is drawn back up, curved, in the cycle's colour; events outside the
 * trace that its events caused hang below their cause, dotted.
 *
 * <p>Sizes are for a 12 px monospace font. The layout is a pure function of the trace: the same
 * trace is laid out the same, to the pixel. Immutable.
 */
public final class TraceDrawing {

    /** How a box looks: what kind of node it is. */
    public enum Look {
        /** a command or request id that caused root events */
        COMMAND,
        /** an event id that no stored event has: a broken link */
        MISSING,
        /** a stored event outside the trace that caused root events */
        OUTSIDE_CAUSE,
        /** root events without a causationId */
        NO_CAUSE,
        /** events that cause each other, which no root reaches */
        CYCLE,
        EVENT,
        /** the event the trace started from */
        ENTRY,
        /** an event no root reaches (in or below a cycle) */
        UNREACHABLE,
        /** an event in another correlation that an event of the trace caused */
        OUTSIDE_EFFECT
    }

    /** How an arrow looks: what kind of link it is. */
    public enum Line {
        /** from a cause that is not an event of the trace to a root event */
        FROM_CAUSE,
        CAUSED,
        /** a link on the critical path */
        CRITICAL,
        /** a link of a causation cycle */
        CYCLE,
        /** to an event outside the trace */
        OUTSIDE
    }

    public record Point(int x, int y) {}

    /**
     * A box at ({@code x}, {@code y}), its top left corner.
     *
     * @param id a generated identifier, safe in any document: {@code c0} (a cause), {@code e12} (the
     *     event at position 12), {@code f40} (an event outside the trace)
     * @param lines the text shown, each line at most {@link #MAX_CHARS} characters
     * @param detail everything about the node in full, for a tooltip
     */
    public record Box(String id, Look look, List<String> lines, String detail, int x, int y, int width, int height) {

        public Box {
            lines = List.copyOf(lines);
        }

        public int centerX() {
            return x + width / 2;
        }

        public int bottom() {
            return y + height;
        }
    }

    /**
     * An arrow from one box to another along {@code points}; {@code curved}: a cubic Bézier curve
     * through the four points (a link back up a cycle), else straight segments.
     *
     * @param label the delay from cause to effect ({@code +58.729s}), or null when unknown
     * @param labelAt where the label starts (its baseline, left end)
     */
    public record Arrow(
            String from, String to, Line line, String label, List<Point> points, boolean curved, Point labelAt) {

        public Arrow {
            points = List.copyOf(points);
        }
    }

    /** Font metrics and spacing, in pixels. */
    static final int CHAR_TENTHS = 73;

    static final int LINE_HEIGHT = 16;
    static final int PAD = 8;
    static final int GAP_X = 28;
    static final int GAP_Y = 52;
    static final int MARGIN = 24;
    static final int TITLE_HEIGHT = 20;
    static final int MIN_WIDTH = 96;

    /** The longest line a box shows; the full text is in its detail. */
    public static final int MAX_CHARS = 48;

    /** The longest note under the title (the summary has the rest). */
    static final int MAX_NOTE = 140;

    private final String title;
    private final List<String> notes;
    private final List<Box> boxes;
    private final List<Arrow> arrows;
    private final int width;
    private final int height;

    private TraceDrawing(String title, List<String> notes, List<Box> boxes, List<Arrow> arrows, int width, int height) {
        this.title = title;
        this.notes = List.copyOf(notes);
        this.boxes = List.copyOf(boxes);
        this.arrows = List.copyOf(arrows);
        this.width = width;
        this.height = height;
    }

    /** What was traced: {@code trace: correlation req-8186caa3}. */
    public String title() {
        return title;
    }

    /** Lines under the title: the figures, and what is wrong or incomplete. */
    public List<String> notes() {
        return notes;
    }

    /** Causes first, in trace order, then events, depth first. */
    public List<Box> boxes() {
        return boxes;
    }

    /** Arrows in the order of the boxes they lead to; links that close a cycle last. */
    public List<Arrow> arrows() {
        return arrows;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Where the boxes and arrows begin, below the title and notes. */
    public int top() {
        return MARGIN + TITLE_HEIGHT * (1 + notes.size()) + 12;
    }

    /** The text width of {@code s} in pixels. */
    static int textWidth(String s) {
        return (s.codePointCount(0, s.length()) * CHAR_TENTHS + 9) / 10;
    }

    /** A node of the forest while it is laid out. */
    private static final class Node {
        final String id;
        final Look look;
        final List<String> lines;
        final String detail;
        final List<Node> children = new ArrayList<>();
        final int width;
        final int height;
        UUID event;
        Node parent;
        Line lineIn;
        String labelIn;
        int depth;
        int span;
        int left;

        Node(String id, Look look, List<String> lines, String detail) {
            this.id = id;
            this.look = look;
            List<String> shown = new ArrayList<>();
            int widest = 0;
            for (String l : lines) {
                String s = cut(l);
                shown.add(s);
                widest = Math.max(widest, textWidth(s));
            }
            this.lines = shown;
            this.detail = detail;
            this.width = Math.max(MIN_WIDTH, widest + 2 * PAD);
            this.height = shown.size() * LINE_HEIGHT + 2 * PAD - 2;
        }

        void add(Node child, Line line, String label) {
            child.parent = this;
            child.lineIn = line;
            child.labelIn = label;
            children.add(child);
        }
    }

    private static String cut(String line) {
        if (line.codePointCount(0, line.length()) <= MAX_CHARS) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, MAX_CHARS - 1)) + "…";
    }

    /** Lays {@code trace} out. */
    public static TraceDrawing of(Trace trace) {
        List<Node> roots = new ArrayList<>();
        Map<UUID, Node> placed = new HashMap<>();
        List<Node[]> backLinks = new ArrayList<>();
        Set<UUID> inCycle = new HashSet<>();
        Map<UUID, UUID> cycleNext = new HashMap<>();
        for (List<UUID> cycle : trace.cycles()) {
            for (int i = 0; i < cycle.size(); i++) {
                inCycle.add(cycle.get(i));
                cycleNext.put(cycle.get(i), cycle.get((i + 1) % cycle.size()));
            }
        }
        Map<UUID, List<Trace.OutsideEffect>> outside = new HashMap<>();
        for (Trace.OutsideEffect o : trace.effectsOutside()) {
            outside.computeIfAbsent(o.cause(), k -> new ArrayList<>()).add(o);
        }
        int c = 0;
        for (TraceNode.Cause cause : trace.causes()) {
            Node root = causeNode("c" + c++, trace, cause);
            roots.add(root);
            for (UUID r : cause.roots()) {
                if (placed.containsKey(r)) {
                    continue;
                }
                TraceNode.Event e = trace.event(r);
                Node n = eventNode(e);
                placed.put(r, n);
                boolean cycle = cause.kind() == TraceNode.CauseKind.CYCLE;
                // the entry of a cycle is caused by the event that closes it: its delay goes there
                root.add(n, cycle ? Line.CYCLE : Line.FROM_CAUSE, cycle ? null : delay(e.delay()));
                grow(trace, n, placed, backLinks, inCycle, cycleNext, outside);
            }
        }
        for (TraceNode.Event e : trace.events().values()) {
            if (!placed.containsKey(e.id())) {
                // no cause leads here (cannot happen for a trace the tracer made): drawn on its own
                Node n = eventNode(e);
                placed.put(e.id(), n);
                roots.add(n);
                grow(trace, n, placed, backLinks, inCycle, cycleNext, outside);
            }
        }
        return layOut(trace, roots, backLinks);
    }

    /** Hangs the events {@code start} caused below it, and theirs below them (no recursion: chains are long). */
    private static void grow(
            Trace trace,
            Node start,
            Map<UUID, Node> placed,
            List<Node[]> backLinks,
            Set<UUID> inCycle,
            Map<UUID, UUID> cycleNext,
            Map<UUID, List<Trace.OutsideEffect>> outside) {
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            UUID id = n.event;
            TraceNode.Event event = trace.event(id);
            List<Node> added = new ArrayList<>();
            for (UUID childId : event.children()) {
                TraceNode.Event child = trace.event(childId);
                boolean cycleLink = inCycle.contains(childId) && childId.equals(cycleNext.get(id));
                Node known = placed.get(childId);
                if (known != null) {
                    backLinks.add(new Node[] {n, known});
                    continue;
                }
                Node m = eventNode(child);
                placed.put(childId, m);
                Line line = cycleLink ? Line.CYCLE : child.critical() && event.critical() ? Line.CRITICAL : Line.CAUSED;
                n.add(m, line, delay(child.delay()));
                added.add(m);
            }
            for (Trace.OutsideEffect o : outside.getOrDefault(id, List.of())) {
                RecordedEvent e = o.event();
                List<String> lines = new ArrayList<>(eventLines(e));
                lines.add(TraceWords.correlation(e) + ", outside this trace");
                Node m = new Node("f" + e.position(), Look.OUTSIDE_EFFECT, lines, detail(e));
                n.add(m, Line.OUTSIDE, delay(Duration.between(event.event().timestamp(), e.timestamp())));
            }
            for (int i = added.size() - 1; i >= 0; i--) {
                todo.push(added.get(i));
            }
        }
    }

    private static String delay(Duration d) {
        return d == null ? null : Durations.delay(d);
    }

    private static Node causeNode(String id, Trace trace, TraceNode.Cause cause) {
        switch (cause.kind()) {
            case COMMAND:
                return new Node(
                        id,
                        Look.COMMAND,
                        List.of(TraceWords.text(cause.id()), "command"),
                        "command " + TraceWords.text(cause.id()));
            case MISSING:
                return new Node(
                        id,
                        Look.MISSING,
                        List.of(TraceWords.text(cause.id()), "missing event (broken link)"),
                        "missing event " + TraceWords.text(cause.id()) + ": no stored event has this id");
            case OUTSIDE:
                RecordedEvent e = cause.event();
                return new Node(
                        id,
                        Look.OUTSIDE_CAUSE,
                        List.of(
                                TraceWords.ref(e),
                                TraceWords.stream(e),
                                TraceWords.correlation(e) + ", outside this trace"),
                        detail(e));
            case NONE:
                return new Node(id, Look.NO_CAUSE, List.of("no causationId"), "events without a causationId");
            default:
                String cycle = TraceWords.cycle(trace, cause.cycle(), false);
                return new Node(
                        id, Look.CYCLE, List.of("cycle " + cycle, "no root reaches it"), "causation cycle " + cycle);
        }
    }

    private static Node eventNode(TraceNode.Event node) {
        Look look = node.entry() ? Look.ENTRY : node.reachable() ? Look.EVENT : Look.UNREACHABLE;
        Node n = new Node("e" + node.event().position(), look, eventLines(node.event()), detail(node.event()));
        n.event = node.id();
        return n;
    }

    private static List<String> eventLines(RecordedEvent e) {
        return List.of(TraceWords.ref(e), TraceWords.stream(e), TraceWords.user(e), Times.format(e.timestamp()));
    }

    private static String detail(RecordedEvent e) {
        return TraceWords.ref(e) + " " + TraceWords.stream(e) + " v" + e.streamVersion() + ", " + TraceWords.user(e)
                + ", " + Times.format(e.timestamp()) + ", eventId " + e.eventId() + ", " + TraceWords.correlation(e);
    }

    private static TraceDrawing layOut(Trace trace, List<Node> roots, List<Node[]> backLinks) {
        // every node, parents before children, and the depth of each
        List<Node> order = new ArrayList<>();
        Deque<Node> todo = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            todo.push(roots.get(i));
        }
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            n.depth = n.parent == null ? 0 : n.parent.depth + 1;
            order.add(n);
            for (int i = n.children.size() - 1; i >= 0; i--) {
                todo.push(n.children.get(i));
            }
        }
        // the width of each subtree, children before parents
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            n.span = Math.max(n.width, childrenSpan(n));
        }
        // the height of each generation
        List<Integer> rowHeights = new ArrayList<>();
        for (Node n : order) {
            while (rowHeights.size() <= n.depth) {
                rowHeights.add(0);
            }
            rowHeights.set(n.depth, Math.max(rowHeights.get(n.depth), n.height));
        }
        String title = TraceWords.heading(trace);
        List<String> notes = notes(trace);
        int top = MARGIN + TITLE_HEIGHT * (1 + notes.size()) + 12;
        int[] rowTop = new int[rowHeights.size()];
        int y = top;
        for (int d = 0; d < rowTop.length; d++) {
            rowTop[d] = y;
            y += rowHeights.get(d) + GAP_Y;
        }
        // left to right: the trees side by side, each subtree centred in its span
        int x = MARGIN;
        for (Node root : roots) {
            root.left = x;
            x += root.span + GAP_X;
        }
        List<Box> boxes = new ArrayList<>();
        Map<Node, Box> boxOf = new HashMap<>();
        int right = MARGIN;
        for (Node n : order) {
            int cx = n.left + (n.span - childrenSpan(n)) / 2;
            for (Node child : n.children) {
                child.left = cx;
                cx += child.span + GAP_X;
            }
            Box b = new Box(
                    n.id,
                    n.look,
                    n.lines,
                    n.detail,
                    n.left + (n.span - n.width) / 2,
                    rowTop[n.depth],
                    n.width,
                    n.height);
            boxes.add(b);
            boxOf.put(n, b);
            right = Math.max(right, b.x() + b.width());
        }
        List<Arrow> arrows = new ArrayList<>();
        for (Node n : order) {
            if (n.parent == null) {
                continue;
            }
            Box from = boxOf.get(n.parent);
            Box to = boxOf.get(n);
            int mid = rowTop[n.depth] - GAP_Y / 2;
            // a parent and its only child may be a pixel apart (centred in spans of odd width)
            List<Point> points = Math.abs(from.centerX() - to.centerX()) <= 2
                    ? List.of(new Point(to.centerX(), from.bottom()), new Point(to.centerX(), to.y()))
                    : List.of(
                            new Point(from.centerX(), from.bottom()),
                            new Point(from.centerX(), mid),
                            new Point(to.centerX(), mid),
                            new Point(to.centerX(), to.y()));
            arrows.add(new Arrow(
                    from.id(), to.id(), n.lineIn, n.labelIn, points, false, new Point(to.centerX() + 6, to.y() - 8)));
        }
        int bend = 0;
        for (Node[] link : backLinks) {
            Box from = boxOf.get(link[0]);
            Box to = boxOf.get(link[1]);
            int reach = Math.max(from.x() + from.width(), to.x() + to.width()) + 36 + 12 * bend++;
            Point start = new Point(from.x() + from.width(), from.y() + from.height() / 2);
            Point end = new Point(to.x() + to.width(), to.y() + to.height() / 2);
            String delay = delay(trace.event(link[1].event).delay());
            String label = delay == null ? "cycle" : "cycle " + delay;
            arrows.add(new Arrow(
                    from.id(),
                    to.id(),
                    Line.CYCLE,
                    label,
                    List.of(start, new Point(reach, start.y()), new Point(reach, end.y()), end),
                    true,
                    new Point(reach - 6, (start.y() + end.y()) / 2 + 4)));
            right = Math.max(right, reach - 6 + textWidth(label));
        }
        for (String line : notes) {
            right = Math.max(right, MARGIN + textWidth(line));
        }
        right = Math.max(right, MARGIN + textWidth(title) * 14 / 12);
        right = Math.max(right, MARGIN + TraceSvg.LEGEND_WIDTH);
        int bottom = y - GAP_Y + 24 + TraceSvg.LEGEND_HEIGHT + MARGIN;
        return new TraceDrawing(title, notes, boxes, arrows, right + MARGIN, bottom);
    }

    private static int childrenSpan(Node n) {
        if (n.children.isEmpty()) {
            return 0;
        }
        int sum = GAP_X * (n.children.size() - 1);
        for (Node c : n.children) {
            sum += c.span;
        }
        return sum;
    }

    /** The figures under the title, and a line for each problem. */
    private static List<String> notes(Trace trace) {
        TraceSummary s = trace.summary();
        List<String> notes = new ArrayList<>();
        notes.add(TraceWords.events(s.events()) + " · depth " + s.depth() + " · span " + Durations.span(s.span())
                + " · critical path " + Durations.span(s.criticalDelay()) + " ("
                + TraceWords.events(s.criticalPath().size())
                + ")");
        for (TraceWords.SummaryRow row : TraceWords.summary(trace, false)) {
            if (row.alarming()) {
                String note = row.key() + ": " + row.value();
                notes.add(
                        note.codePointCount(0, note.length()) > MAX_NOTE
                                ? note.substring(0, note.offsetByCodePoints(0, MAX_NOTE - 1)) + "…"
                                : note);
            }
        }
        return notes;
    }
}
