package dev.eventscope.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A JSON document held as text, as a tree, or both: stored events arrive as text and many readers
 * (export, hashing) never need the tree, while reducers need the tree and never the text.
 *
 * <p>Each form is computed from the other on first use. Equality is by the compact text. Instances
 * are safe to share between threads: the lazily computed forms are idempotent.
 */
public final class JsonDoc {

    public static final JsonDoc EMPTY_OBJECT = ofText("{}");

    private String text;
    private JsonNode node;

    private JsonDoc(String text, JsonNode node) {
        this.text = text;
        this.node = node;
    }

    /** A document from compact text written by this tool (not validated again). */
    public static JsonDoc ofText(String compactText) {
        return new JsonDoc(Objects.requireNonNull(compactText), null);
    }

    public static JsonDoc of(JsonNode node) {
        return new JsonDoc(null, Objects.requireNonNull(node));
    }

    /**
     * A document with both forms at hand, when the caller just wrote {@code compactText} from
     * {@code node}: saves parsing the text again when a reader needs the tree.
     */
    public static JsonDoc of(String compactText, JsonNode node) {
        return new JsonDoc(Objects.requireNonNull(compactText), Objects.requireNonNull(node));
    }

    /** The compact text: no whitespace, keys in their order. */
    public String text() {
        String t = text;
        if (t == null) {
            t = Json.write(node);
            text = t;
        }
        return t;
    }

    /** The tree. Callers must not modify it: copy with {@code deepCopy()} first. */
    public JsonNode node() {
        JsonNode n = node;
        if (n == null) {
            n = Json.parseTrusted(text);
            node = n;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonDoc other && text().equals(other.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
