package dev.eventscope.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The Ruby types RubyEventStore's JSON client keeps beside the JSON it writes: its {@code
 * PreserveTypes} transformation adds {@code "types": {"data": …, "metadata": …}} to the metadata,
 * mirroring the value's shape (per hash key {@code [key class, value type]}, per array element its
 * type, else the class name). RubyEventStore reads them back and removes them; so does the import,
 * applying the same rules as to YAML ({@link RubyYaml}): a BigDecimal, which the client writes as
 * its {@code to_s} text ({@code "0.1999e2"}), becomes the exact number, and an object of another
 * class than the client's registered and JSON's own ones keeps its class under {@code $ruby}.
 * Symbols, dates and times stay the strings the client wrote.
 */
final class RubyTypes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Classes whose JSON form is their value: no {@code $ruby} for them. */
    private static final Set<String> PLAIN = Set.of(
            "String",
            "Integer",
            "Float",
            "TrueClass",
            "FalseClass",
            "NilClass",
            "Symbol",
            "Hash",
            "Array",
            "ActiveSupport::HashWithIndifferentAccess",
            "Time",
            "ActiveSupport::TimeWithZone",
            "Date",
            "DateTime",
            "OpenStruct");

    private RubyTypes() {}

    /** The {@code types} entry of {@code metadata} when it has the client's shape, else null. */
    static ObjectNode of(ObjectNode metadata) {
        JsonNode types = metadata.get("types");
        if (types instanceof ObjectNode t && t.size() == 2 && t.has("data") && t.has("metadata")) {
            return t;
        }
        return null;
    }

    /** {@code value} with the types of {@code type} restored (may be {@code value} itself, changed). */
    static JsonNode restore(JsonNode value, JsonNode type, Set<Loss> losses) {
        if (value == null || type == null) {
            return value;
        }
        if (type.isObject() && value instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode entry = type.get(f.getKey());
                if (entry != null && entry.isArray() && entry.size() == 2) {
                    f.setValue(restore(f.getValue(), entry.get(1), losses));
                }
            }
            return object;
        }
        if (type.isArray() && value instanceof ArrayNode array) {
            for (int i = 0; i < array.size() && i < type.size(); i++) {
                array.set(i, restore(array.get(i), type.get(i), losses));
            }
            return array;
        }
        if (!type.isTextual()) {
            return value;
        }
        String name = type.asText();
        if (name.equals("BigDecimal") && value.isTextual()) {
            try {
                return NODES.numberNode(new BigDecimal(value.asText().strip()));
            } catch (NumberFormatException notFinite) {
                return value; // Infinity, NaN: kept as the text the client wrote
            }
        }
        if (value instanceof ObjectNode object && !PLAIN.contains(name) && !object.has("$ruby")) {
            ObjectNode tagged = NODES.objectNode();
            tagged.put("$ruby", name);
            tagged.setAll(object);
            losses.add(Loss.RUBY_OBJECT);
            return tagged;
        }
        return value;
    }
}
