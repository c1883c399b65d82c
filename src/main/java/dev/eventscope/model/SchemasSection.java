package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import dev.eventscope.schema.EventSchema;
import dev.eventscope.schema.JsonSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code schemas:} section: per event type, per schema version, a JSON Schema (draft 2020-12)
 * for the payload, written inline as a mapping or as the path of a JSON file relative to the model
 * file:
 *
 * <pre>
 * schemas:
 *   OrderPlaced:
 *     2: schemas/order-placed-v2.json
 *     3: {type: object, required: [customerId]}
 * </pre>
 */
final class SchemasSection implements ModelSection {

    @Override
    public String key() {
        return "schemas";
    }

    @Override
    public void load(YamlNode node, ModelContext context, Model.Builder model) {
        if (!node.isObject()) {
            context.problem(
                    node, "'schemas' must map event types to {version: schema}, e.g. OrderPlaced: {2: file.json}");
            return;
        }
        for (Map.Entry<String, YamlNode> type : node.fields()) {
            if (!type.getValue().isObject()) {
                context.problem(
                        type.getValue(),
                        "schemas of " + type.getKey()
                                + " must map schema versions to schemas, e.g. {2: file.json}, got "
                                + type.getValue().kind());
                continue;
            }
            for (Map.Entry<String, YamlNode> v : type.getValue().fields()) {
                int version = version(v.getKey());
                if (version < 1) {
                    context.problem(
                            v.getValue(),
                            "schema version '" + v.getKey() + "' of " + type.getKey()
                                    + " must be a whole number of 1 or more");
                    continue;
                }
                EventSchema schema = schema(type.getKey(), version, v.getValue(), context);
                if (schema != null) {
                    model.schema(type.getKey(), version, schema, v.getValue().at());
                }
            }
        }
    }

    private static int version(String key) {
        if (!key.matches("[1-9][0-9]{0,8}")) {
            return -1;
        }
        return Integer.parseInt(key);
    }

    private static EventSchema schema(String type, int version, YamlNode node, ModelContext context) {
        String name = type + " v" + version;
        JsonNode json = node.json();
        JsonNode schema;
        String source;
        java.net.URI base;
        if (json.isTextual()) {
            Path file = context.baseDirectory().resolve(json.textValue()).normalize();
            source = json.textValue();
            try {
                byte[] bytes = Files.readAllBytes(file);
                schema = Json.parse(bytes, 0, bytes.length);
            } catch (NoSuchFileException e) {
                context.problem(node, "schema " + name + ": the file " + file + " does not exist");
                return null;
            } catch (IOException | RuntimeException e) {
                context.problem(node, "schema " + name + ": " + file + " is not JSON: " + e.getMessage());
                return null;
            }
            base = file.toUri();
        } else if (json.isObject()) {
            schema = json;
            source = node.at();
            base = context.baseDirectory()
                    .resolve("eventscope-model-schema.json")
                    .toUri();
        } else {
            context.problem(
                    node,
                    "schema " + name + " must be a JSON Schema written as a mapping, or the path of a JSON file,"
                            + " got " + node.kind());
            return null;
        }
        try {
            return JsonSchemas.compile(name, source, schema, base);
        } catch (IllegalArgumentException e) {
            context.problem(
                    node, "schema " + name + (json.isTextual() ? " (" + source + ")" : "") + ": " + e.getMessage());
            return null;
        }
    }
}
