package dev.eventscope.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
    // the compact text as UTF-8, as read from the store: parsed without decoding it to a String
    // (a fold never needs the text), decoded on the first text(). Never cleared, so that a reader
    // on another thread always finds one of the forms (the fields are not volatile)
    private final byte[] utf8;

    private JsonDoc(String text, JsonNode node, byte[] utf8) {
        this.text = text;
        this.node = node;
        this.utf8 = utf8;
    }

    /** A document from compact text written by this tool (not validated again). */
    public static JsonDoc ofText(String compactText) {
        return new JsonDoc(Objects.requireNonNull(compactText), null, null);
    }

    /** A document from the UTF-8 bytes of compact text written by this tool (not validated again). */
    public static JsonDoc ofUtf8(byte[] compactUtf8) {
        return new JsonDoc(null, null, Objects.requireNonNull(compactUtf8));
    }

    public static JsonDoc of(JsonNode node) {
        return new JsonDoc(null, Objects.requireNonNull(node), null);
    }

    /**
     * A document with both forms at hand, when the caller just wrote {@code compactText} from
     * {@code node}: saves parsing the text again when a reader needs the tree.
     */
    public static JsonDoc of(String compactText, JsonNode node) {
        return new JsonDoc(Objects.requireNonNull(compactText), Objects.requireNonNull(node), null);
    }

    /** The compact text: no whitespace, keys in their order. */
    public String text() {
        String t = text;
        if (t == null) {
            byte[] b = utf8;
            t = b != null ? new String(b, StandardCharsets.UTF_8) : Json.write(node);
            text = t;
        }
        return t;
    }

    /**
     * The compact text as UTF-8: the bytes as read from the store when that is where the document
     * came from (hashing them needs no decoding), else the text encoded. Callers must not modify it.
     */
    public byte[] utf8() {
        byte[] b = utf8;
        return b != null ? b : text().getBytes(StandardCharsets.UTF_8);
    }

    /** The tree. Callers must not modify it: copy with {@code deepCopy()} first. */
    public JsonNode node() {
        JsonNode n = node;
        if (n == null) {
            byte[] b = utf8;
            n = b != null ? Json.parseTrusted(b) : Json.parseTrusted(text);
            node = n;
        }
        return n;
    }

    /**
     * True when the tree has not been made yet and the document is an object (its compact text
     * starts with a brace): a reader that may not need the tree can put off parsing it.
     */
    public boolean isUnparsedObject() {
        if (node != null) {
            return false;
        }
        byte[] b = utf8;
        if (b != null) {
            return b.length > 0 && b[0] == '{';
        }
        String t = text;
        return t != null && !t.isEmpty() && t.charAt(0) == '{';
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
