package dev.eventscope.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * RFC 6902 JSON Patch between two documents, and applying one (for checks and tests).
 *
 * <p>The patch is correct and small for the changes states go through: objects are compared key by
 * key (removed keys first, then changed and added ones in the new document's order), arrays
 * element by element, then elements added at the end or removed from the end. Numbers are equal
 * when their values are ({@code 1.0} equals {@code 1}).
 */
public final class JsonPatch {

    private JsonPatch() {}

    /** The operations that turn {@code from} into {@code to} (empty when they are equal). */
    public static ArrayNode diff(JsonNode from, JsonNode to) {
        ArrayNode ops = Json.mapper().createArrayNode();
        diff(from, to, "", ops);
        return ops;
    }

    private static void diff(JsonNode from, JsonNode to, String path, ArrayNode ops) {
        if (equal(from, to)) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            Iterator<String> old = from.fieldNames();
            while (old.hasNext()) {
                String key = old.next();
                if (!to.has(key)) {
                    ops.add(op("remove", JsonPointer.child(path, key), null));
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = to.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String p = JsonPointer.child(path, f.getKey());
                JsonNode before = from.get(f.getKey());
                if (before == null) {
                    ops.add(op("add", p, f.getValue()));
                } else {
                    diff(before, f.getValue(), p, ops);
                }
            }
            return;
        }
        if (from.isArray() && to.isArray()) {
            int common = Math.min(from.size(), to.size());
            for (int i = 0; i < common; i++) {
                diff(from.get(i), to.get(i), path + "/" + i, ops);
            }
            for (int i = common; i < to.size(); i++) {
                ops.add(op("add", path + "/" + i, to.get(i)));
            }
            for (int i = from.size() - 1; i >= common; i--) {
                ops.add(op("remove", path + "/" + i, null));
            }
            return;
        }
        ops.add(op("replace", path, to));
    }

    private static ObjectNode op(String name, String path, JsonNode value) {
        ObjectNode o = Json.object();
        o.put("op", name);
        o.put("path", path);
        if (value != null) {
            o.set("value", value);
        }
        return o;
    }

    /** True when the two documents are equal, numbers compared by value. */
    public static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> it = a.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode other = b.get(f.getKey());
                if (other == null || !equal(f.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * {@code document} with the {@code add}, {@code remove} and {@code replace} operations of
     * {@code patch} applied (a copy; {@code document} is not changed).
     *
     * @throws IllegalArgumentException when an operation does not fit the document
     */
    public static JsonNode apply(JsonNode document, ArrayNode patch) {
        JsonNode root = document.deepCopy();
        for (JsonNode op : patch) {
            String name = op.path("op").asText();
            String path = op.path("path").asText();
            JsonNode value = op.get("value");
            if (path.isEmpty()) {
                if (!name.equals("replace") && !name.equals("add")) {
                    throw new IllegalArgumentException("cannot " + name + " the whole document");
                }
                root = value.deepCopy();
                continue;
            }
            int slash = path.lastIndexOf('/');
            JsonNode parent = locate(root, path.substring(0, slash));
            String token = JsonPointer.unescape(path.substring(slash + 1));
            if (parent instanceof ObjectNode o) {
                switch (name) {
                    case "add":
                    case "replace":
                        o.set(token, value.deepCopy());
                        break;
                    case "remove":
                        o.remove(token);
                        break;
                    default:
                        throw new IllegalArgumentException("unsupported op " + name);
                }
            } else if (parent instanceof ArrayNode a) {
                int i = token.equals("-") ? a.size() : Integer.parseInt(token);
                switch (name) {
                    case "add":
                        a.insert(i, value.deepCopy());
                        break;
                    case "replace":
                        a.set(i, value.deepCopy());
                        break;
                    case "remove":
                        a.remove(i);
                        break;
                    default:
                        throw new IllegalArgumentException("unsupported op " + name);
                }
            } else {
                throw new IllegalArgumentException("no container at " + path);
            }
        }
        return root;
    }

    private static JsonNode locate(JsonNode root, String pointer) {
        JsonNode node = root;
        if (pointer.isEmpty()) {
            return node;
        }
        for (String token : pointer.substring(1).split("/", -1)) {
            String key = JsonPointer.unescape(token);
            node = node.isArray() ? node.get(Integer.parseInt(key)) : node.get(key);
            if (node == null) {
                throw new IllegalArgumentException("nothing at " + pointer);
            }
        }
        return node;
    }
}
