package dev.eventscope.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * RubyEventStore's YAML (written by Ruby's Psych) turned into JSON, by one rule per Ruby tag, or
 * refused when there is no faithful JSON form (ADR 0161).
 *
 * <ul>
 *   <li>plain {@code :name} scalars are Ruby symbols: keys and values become the text after the
 *       colon ({@code :order_id: 7} → {@code "order_id": 7}); quoted ones stay strings;
 *   <li>{@code !ruby/symbol} and {@code !ruby/string:C} scalars become strings;
 *   <li>{@code !ruby/object:BigDecimal 18:0.1999e2} becomes the exact number {@code 19.99};
 *   <li>{@code !ruby/hash:C} (HashWithIndifferentAccess and others) becomes an object, {@code
 *       !ruby/hash-with-ivars:C} its {@code elements}; {@code !ruby/array:C} an array;
 *   <li>{@code !ruby/object:C} and {@code !ruby/struct:C} mappings become an object of their
 *       fields with the class under {@code "$ruby"}; other {@code !ruby/object:C} scalars their
 *       text (both counted as {@link Loss#RUBY_OBJECT});
 *   <li>{@code !binary} becomes {@code {"$base64": …}} ({@link Loss#PAYLOAD_BINARY});
 *   <li>plain scalars resolve as YAML 1.1, as Psych reads them (integers, floats, booleans, null;
 *       timestamps and dates stay text).
 * </ul>
 *
 * Anything else (an alias, another tag, several documents, a key that is not a scalar, a duplicate
 * key) has no faithful form: {@link #convert} returns null and the caller keeps the text.
 */
final class RubyYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Resolver RESOLVER = new Resolver();

    private final Set<Loss> losses = EnumSet.noneOf(Loss.class);
    private final Parser parser;
    private int depth;

    private RubyYaml(String text, int maxChars) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(maxChars, 1024));
        options.setAllowDuplicateKeys(false);
        this.parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
    }

    /** The result of a conversion: the JSON value and the losses it had. */
    record Converted(JsonNode value, Set<Loss> losses) {}

    /** Whether {@code text} looks like a YAML document Psych wrote (it starts with {@code ---}). */
    static boolean looksLikeYaml(String text) {
        return text.startsWith("---");
    }

    /** The JSON form of {@code text}, or null when it has none (see the class comment). */
    static Converted convert(String text, int maxChars) {
        try {
            RubyYaml yaml = new RubyYaml(text, maxChars);
            JsonNode value = yaml.document();
            return value == null ? null : new Converted(value, Set.copyOf(yaml.losses));
        } catch (YAMLException | Unconvertible e) {
            return null;
        }
    }

    private JsonNode document() {
        expect(Event.ID.StreamStart);
        if (parser.checkEvent(Event.ID.StreamEnd)) {
            return null;
        }
        expect(Event.ID.DocumentStart);
        JsonNode value = node();
        expect(Event.ID.DocumentEnd);
        expect(Event.ID.StreamEnd);
        return value;
    }

    private JsonNode node() {
        Event e = parser.getEvent();
        if (++depth > Json.MAX_DEPTH) {
            throw new Unconvertible();
        }
        try {
            if (e instanceof ScalarEvent s) {
                return scalar(s);
            }
            if (e instanceof MappingStartEvent m) {
                return mapping(m.getTag());
            }
            if (e instanceof SequenceStartEvent s) {
                if (s.getTag() != null && !s.getTag().startsWith("!ruby/array")) {
                    throw new Unconvertible();
                }
                ArrayNode array = NODES.arrayNode();
                while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                    array.add(node());
                }
                parser.getEvent();
                return array;
            }
            // an alias (Psych writes one for an object that appears twice), or anything unexpected
            throw new Unconvertible();
        } finally {
            depth--;
        }
    }

    private JsonNode mapping(String tag) {
        ObjectNode object = NODES.objectNode();
        String rubyClass = null;
        boolean withIvars = false;
        if (tag != null) {
            if (tag.startsWith("!ruby/hash-with-ivars")) {
                withIvars = true;
            } else if (tag.startsWith("!ruby/object:") || tag.startsWith("!ruby/struct:")) {
                rubyClass = tag.substring("!ruby/".length());
                if (rubyClass.startsWith("object:")) {
                    rubyClass = rubyClass.substring("object:".length());
                }
                object.put("$ruby", rubyClass);
                losses.add(Loss.RUBY_OBJECT);
            } else if (!tag.startsWith("!ruby/hash")) {
                throw new Unconvertible();
            }
        }
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event keyEvent = parser.getEvent();
            if (!(keyEvent instanceof ScalarEvent key)) {
                throw new Unconvertible();
            }
            String name = keyText(key);
            JsonNode value = node();
            if (object.has(name)) {
                throw new Unconvertible();
            }
            object.set(name, value);
        }
        parser.getEvent();
        if (withIvars) {
            JsonNode elements = object.get("elements");
            if (elements == null || !elements.isObject()) {
                throw new Unconvertible();
            }
            return elements;
        }
        return object;
    }

    private static String keyText(ScalarEvent key) {
        String tag = key.getTag();
        String value = key.getValue();
        if (tag != null && !tag.startsWith("!ruby/symbol") && !tag.startsWith("!ruby/sym")) {
            throw new Unconvertible();
        }
        if (key.isPlain() && tag == null && value.length() > 1 && value.charAt(0) == ':') {
            return value.substring(1);
        }
        return value;
    }

    private JsonNode scalar(ScalarEvent s) {
        String tag = s.getTag();
        String value = s.getValue();
        if (tag == null || tag.equals("!")) {
            if (!s.isPlain() || tag != null) {
                return NODES.textNode(value);
            }
            return plain(value);
        }
        if (tag.startsWith("!ruby/symbol") || tag.startsWith("!ruby/sym") || tag.startsWith("!ruby/string")) {
            return NODES.textNode(value);
        }
        if (tag.equals(Tag.STR.getValue())) {
            return NODES.textNode(value);
        }
        if (tag.equals("!ruby/object:BigDecimal")) {
            // Psych writes BigDecimal#_dump: "precision:value", such as 18:0.1999e2
            int colon = value.indexOf(':');
            try {
                return NODES.numberNode(
                        new BigDecimal(value.substring(colon + 1).strip()));
            } catch (NumberFormatException e) {
                throw new Unconvertible();
            }
        }
        if (tag.equals(Tag.BINARY.getValue()) || tag.equals("!binary")) {
            losses.add(Loss.PAYLOAD_BINARY);
            return NODES.objectNode().put("$base64", value.replaceAll("\\s", ""));
        }
        if (tag.startsWith("!ruby/object:")) {
            losses.add(Loss.RUBY_OBJECT);
            return NODES.textNode(value);
        }
        throw new Unconvertible();
    }

    /** A plain scalar, resolved as YAML 1.1 (what Psych does), a {@code :symbol} as its name. */
    private static JsonNode plain(String value) {
        if (value.length() > 1 && value.charAt(0) == ':') {
            return NODES.textNode(value.substring(1));
        }
        Tag tag = RESOLVER.resolve(NodeId.scalar, value, true);
        try {
            if (tag.equals(Tag.NULL)) {
                return NODES.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return NODES.booleanNode(isTrue(value));
            }
            if (tag.equals(Tag.INT)) {
                String digits = value.replace("_", "");
                if (digits.matches("[-+]?(0|[1-9][0-9]*)")) {
                    return NODES.numberNode(new BigInteger(digits));
                }
                return NODES.textNode(value);
            }
            if (tag.equals(Tag.FLOAT)) {
                String digits = value.replace("_", "");
                if (digits.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    return NODES.numberNode(new BigDecimal(digits));
                }
                return NODES.textNode(value);
            }
        } catch (NumberFormatException e) {
            return NODES.textNode(value);
        }
        return NODES.textNode(value);
    }

    private static boolean isTrue(String value) {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("on");
    }

    private void expect(Event.ID id) {
        if (!parser.checkEvent(id)) {
            throw new Unconvertible();
        }
        parser.getEvent();
    }

    /** The YAML has no faithful JSON form; the caller keeps it as text. */
    private static final class Unconvertible extends RuntimeException {
        Unconvertible() {
            super(null, null, false, false);
        }
    }
}
