package dev.eventscope.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * JSON on the output: one pretty document ({@code -o json} of one thing), a JSON array streamed
 * one compact element per line ({@code -o json} of a list), or one compact document per line
 * ({@code -o ndjson}). The shapes of the documents are their result types' ({@code json()}); this
 * class only lays them out.
 */
public final class JsonOut {

    private JsonOut() {}

    public static JsonGenerator generator(PrintWriter out) {
        try {
            JsonGenerator g = Json.mapper().getFactory().createGenerator(out);
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
            out.println(Json.mapper().writer(new DefaultPrettyPrinter()).writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One document, compact, on its own line. */
    public static void line(PrintWriter out, JsonNode node) {
        out.println(Json.write(node));
    }

    /**
     * A JSON array written as its elements arrive: {@code [}, each element compact on a line of
     * its own, {@code ]} (an empty array is {@code []}), and a final newline when closed.
     */
    public static Array array(PrintWriter out) {
        return new Array(out);
    }

    /** A JSON array being written; see {@link #array(PrintWriter)}. */
    public static final class Array implements AutoCloseable {

        private final PrintWriter out;
        private final SequenceWriter writer;

        private Array(PrintWriter out) {
            this.out = out;
            try {
                // no flush after each element: a long replay would write to the descriptor once per line
                this.writer = Elements.MAPPER
                        .writer(new OneElementPerLine())
                        .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                        .writeValuesAsArray(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Adds a document, or an event (written in its output shape, without the hash). */
        public Array add(Object element) {
            try {
                writer.write(element);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Writes what the array holds back, for output that must appear as it comes ({@code --follow}). */
        public void flush() {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.print('\n');
        }
    }

    /** The mapper of arrays: JSON trees as they are, events through {@link EventJson#write}. */
    private static final class Elements {
        static final ObjectMapper MAPPER = Json.mapper()
                .copy()
                .registerModule(new SimpleModule()
                        .addSerializer(RecordedEvent.class, new StdSerializer<RecordedEvent>(RecordedEvent.class) {
                            @Override
                            public void serialize(RecordedEvent e, JsonGenerator g, SerializerProvider provider)
                                    throws IOException {
                                EventJson.write(g, e, false);
                            }
                        }));
    }

    /**
     * The layout of {@link Array}: a line break before each element of the outermost array and
     * before its closing bracket, and nothing else (elements stay compact, as {@link Json#write}).
     */
    private static final class OneElementPerLine implements PrettyPrinter {

        private int depth;

        @Override
        public void writeRootValueSeparator(JsonGenerator g) {}

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            depth++;
            g.writeRaw('{');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            depth--;
            g.writeRaw('}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(':');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            depth++;
            g.writeRaw('[');
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            depth--;
            if (depth == 0 && values > 0) {
                g.writeRaw('\n');
            }
            g.writeRaw(']');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(depth == 1 ? ",\n" : ",");
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (depth == 1) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) {}
    }
}
