package dev.eventscope.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON shown in a page: pretty-printed, keys and values marked for colour ({@code j-key},
 * {@code j-str}, {@code j-num}, {@code j-lit}), every string escaped. Strings longer than a limit
 * are cut with a note of how much is left out (the event page shows them whole); subtrees deeper
 * than {@link #MAX_DEPTH} are shown on one line, so no document can exhaust the stack.
 */
final class JsonHtml {

    static final int MAX_DEPTH = 64;

    /** An empty object: "{}" as a template would be a hole. */
    private static final Html.Safe EMPTY_OBJECT = new Html.Safe("{}");

    /** No limit on strings. */
    static final int WHOLE = Integer.MAX_VALUE;

    private JsonHtml() {}

    /** {@code node} as a {@code <pre class="json">} block. */
    static Html.Safe block(JsonNode node, int maxString) {
        Html h = new Html();
        h.add("<pre class=\"json\">");
        value(h, node, 0, maxString);
        h.add("</pre>");
        return h.safe();
    }

    /** {@code node} on one line, cut to {@code max} characters (for table cells and patches). */
    static Html.Safe inline(JsonNode node, int max) {
        if (node == null || node.isMissingNode()) {
            return new Html().add("<span class=\"r-muted\">(none)</span>").safe();
        }
        return new Html()
                .add("<code>{}</code>", Html.clip(Json.write(node), max))
                .safe();
    }

    private static void value(Html h, JsonNode n, int depth, int maxString) {
        if (n == null || n.isMissingNode()) {
            h.add("<span class=\"j-lit\">null</span>");
        } else if (n.isObject()) {
            if (n.isEmpty()) {
                h.text(EMPTY_OBJECT);
                return;
            }
            if (depth >= MAX_DEPTH) {
                h.add("<span class=\"r-muted\">{}</span>", Html.clip(Json.write(n), 200));
                return;
            }
            h.add("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                indent(h, depth + 1);
                h.add("<span class=\"j-key\">{}</span>: ", quoted(f.getKey(), maxString));
                value(h, f.getValue(), depth + 1, maxString);
                h.add(it.hasNext() ? ",\n" : "\n");
            }
            indent(h, depth);
            h.add("}");
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                h.add("[]");
                return;
            }
            if (depth >= MAX_DEPTH) {
                h.add("<span class=\"r-muted\">{}</span>", Html.clip(Json.write(n), 200));
                return;
            }
            h.add("[\n");
            for (int i = 0; i < n.size(); i++) {
                indent(h, depth + 1);
                value(h, n.get(i), depth + 1, maxString);
                h.add(i + 1 < n.size() ? ",\n" : "\n");
            }
            indent(h, depth);
            h.add("]");
        } else if (n.isTextual()) {
            h.add("<span class=\"j-str\">{}</span>", quoted(n.textValue(), maxString));
        } else if (n.isNumber()) {
            h.add("<span class=\"j-num\">{}</span>", n.toString());
        } else {
            h.add("<span class=\"j-lit\">{}</span>", n.toString());
        }
    }

    /** A string as JSON writes it (quotes, escapes), cut with a note when longer than {@code max}. */
    private static String quoted(String s, int max) {
        if (s.length() <= max) {
            return Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
        }
        String cut = Html.clip(s, max);
        return Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(cut.substring(0, cut.length() - 1)))
                + " … (" + (s.length() - max) + " more characters)";
    }

    private static void indent(Html h, int depth) {
        for (int i = 0; i < depth; i++) {
            h.add("  ");
        }
    }
}
