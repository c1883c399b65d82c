package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.JsonPointer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A value of a {@link YamlDocument} together with its JSON pointer, so that a section loader can
 * say exactly where in the file something is wrong ({@link #at()}).
 */
public final class YamlNode {

    private final YamlDocument document;
    private final JsonNode node;
    private final String pointer;

    YamlNode(YamlDocument document, JsonNode node, String pointer) {
        this.document = document;
        this.node = node;
        this.pointer = pointer;
    }

    public JsonNode json() {
        return node;
    }

    public String pointer() {
        return pointer;
    }

    public YamlDocument document() {
        return document;
    }

    public YamlDocument.Mark mark() {
        return document.mark(pointer);
    }

    /** {@code file:line:column} of this value, for messages. */
    public String at() {
        YamlDocument.Mark m = mark();
        return document.name() + ":" + m.line() + ":" + m.column();
    }

    /** The path of keys to this value, such as {@code aggregates.Order.initial}. */
    public String path() {
        if (pointer.isEmpty()) {
            return "(top level)";
        }
        List<String> parts = new ArrayList<>();
        for (String p : pointer.substring(1).split("/", -1)) {
            parts.add(JsonPointer.unescape(p));
        }
        return String.join(".", parts);
    }

    public boolean isObject() {
        return node.isObject();
    }

    public boolean isMissing() {
        return node == null || node.isMissingNode();
    }

    /** The member {@code key} of this mapping, or null when absent. */
    public YamlNode get(String key) {
        JsonNode child = node.get(key);
        return child == null ? null : new YamlNode(document, child, JsonPointer.child(pointer, key));
    }

    /** The members of this mapping, in file order (empty when it is not a mapping). */
    public List<Map.Entry<String, YamlNode>> fields() {
        List<Map.Entry<String, YamlNode>> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(Map.entry(
                    e.getKey(), new YamlNode(document, e.getValue(), JsonPointer.child(pointer, e.getKey()))));
        }
        return out;
    }

    /** The elements of this sequence (empty when it is not a sequence). */
    public List<YamlNode> elements() {
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < node.size() && node.isArray(); i++) {
            out.add(new YamlNode(document, node.get(i), pointer + "/" + i));
        }
        return out;
    }

    /** What kind of YAML value this is, for messages: "a mapping", "a string", ... */
    public String kind() {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
