package dev.eventscope.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.StoreIoException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The one JSON configuration of the tool: strict on input, exact with numbers, compact on output.
 *
 * <p>Input is read from bytes (so invalid UTF-8 is caught), duplicate keys and trailing content are
 * errors, nesting is limited to {@value #MAX_DEPTH} levels, and numbers keep the text they were
 * written with (decimals as {@link java.math.BigDecimal}, and {@link LiteralNumber} where Java
 * would print the value otherwise), so {@code 157.0}, {@code 1e400} and {@code -0} survive a round
 * trip.
 */
public final class Json {

    /** Deepest nesting accepted in one document. */
    public static final int MAX_DEPTH = 500;

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Parsers of input: duplicate keys are errors. */
    private static final JsonFactory STRICT = factory(true);

    /**
     * Parsers of stored text: without the duplicate-key check, which builds a set of names for
     * every object: stored text was checked when it was written, and nothing else is trusted.
     */
    private static final JsonFactory TRUSTED = factory(false);

    private Json() {}

    /**
     * The mapper for writing trees and for the few readers that bind values. Made at its first
     * use, not with this class: building an {@code ObjectMapper} costs a short command such as
     * {@code append} about a sixth of its start (Jackson's date format reaches the JDK's locale
     * data), and parsing, which every command does, needs only a {@link JsonFactory}.
     */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = configure(new ObjectMapper(STRICT));
    }

    private static JsonFactory factory(boolean duplicateDetection) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(1_000)
                        .build())
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, duplicateDetection)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.setNodeFactory(NODES);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        mapper.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        return mapper;
    }

    /**
     * Parses one document from UTF-8 bytes. A number that cannot be held (an exponent beyond what
     * a decimal can have, such as {@code 1e99999999999}) is a parse error at its place, like any
     * other malformed input.
     */
    public static JsonNode parse(byte[] utf8, int offset, int length) throws IOException {
        try (JsonParser p = STRICT.createParser(utf8, offset, length)) {
            return document(p);
        }
    }

    /**
     * Parses text that is known to be valid (written by this tool).
     *
     * @throws StoreIoException when it does not parse
     */
    public static JsonNode parseTrusted(String text) {
        try (JsonParser p = TRUSTED.createParser(text)) {
            return document(p);
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /**
     * Parses UTF-8 known to be valid (written by this tool): as {@link #parseTrusted(String)},
     * without decoding it to a String first.
     */
    public static JsonNode parseTrusted(byte[] utf8) {
        try (JsonParser p = TRUSTED.createParser(utf8)) {
            return document(p);
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /**
     * Stored JSON that does not parse was not written by this tool: a damaged file, or rows added
     * with other tools (found by fuzzing, issue 22: exit 70 before).
     */
    private static StoreIoException damaged(IOException e) {
        return new StoreIoException(
                "a JSON document in the store does not parse (" + Text.printable(message(e), 120)
                        + "): the store is damaged or was changed outside Eventscope",
                "run evs verify to find the damaged events",
                e);
    }

    private static String message(IOException e) {
        return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }

    /**
     * One whole document as a tree. Built here rather than by Jackson's deserializer so that a
     * number keeps the text it was written with ({@link LiteralNumber}); the parser's constraints
     * bound the nesting, so the recursion is at most {@value #MAX_DEPTH} deep.
     */
    private static JsonNode document(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new JsonParseException(p, "no JSON value");
        }
        JsonNode root = value(p, first);
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new JsonParseException(p, "Trailing token (of type " + trailing + ") found after value");
        }
        return root;
    }

    private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    object.set(name, value(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(value(p, t));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return integer(p);
            case VALUE_NUMBER_FLOAT:
                return decimal(p);
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(p, "Unexpected token (" + token + ")");
        }
    }

    private static JsonNode integer(JsonParser p) throws IOException {
        switch (p.getNumberType()) {
            case INT:
                int i = p.getIntValue();
                return i == 0 && p.getTextLength() > 1 ? LiteralNumber.negativeZero(p.getText()) : NODES.numberNode(i);
            case LONG:
                return NODES.numberNode(p.getLongValue());
            default:
                return NODES.numberNode(p.getBigIntegerValue());
        }
    }

    private static JsonNode decimal(JsonParser p) throws IOException {
        String literal = p.getText();
        BigDecimal value;
        try {
            value = p.getDecimalValue();
        } catch (NumberFormatException | ArithmeticException e) {
            // BigDecimal holds exponents up to about 2^31; a longer one is refused, not a crash
            throw new JsonParseException(
                    p,
                    "the number " + Text.printable(literal, 40) + " has an exponent beyond what a decimal can hold"
                            + " (about 2147483647 either way)",
                    p.currentTokenLocation());
        }
        return LiteralNumber.decimal(literal, value);
    }
    /**
     * The compact text of the document in {@code utf8}: exactly {@code write(parse(utf8, 0,
     * utf8.length))}, by the same parser and the same writing of each value, without building the
     * tree, for a reader that needs only the text ({@code import --from} of a payload, ADR 0260).
     *
     * @throws IOException where {@link #parse} would
     */
    public static String compact(byte[] utf8) throws IOException {
        StringWriter out = new StringWriter(utf8.length);
        try (JsonParser p = STRICT.createParser(utf8);
                JsonGenerator g = STRICT.createGenerator(out)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonParseException(p, "no JSON value");
            }
            copy(p, g, first);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new JsonParseException(p, "Trailing token (of type " + trailing + ") found after value");
            }
        }
        return out.toString();
    }

    /** Writes the value at {@code token} as {@link #value} would read it and {@link #write} write it. */
    private static void copy(JsonParser p, JsonGenerator g, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                g.writeStartObject();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    g.writeFieldName(name);
                    copy(p, g, p.nextToken());
                }
                g.writeEndObject();
                return;
            }
            case START_ARRAY: {
                g.writeStartArray();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    copy(p, g, t);
                }
                g.writeEndArray();
                return;
            }
            case VALUE_STRING:
                g.writeString(p.getText());
                return;
            case VALUE_NUMBER_INT:
                // the node the tree would hold writes the number: the same digits, -0 kept
                ((JsonSerializable) integer(p)).serialize(g, null);
                return;
            case VALUE_NUMBER_FLOAT:
                ((JsonSerializable) decimal(p)).serialize(g, null);
                return;
            case VALUE_TRUE:
                g.writeBoolean(true);
                return;
            case VALUE_FALSE:
                g.writeBoolean(false);
                return;
            case VALUE_NULL:
                g.writeNull();
                return;
            default:
                throw new JsonParseException(p, "Unexpected token (" + token + ")");
        }
    }

    /** Compact text of a node: no whitespace, keys in their order, non-ASCII kept as UTF-8. */
    public static String write(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = STRICT.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes a tree as the mapper would (no filtering of nulls or empty arrays, which the mapper
     * does not do by default either), without needing one: containers and nulls here, the other
     * values by their own {@code serialize}, which reads nothing from the provider. Nodes that
     * parsing never makes (binary, POJO, missing) go to the mapper.
     */
    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    write(g, element);
                }
                g.writeEndArray();
            }
            case NULL -> g.writeNull();
            case STRING, NUMBER, BOOLEAN -> ((JsonSerializable) node).serialize(g, null);
            default -> mapper().writeTree(g, node);
        }
    }

    public static ObjectNode object() {
        return NODES.objectNode();
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

    /**
     * Compact text written by this tool with each unpaired surrogate (kept as the raw char, which
     * UTF-8 cannot encode) written as its {@code \\uXXXX} escape instead: such chars only occur
     * inside strings, where the escape reads back as the same char. The text itself when it has
     * none.
     */
    public static String escapeUnpairedSurrogates(String compactText) {
        if (!hasUnpaired(compactText)) {
            return compactText;
        }
        StringBuilder out = new StringBuilder(compactText.length() + 16);
        for (int i = 0; i < compactText.length(); i++) {
            char c = compactText.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < compactText.length()
                    && Character.isLowSurrogate(compactText.charAt(i + 1))) {
                out.append(c).append(compactText.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@code s} holds a surrogate char that is not part of a pair. */
    public static boolean hasUnpairedSurrogate(String s) {
        return hasUnpaired(s);
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
