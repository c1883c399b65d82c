package dev.eventscope.cli.render.trace;

import java.io.PrintWriter;
import java.util.stream.Collectors;

/**
 * A trace as a Graphviz DOT digraph ({@code evs trace ID -o dot | dot -Tsvg > trace.svg}). Labels
 * are double-quoted strings with {@code \} and {@code "} escaped; data never reaches the output
 * unquoted, and node ids are generated.
 */
public final class TraceDot {

    private TraceDot() {}

    public static void print(PrintWriter out, dev.eventscope.trace.Trace trace) {
        GraphView view = GraphView.of(trace);
        out.println("digraph trace {");
        out.println("  graph [rankdir=TB, fontname=\"Helvetica\", label="
                + quote(TraceSummaryText.heading(trace, false)) + ", labelloc=t];");
        out.println("  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];");
        out.println("  edge [fontname=\"Helvetica\", fontsize=9];");
        for (GraphView.Node n : view.nodes) {
            out.println("  " + n.id() + " [label=" + quote(String.join("\n", n.lines())) + attributes(n.look()) + "];");
        }
        for (GraphView.Edge e : view.edges) {
            String label = e.label() == null ? "" : "label=" + quote(e.label());
            String attrs = join(label, attributes(e.line()));
            out.println("  " + e.from() + " -> " + e.to() + (attrs.isEmpty() ? "" : " [" + attrs + "]") + ";");
        }
        out.println("}");
    }

    /** A DOT quoted string; a newline in {@code text} becomes the centred line break {@code \n}. */
    static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '"') {
                s.append('\\').append(c);
            } else if (c == '\n') {
                s.append("\\n");
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }

    private static String attributes(GraphView.Look look) {
        switch (look) {
            case CAUSE:
                return ", shape=ellipse, style=dashed";
            case MISSING:
                return ", shape=ellipse, style=\"dashed,bold\", color=red, fontcolor=red";
            case ENTRY:
                return ", style=\"rounded,bold\", color=blue";
            case UNREACHABLE:
                return ", style=\"rounded,filled\", fillcolor=lightyellow";
            case OUTSIDE:
                return ", style=\"rounded,dotted\", fontcolor=gray40";
            default:
                return "";
        }
    }

    private static String attributes(GraphView.Line line) {
        switch (line) {
            case FROM_CAUSE:
                return "style=dashed";
            case CRITICAL:
                return "penwidth=2.5, color=darkorange";
            case CYCLE:
                return "color=red, fontcolor=red";
            case OUTSIDE:
                return "style=dotted";
            default:
                return "";
        }
    }

    private static String join(String a, String b) {
        return java.util.stream.Stream.of(a, b).filter(s -> !s.isEmpty()).collect(Collectors.joining(", "));
    }
}
