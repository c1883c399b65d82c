package dev.eventscope.cli.render.trace;

import dev.eventscope.trace.Trace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trace as a Mermaid flowchart, which GitHub renders inside a {@code ```mermaid} block. Every
 * label is double-quoted, and every character that Mermaid, its Markdown strings or HTML could read
 * as markup is written as a Mermaid entity code ({@code #35;} for {@code #}); node ids are
 * generated.
 */
public final class TraceMermaid {

    private TraceMermaid() {}

    public static void print(PrintWriter out, Trace trace) {
        GraphView view = GraphView.of(trace);
        out.println("flowchart TD");
        Map<GraphView.Look, List<String>> classes = new EnumMap<>(GraphView.Look.class);
        for (GraphView.Node n : view.nodes) {
            String label = "\""
                    + String.join(
                            "<br/>",
                            n.lines().stream().map(TraceMermaid::escape).toList()) + "\"";
            boolean cause = n.look() == GraphView.Look.CAUSE || n.look() == GraphView.Look.MISSING;
            out.println("  " + n.id() + (cause ? "([" + label + "])" : "[" + label + "]"));
            if (n.look() != GraphView.Look.EVENT) {
                classes.computeIfAbsent(n.look(), k -> new ArrayList<>()).add(n.id());
            }
        }
        Map<GraphView.Line, List<String>> styles = new TreeMap<>();
        for (int i = 0; i < view.edges.size(); i++) {
            GraphView.Edge e = view.edges.get(i);
            boolean dashed = e.line() == GraphView.Line.FROM_CAUSE || e.line() == GraphView.Line.OUTSIDE;
            String arrow = dashed ? " -.->" : " -->";
            String label = e.label() == null ? "" : "|\"" + escape(e.label()) + "\"|";
            out.println("  " + e.from() + arrow + label + " " + e.to());
            if (e.line() == GraphView.Line.CRITICAL || e.line() == GraphView.Line.CYCLE) {
                styles.computeIfAbsent(e.line(), k -> new ArrayList<>()).add(Integer.toString(i));
            }
        }
        for (Map.Entry<GraphView.Look, List<String>> c : classes.entrySet()) {
            String name = c.getKey().name().toLowerCase(java.util.Locale.ROOT);
            out.println("  classDef " + name + " " + classStyle(c.getKey()));
            out.println("  class " + String.join(",", c.getValue()) + " " + name);
        }
        for (Map.Entry<GraphView.Line, List<String>> s : styles.entrySet()) {
            String style = s.getKey() == GraphView.Line.CRITICAL
                    ? "stroke:#e67e00,stroke-width:3px"
                    : "stroke:#cc0000,stroke-width:2px";
            out.println("  linkStyle " + String.join(",", s.getValue()) + " " + style);
        }
    }

    /**
     * Text safe inside a double-quoted Mermaid label: letters, digits and plain punctuation stay;
     * anything else (quotes, {@code #}, {@code <>&}, Markdown marks, brackets, symbols) becomes
     * {@code #code;}.
     */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || " -.,:/+()@'!?=".indexOf(cp) >= 0) {
                s.appendCodePoint(cp);
            } else {
                s.append('#').append(cp).append(';');
            }
        });
        return s.toString();
    }

    private static String classStyle(GraphView.Look look) {
        switch (look) {
            case CAUSE:
                return "fill:#f4f4f4,stroke:#888,stroke-dasharray:4 3";
            case MISSING:
                return "fill:#fde8e8,stroke:#cc0000,color:#990000,stroke-dasharray:4 3";
            case ENTRY:
                return "stroke:#0055cc,stroke-width:3px";
            case UNREACHABLE:
                return "fill:#fff6d5,stroke:#cc9900";
            default:
                return "fill:#ffffff,stroke:#aaaaaa,color:#666666,stroke-dasharray:2 2";
        }
    }
}
