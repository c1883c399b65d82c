package dev.eventscope.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Import input given as one JSON array rather than NDJSON: recognised by its first character and
 * rewritten, one element at a time, as NDJSON (element N becomes line N), so the importer's two
 * passes and its messages work unchanged.
 */
final class ArrayInput {

    /** Reads one element where the parser stands; the rest of the array is not "trailing". */
    private static final com.fasterxml.jackson.databind.ObjectReader ELEMENT_READER =
            Json.MAPPER.reader().without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ArrayInput() {}

    /** Whether the file's first significant character (after a byte-order mark) is {@code [}. */
    static boolean isArray(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            int i = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF
                    ? 3
                    : 0;
            for (; i < head.length; i++) {
                byte b = head[i];
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return b == '[';
                }
            }
            return false;
        }
    }

    /**
     * Writes the array's elements as NDJSON lines to a temporary file. The array itself must be
     * well-formed JSON; whether each element is a valid event is left to the importer.
     */
    static Path toNdjson(Path file, String sourceName) {
        try {
            Path out = Files.createTempFile("eventscope-array-", ".ndjson");
            out.toFile().deleteOnExit();
            try (InputStream in = Files.newInputStream(file);
                    JsonParser parser = Json.MAPPER.getFactory().createParser(in);
                    OutputStream lines = new BufferedOutputStream(Files.newOutputStream(out))) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new InvalidInputException(sourceName + " does not start with a JSON array");
                }
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == null) {
                        throw new InvalidInputException(sourceName + " ends inside the JSON array");
                    }
                    JsonNode element = ELEMENT_READER.readTree(parser);
                    lines.write(Json.write(element).getBytes(StandardCharsets.UTF_8));
                    lines.write('\n');
                }
                if (parser.nextToken() != null) {
                    throw new InvalidInputException(sourceName + " has content after the JSON array");
                }
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    sourceName + " is not a valid JSON array: " + EventInput.reason(e)
                            + (e.getLocation() == null
                                    ? ""
                                    : " at line " + e.getLocation().getLineNr()),
                    "fix the JSON, or give one event per line (NDJSON); nothing was imported");
        } catch (IOException e) {
            throw new StoreIoException("cannot read " + sourceName + ": " + e.getMessage(), "check the file");
        }
    }
}
