package dev.eventscope.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An applier of JSON Patch (RFC 6902: add, remove, replace) with JSON Pointers (RFC 6901), written
 * from the RFCs over plain maps and lists: the test oracle of {@link JsonPatch}, sharing none of its
 * code (not even the pointer escaping), so a mistake the diff and {@link JsonPatch#apply} share
 * cannot cancel out. Only for tests: it copies documents and checks little.
 */
final class Rfc6902 {

    private Rfc6902() {}

    /** A document as plain Java values: maps, lists, strings, BigDecimals, booleans, null. */
    @SuppressWarnings("unchecked")
    static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> m.put(f.getKey(), plain(f.getValue())));
            return m;
        }
        if (node.isArray()) {
            List<Object> l = new ArrayList<>();
            node.forEach(e -> l.add(plain(e)));
            return l;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    /** {@code document} with the operations of {@code patch} (a list of operation maps) applied. */
    @SuppressWarnings("unchecked")
    static Object apply(Object document, Object patch) {
        Object doc = copy(document);
        for (Object o : (List<Object>) patch) {
            Map<String, Object> op = (Map<String, Object>) o;
            String kind = (String) op.get("op");
            List<String> tokens = tokens((String) op.get("path"));
            Object value = copy(op.get("value"));
            if (tokens.isEmpty()) {
                // the whole document: add and replace both set it (section 4.1, 4.3)
                doc = value;
                continue;
            }
            Object parent = doc;
            for (String t : tokens.subList(0, tokens.size() - 1)) {
                parent = parent instanceof Map<?, ?> m ? m.get(t) : ((List<Object>) parent).get(Integer.parseInt(t));
            }
            String last = tokens.get(tokens.size() - 1);
            if (parent instanceof Map<?, ?>) {
                Map<String, Object> m = (Map<String, Object>) parent;
                if (kind.equals("remove")) {
                    if (!m.containsKey(last)) {
                        throw new IllegalArgumentException("remove of a missing member " + last);
                    }
                    m.remove(last);
                } else {
                    m.put(last, value);
                }
            } else {
                List<Object> l = (List<Object>) parent;
                int i = last.equals("-") ? l.size() : Integer.parseInt(last);
                switch (kind) {
                    case "add":
                        l.add(i, value);
                        break;
                    case "remove":
                        l.remove(i);
                        break;
                    default:
                        l.set(i, value);
                }
            }
        }
        return doc;
    }

    /** The reference tokens of a pointer, unescaped: {@code ~1} first, then {@code ~0} (RFC 6901, 4). */
    static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        if (pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("a pointer starts with /: " + pointer);
        }
        int start = 1;
        while (true) {
            int next = pointer.indexOf('/', start);
            String raw = next < 0 ? pointer.substring(start) : pointer.substring(start, next);
            StringBuilder t = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '~') {
                    char d = raw.charAt(++i);
                    t.append(d == '1' ? '/' : '~');
                } else {
                    t.append(c);
                }
            }
            tokens.add(t.toString());
            if (next < 0) {
                return tokens;
            }
            start = next + 1;
        }
    }

    /** Deep equality, numbers by value. */
    @SuppressWarnings("unchecked")
    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Object k : x.keySet()) {
                if (!same(x.get(k), y.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> c.put(k, copy(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(e -> c.add(copy(e)));
            return c;
        }
        return o;
    }
}
