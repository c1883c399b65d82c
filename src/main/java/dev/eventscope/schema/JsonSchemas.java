package dev.eventscope.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compiles JSON Schemas (draft 2020-12 unless a schema names another dialect with {@code $schema})
 * with the one configuration the tool uses: messages in English, locations as JSON paths, formats
 * asserted ({@code "format": "date-time"} is checked, not only annotated), and no network: a
 * {@code $ref} may name another file ({@code file:}) or a bundled meta-schema, never an HTTP URL.
 *
 * <p>Every schema is itself checked against its meta-schema when it is compiled, and its
 * references are resolved then, so a broken schema is a model error at load time rather than a
 * failure half-way through an import.
 */
public final class JsonSchemas {

    private static final String META_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_PATH)
                            .locale(Locale.ENGLISH)
                            .formatAssertionsEnabled(true)
                            .build())
                    .schemaLoader(l -> l.fetchRemoteResources(true).block(JsonSchemas::remote)));

    private JsonSchemas() {}

    /** Only local files and the meta-schemas bundled with the validator may be loaded. */
    private static boolean remote(com.networknt.schema.AbsoluteIri iri) {
        String s = iri.toString();
        return !s.startsWith("file:") && !s.startsWith("https://json-schema.org/");
    }

    /**
     * Compiles {@code schema}, whose relative references resolve against {@code base} (the schema
     * file, or the model file for a schema written inline).
     *
     * @param name how problems name the schema, such as {@code OrderPlaced v2}
     * @throws IllegalArgumentException listing what is wrong with the schema, one problem a line
     */
    public static EventSchema compile(String name, String source, JsonNode schema, URI base) {
        if (!schema.isObject()) {
            throw new IllegalArgumentException("the schema must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        JsonNode dialect = schema.get("$schema");
        if (dialect == null || META_2020_12.equals(dialect.asText().replaceAll("#$", ""))) {
            Schema meta = REGISTRY.getSchema(SchemaLocation.of(META_2020_12));
            for (com.networknt.schema.Error e : meta.validate(schema)) {
                problems.add(e.getInstanceLocation() + ": " + e.getMessage());
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(
                        "it is not a valid JSON Schema (draft 2020-12): " + String.join("; ", problems));
            }
        }
        Schema compiled;
        try {
            compiled = REGISTRY.getSchema(SchemaLocation.of(base.toString()), schema);
            compiled.initializeValidators();
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("it cannot be used: " + reason(e));
        }
        return new EventSchema(name, source, compiled);
    }

    static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() != null && t.getMessage().startsWith("java.")) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof java.io.FileNotFoundException) {
            return "a referenced file does not exist: " + m;
        }
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
