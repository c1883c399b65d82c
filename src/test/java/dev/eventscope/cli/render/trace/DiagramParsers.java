package dev.eventscope.cli.render.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough DOT and Mermaid parsing to read back what the renderers write: node ids with their
 * label lines (unescaped), and edges with their labels. Anything else on a line fails the parse,
 * so a renderer that lets data break out of a label is caught.
 */
final class DiagramParsers {

    record Graph(Map<String, List<String>> nodes, List<Edge> edges) {}

    record Edge(String from, String to, String label) {}

    private DiagramParsers() {}

    // ---------------------------------------------------------------- DOT

    private static final Pattern DOT_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static Graph dot(String text) {
        List<String> lines = text.lines().toList();
        if (!lines.get(0).equals("digraph trace {")
                || !lines.get(lines.size() - 1).equals("}")) {
            throw new IllegalArgumentException("not a digraph: " + text);
        }
        Map<String, List<String>> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (String raw : lines.subList(1, lines.size() - 1)) {
            DotScanner s = new DotScanner(raw.strip());
            String first = s.id();
            if (s.peek("->")) {
                s.expect("->");
                String to = s.id();
                Map<String, String> attrs = s.attributes();
                s.expect(";");
                s.end();
                edges.add(new Edge(first, to, attrs.get("label")));
            } else {
                Map<String, String> attrs = s.attributes();
                s.expect(";");
                s.end();
                if (!List.of("graph", "node", "edge").contains(first)) {
                    nodes.put(first, List.of(attrs.get("label").split("\n", -1)));
                }
            }
        }
        return new Graph(nodes, edges);
    }

    private static final class DotScanner {
        private final String s;
        private int at;

        DotScanner(String s) {
            this.s = s;
        }

        boolean peek(String token) {
            skip();
            return s.startsWith(token, at);
        }

        void expect(String token) {
            if (!peek(token)) {
                throw new IllegalArgumentException("expected " + token + " at " + at + " in: " + s);
            }
            at += token.length();
        }

        void end() {
            skip();
            if (at != s.length()) {
                throw new IllegalArgumentException("trailing text at " + at + " in: " + s);
            }
        }

        String id() {
            skip();
            Matcher m = DOT_ID.matcher(s).region(at, s.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException("expected an id at " + at + " in: " + s);
            }
            at = m.end();
            return m.group();
        }

        Map<String, String> attributes() {
            Map<String, String> attrs = new LinkedHashMap<>();
            if (!peek("[")) {
                return attrs;
            }
            expect("[");
            while (!peek("]")) {
                String key = id();
                expect("=");
                attrs.put(key, value());
                if (peek(",")) {
                    expect(",");
                }
            }
            expect("]");
            return attrs;
        }

        /** A quoted string (unescaped: \" \\ and \n) or a bare word. */
        String value() {
            skip();
            if (s.charAt(at) != '"') {
                Matcher m = Pattern.compile("[A-Za-z0-9_.]+").matcher(s).region(at, s.length());
                if (!m.lookingAt()) {
                    throw new IllegalArgumentException("expected a value at " + at + " in: " + s);
                }
                at = m.end();
                return m.group();
            }
            StringBuilder v = new StringBuilder();
            at++;
            while (s.charAt(at) != '"') {
                char c = s.charAt(at++);
                if (c == '\\') {
                    char n = s.charAt(at++);
                    v.append(n == 'n' ? '\n' : n);
                } else {
                    v.append(c);
                }
            }
            at++;
            return v.toString();
        }

        private void skip() {
            while (at < s.length() && s.charAt(at) == ' ') {
                at++;
            }
        }
    }

    // ---------------------------------------------------------------- Mermaid

    private static final Pattern MERMAID_NODE =
            Pattern.compile(" {2}([A-Za-z][A-Za-z0-9]*)(?:\\[\"([^\"]*)\"\\]|\\(\\[\"([^\"]*)\"\\]\\))");
    private static final Pattern MERMAID_EDGE =
            Pattern.compile(" {2}([A-Za-z][A-Za-z0-9]*) (?:-->|-\\.->)(?:\\|\"([^\"]*)\"\\|)? ([A-Za-z][A-Za-z0-9]*)");
    private static final Pattern MERMAID_STYLE =
            Pattern.compile(" {2}(classDef [a-z]+ [^\"]+|class [A-Za-z0-9,]+ [a-z]+|linkStyle [0-9,]+ [^\"]+)");
    private static final Pattern ENTITY = Pattern.compile("#(\\d+);");

    static Graph mermaid(String text) {
        List<String> lines = text.lines().toList();
        if (!lines.get(0).equals("flowchart TD")) {
            throw new IllegalArgumentException("not a flowchart: " + text);
        }
        Map<String, List<String>> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher node = MERMAID_NODE.matcher(line);
            Matcher edge = MERMAID_EDGE.matcher(line);
            if (node.matches()) {
                String label = node.group(2) != null ? node.group(2) : node.group(3);
                nodes.put(
                        node.group(1),
                        List.of(label.split("<br/>", -1)).stream()
                                .map(DiagramParsers::unescapeMermaid)
                                .toList());
            } else if (edge.matches()) {
                String label = edge.group(2) == null ? null : unescapeMermaid(edge.group(2));
                edges.add(new Edge(edge.group(1), edge.group(3), label));
            } else if (!MERMAID_STYLE.matcher(line).matches()) {
                throw new IllegalArgumentException("not a node, edge or style: " + line);
            }
        }
        return new Graph(nodes, edges);
    }

    /** Mermaid entity codes back to text; a label may hold nothing else that is markup. */
    static String unescapeMermaid(String label) {
        if (label.matches(".*[\"<>&`*_\\[\\]{}|\\\\].*")) {
            throw new IllegalArgumentException("markup left unescaped in: " + label);
        }
        Matcher m = ENTITY.matcher(label);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
