package dev.eventscope.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The one JSON configuration of the tool: strict on input, exact with numbers, compact on output.
 *
 * <p>Input is read from bytes (so invalid UTF-8 is caught), duplicate keys and trailing content are
 * errors, nesting is limited to {@value #MAX_DEPTH} levels, and numbers keep their digits (decimals
 * as {@link java.math.BigDecimal}, so {@code 157.0} and {@code 1e400} survive a round trip).
 */
public final class Json {

    /** Deepest nesting accepted in one document. */
    public static final int MAX_DEPTH = 500;

    public static final ObjectMapper MAPPER = createMapper();

    /**
     * The reader of stored text: made once (ObjectMapper.readTree resolves the JsonNode type on
     * every call, which costs as much as parsing a small payload), and without the duplicate-key
     * check, which builds a set of names for every object: stored text was checked when it was
     * written, and nothing else is trusted.
     */
    private static final ObjectReader TREE_READER = trustedReader();

    private Json() {}

    private static ObjectMapper createMapper() {
        return configure(new ObjectMapper(factory(true)));
    }

    // a parser's duplicate detector is made from its factory's features; turning the feature off
    // on an ObjectReader left it checking every object's names, so trusted reads get a factory
    // without it
    private static ObjectReader trustedReader() {
        return configure(new ObjectMapper(factory(false))).reader();
    }

    private static JsonFactory factory(boolean duplicateDetection) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(1_000)
                        .build())
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, duplicateDetection)
                .build();
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        mapper.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        return mapper;
    }

    /** Parses one document from UTF-8 bytes. */
    public static JsonNode parse(byte[] utf8, int offset, int length) throws IOException {
        JsonNode node = MAPPER.readTree(utf8, offset, length);
        if (node == null || node.isMissingNode()) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, "no JSON value");
        }
        return node;
    }

    /** Parses text that is known to be valid (written by this tool). */
    public static JsonNode parseTrusted(String text) {
        try {
            return TREE_READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses UTF-8 known to be valid (written by this tool): as {@link #parseTrusted(String)},
     * without decoding it to a String first.
     */
    public static JsonNode parseTrusted(byte[] utf8) {
        try {
            return TREE_READER.readTree(utf8);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON does not parse: " + e.getMessage(), e);
        }
    }

    /** Compact text of a node: no whitespace, keys in their order, non-ASCII kept as UTF-8. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * The first unpaired surrogate in any string or key of {@code node}, as a JSON-path-like
     * location, or null when there is none. JSON escapes such as {@code \ud800} parse into such
     * strings, which cannot be encoded as UTF-8.
     */
    public static String findUnpairedSurrogate(JsonNode node, String path) {
        // the common case has none: look without building location strings first
        if (!hasUnpairedSurrogate(node)) {
            return null;
        }
        return locateUnpairedSurrogate(node, path);
    }

    private static boolean hasUnpairedSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return hasUnpaired(node.textValue());
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (hasUnpaired(field.getKey()) || hasUnpairedSurrogate(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (hasUnpairedSurrogate(node.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String locateUnpairedSurrogate(JsonNode node, String path) {
        if (node.isTextual()) {
            return hasUnpaired(node.textValue()) ? path : null;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (hasUnpaired(field.getKey())) {
                    return path + " (a key)";
                }
                String found = locateUnpairedSurrogate(field.getValue(), path + "." + field.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = locateUnpairedSurrogate(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean hasUnpaired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < Character.MIN_SURROGATE) {
                continue;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** What a JSON value is, for messages: "an object", "a string", ..., "null". */
    public static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
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
