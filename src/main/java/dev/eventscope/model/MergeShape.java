package dev.eventscope.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises the shape most reducers have, {@code $state | {"k1": e1, "k2": e2, * : .}}: the state
 * with some keys set and every other key kept. {@link JsltRule} runs such a rule as one JSLT array
 * {@code [e1, e2]} over the state and merges the values into a copy of the state in its own key
 * order, instead of having JSLT build the object (listed keys first, then a name-set check for each
 * copied key) and putting the keys back in the state's order afterwards (ADR 0043).
 *
 * <p>The recognition is by text and deliberately narrow: string-literal keys without escapes, no
 * {@code let}, no dynamic keys, a matcher that is exactly {@code * : .} and last, and nothing
 * before {@code $state} or after the closing brace except whitespace and comments. Anything else
 * is not recognised and runs as written.
 */
final class MergeShape {

    /** A recognised rule: the keys it sets, in order, and the JSLT array of their values. */
    record Parsed(List<String> keys, String valuesText) {}

    private final String text;
    private int at;

    private MergeShape(String text) {
        this.text = text;
    }

    /** The rule's keys and values, or null when {@code text} does not have the shape. */
    static Parsed parse(String text) {
        return new MergeShape(text).parse();
    }

    private Parsed parse() {
        skipSpace();
        if (!take("$state") || (at < text.length() && isNameChar(text.charAt(at)))) {
            return null;
        }
        skipSpace();
        if (!take("|")) {
            return null;
        }
        skipSpace();
        if (!take("{")) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        StringBuilder values = new StringBuilder("[");
        while (true) {
            skipSpace();
            if (take("*")) {
                break;
            }
            String key = stringLiteral();
            if (key == null || !seen.add(key)) {
                return null;
            }
            skipSpace();
            if (!take(":")) {
                return null;
            }
            int start = at;
            int end = valueEnd();
            if (end < 0 || text.substring(start, end).isBlank()) {
                return null;
            }
            keys.add(key);
            if (values.length() > 1) {
                values.append(",\n");
            }
            values.append('(').append(text, start, end).append("\n)");
            at = end;
            if (!take(",")) {
                // the object ends without a matcher: not this shape
                return null;
            }
        }
        skipSpace();
        if (!take(":")) {
            return null;
        }
        skipSpace();
        if (!take(".")) {
            return null;
        }
        skipSpace();
        if (!take("}")) {
            return null;
        }
        skipSpace();
        if (at != text.length() || keys.isEmpty()) {
            return null;
        }
        return new Parsed(List.copyOf(keys), values.append(']').toString());
    }

    /**
     * Where the value starting at {@link #at} ends: the first comma or closing brace outside any
     * bracket, string or comment. -1 when the text ends first or the brackets do not match.
     */
    private int valueEnd() {
        List<Character> open = new ArrayList<>();
        int i = at;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i = stringEnd(i);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                i = lineEnd(i);
                continue;
            }
            if (c == '\'') {
                return -1;
            }
            if (c == '(' || c == '[' || c == '{') {
                open.add(c);
            } else if (c == ')' || c == ']' || c == '}') {
                if (open.isEmpty()) {
                    return c == '}' ? i : -1;
                }
                char o = open.remove(open.size() - 1);
                if ((o == '(' && c != ')') || (o == '[' && c != ']') || (o == '{' && c != '}')) {
                    return -1;
                }
            } else if (c == ',' && open.isEmpty()) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** A double-quoted key without escapes at {@link #at}, moving past it; null otherwise. */
    private String stringLiteral() {
        if (at >= text.length() || text.charAt(at) != '"') {
            return null;
        }
        int close = text.indexOf('"', at + 1);
        if (close < 0) {
            return null;
        }
        String key = text.substring(at + 1, close);
        if (key.indexOf('\\') >= 0 || key.indexOf('\n') >= 0) {
            return null;
        }
        at = close + 1;
        return key;
    }

    /** The index after the string literal starting at {@code i}, or -1 when it does not end. */
    private int stringEnd(int i) {
        int j = i + 1;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '"') {
                return j + 1;
            } else {
                j++;
            }
        }
        return -1;
    }

    private int lineEnd(int i) {
        int nl = text.indexOf('\n', i);
        return nl < 0 ? text.length() : nl + 1;
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '/' && at + 1 < text.length() && text.charAt(at + 1) == '/') {
                at = lineEnd(at);
            } else {
                return;
            }
        }
    }

    private boolean take(String token) {
        if (text.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':';
    }
}
