package dev.eventscope.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * JSON on the output: one pretty document ({@code -o json} of one thing), a JSON array streamed
 * one element per line ({@code -o json} of a list), or one compact document per line
 * ({@code -o ndjson}).
 */
public final class JsonOut {

    private JsonOut() {}

    public static JsonGenerator generator(PrintWriter out) {
        try {
            JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            // documents are separated by our own newlines, not by Jackson's default space (a
            // separator rather than a pretty printer: that would slow every field name down)
            g.setRootValueSeparator(null);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One document, indented, with a final newline. */
    public static void pretty(PrintWriter out, JsonNode node) {
        try {
            out.println(Json.MAPPER.writer(new DefaultPrettyPrinter()).writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One document, compact, on its own line. */
    public static void line(PrintWriter out, JsonNode node) {
        out.println(Json.write(node));
    }
}
