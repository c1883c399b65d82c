package dev.eventscope.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.JsonPointer;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML file read into a JSON tree that remembers where each value starts in the file, so that
 * whoever checks the tree can point at the exact line of a mistake.
 *
 * <p>Numbers keep their digits (decimals as {@link java.math.BigDecimal}); duplicate keys are
 * refused. Locations are 1-based lines and columns, keyed by JSON pointer.
 */
public final class YamlDocument {

    /** Where a value starts in the file. */
    public record Mark(int line, int column) {}

    /** Duplicate keys are the parser's to find (a mapping that names a key twice is refused). */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final String name;
    private final String[] lines;
    private final JsonNode root;
    private final Map<String, Mark> marks;

    private YamlDocument(String name, String text, JsonNode root, Map<String, Mark> marks) {
        this.name = name;
        this.lines = text.split("\r?\n", -1);
        this.root = root;
        this.marks = marks;
    }

    /**
     * Parses {@code text}; {@code name} is how messages name the file.
     *
     * @throws InvalidInputException when the text is not YAML, with the line of the problem
     */
    public static YamlDocument parse(String name, String text) {
        return parse(name, text, "the model");
    }

    /**
     * Parses {@code text}; messages call it {@code noun} and {@code name} ("the mapping
     * events.yaml").
     *
     * @throws InvalidInputException when the text is not YAML, with the line of the problem
     */
    public static YamlDocument parse(String name, String text, String noun) {
        Map<String, Mark> marks = new HashMap<>();
        JsonParser parser = null;
        try (JsonParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            JsonNode root = first == null ? NODES.objectNode() : read(p, "", marks, noun, name);
            return new YamlDocument(name, text, root, marks);
        } catch (StreamReadException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field '")) {
                JsonLocation key = parser.currentTokenLocation();
                throw new InvalidInputException(
                        noun + " " + name + " has a duplicate key",
                        List.of(name + ":" + key.getLineNr() + ":" + key.getColumnNr() + ": '" + duplicate(e)
                                + "' appears twice in the same mapping"),
                        "remove or rename one of them");
            }
            throw notYaml(noun, name, e);
        } catch (JsonProcessingException e) {
            throw notYaml(noun, name, e);
        } catch (IOException e) {
            throw new InvalidInputException(noun + " " + name + " cannot be read: " + e.getMessage());
        }
    }

    private static InvalidInputException notYaml(String noun, String name, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
        return new InvalidInputException(
                noun + " " + name + " is not valid YAML",
                List.of(where + ": " + firstLine(e.getOriginalMessage())),
                "check the indentation and quoting near that line; JSLT rules are safest in single quotes"
                        + " or a '|' block");
    }

    /** The key the parser's duplicate detection named ({@code Duplicate field 'KEY'}). */
    private static String duplicate(StreamReadException e) {
        String m = e.getOriginalMessage();
        int start = m.indexOf('\'') + 1;
        int end = m.lastIndexOf('\'');
        return end > start ? m.substring(start, end) : m;
    }

    private static JsonNode read(JsonParser p, String pointer, Map<String, Mark> marks, String noun, String name)
            throws IOException {
        JsonLocation at = p.currentTokenLocation();
        marks.put(pointer, new Mark(at.getLineNr(), at.getColumnNr()));
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    o.set(key, read(p, JsonPointer.child(pointer, key), marks, noun, name));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, pointer + "/" + i, marks, noun, name));
                    i++;
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new InvalidInputException(noun + " " + name + " has an unsupported YAML value (" + t + ")");
        }
    }

    /** The parser's explanation without its own location lines and snippets. */
    private static String firstLine(String message) {
        if (message == null) {
            return "not valid YAML";
        }
        List<String> parts = new java.util.ArrayList<>();
        for (String line : message.split("\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                parts.add(line.strip());
            }
        }
        return parts.isEmpty() ? "not valid YAML" : String.join("; ", parts);
    }

    /** How messages name the file. */
    public String name() {
        return name;
    }

    /** The root of the document, as a located node. */
    public YamlNode root() {
        return new YamlNode(this, root, "");
    }

    /** Where the value at {@code pointer} starts (line 1 column 1 when unknown). */
    public Mark mark(String pointer) {
        return marks.getOrDefault(pointer, new Mark(1, 1));
    }

    /** Line {@code n} (1-based) of the file text, or empty when out of range. */
    String line(int n) {
        return n >= 1 && n <= lines.length ? lines[n - 1] : "";
    }

    int lineCount() {
        return lines.length;
    }
}
