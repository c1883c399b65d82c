package dev.eventscope.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * A source's payload or metadata, whatever its store wrote (JSON, YAML, XML, bytes), as the JSON
 * object our events carry, with the documented fields for what has no faithful JSON object form
 * (ADR 0161): {@code $value} for other JSON values, {@code $xml}, {@code $yaml}, {@code $text},
 * {@code $base64}. Each such case adds its {@link Loss}.
 */
final class Payloads {

    private Payloads() {}

    /** JSON text from a JSON column: an object as is, another value under {@code $value}. */
    static ObjectNode fromJson(String text, Set<Loss> losses) {
        if (text == null) {
            return Json.object();
        }
        JsonNode value = parseJson(text.getBytes(StandardCharsets.UTF_8));
        if (value == null) {
            losses.add(Loss.PAYLOAD_TEXT);
            return wrap("$text", text);
        }
        return asObject(value, losses);
    }

    /**
     * {@link #fromJson} as compact text: the text {@code Json.write(fromJson(text, losses))} gives,
     * made without the tree when the document is an object (the common case, ADR 0260).
     */
    static String fromJsonAsText(String text, Set<Loss> losses) {
        if (text != null) {
            try {
                String compact = Json.compact(text.getBytes(StandardCharsets.UTF_8));
                if (compact.startsWith("{")) {
                    return compact;
                }
            } catch (IOException notJson) {
                // fromJson keeps it as text, and says so
            }
        }
        return Json.write(fromJson(text, losses));
    }

    /**
     * Bytes from a binary or text column, by content: JSON, YAML when {@code yaml} (RubyEventStore),
     * XML (Axon's XStream), other text, or bytes that are no UTF-8.
     */
    static ObjectNode fromBytes(byte[] bytes, boolean yaml, int maxChars, Set<Loss> losses) {
        if (bytes == null) {
            return Json.object();
        }
        String text = utf8(bytes);
        if (text == null) {
            losses.add(Loss.PAYLOAD_BINARY);
            return wrap("$base64", Base64.getEncoder().encodeToString(bytes));
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return Json.object();
        }
        char first = trimmed.charAt(0);
        if (first == '<') {
            losses.add(Loss.PAYLOAD_XML);
            return wrap("$xml", text);
        }
        if (yaml && RubyYaml.looksLikeYaml(trimmed)) {
            RubyYaml.Converted converted = RubyYaml.convert(text, maxChars);
            if (converted == null) {
                losses.add(Loss.PAYLOAD_YAML_KEPT);
                return wrap("$yaml", text);
            }
            losses.addAll(converted.losses());
            return asObject(converted.value(), losses);
        }
        JsonNode json = parseJson(bytes);
        if (json != null) {
            return asObject(json, losses);
        }
        losses.add(Loss.PAYLOAD_TEXT);
        return wrap("$text", text);
    }

    static ObjectNode asObject(JsonNode value, Set<Loss> losses) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Json.object();
        }
        if (value.isObject()) {
            return (ObjectNode) value;
        }
        losses.add(Loss.PAYLOAD_NOT_AN_OBJECT);
        ObjectNode wrapped = Json.object();
        wrapped.set("$value", value);
        return wrapped;
    }

    private static ObjectNode wrap(String field, String text) {
        ObjectNode o = Json.object();
        o.put(field, text);
        return o;
    }

    /** {@code bytes} as strict UTF-8, or null when they are not. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static JsonNode parseJson(byte[] bytes) {
        try {
            return Json.parse(bytes, 0, bytes.length);
        } catch (IOException e) {
            return null;
        }
    }
}
