package dev.eventscope.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.Times;
import dev.eventscope.ingest.JsonArrayReader;
import dev.eventscope.ingest.LineReader;
import dev.eventscope.ingest.RecordReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an accepted input must read back as: every event's fields the same value, and payload and
 * metadata the same text, number for number, through {@code export}, {@code events -o ndjson} and
 * {@code show}.
 */
final class RoundTrip {

    private RoundTrip() {}

    /** The records of an import input, as the importer splits it (lines, or array elements). */
    static List<JsonNode> records(byte[] input, boolean array) {
        List<JsonNode> out = new ArrayList<>();
        int max = EventJson.ReadOptions.DEFAULT.maxRecordBytes();
        try (RecordReader reader = array
                ? new JsonArrayReader(new ByteArrayInputStream(input), max)
                : new LineReader(new ByteArrayInputStream(input), max)) {
            LineReader.Line r;
            while ((r = reader.next()) != null) {
                String text = new String(r.buffer, 0, r.length, StandardCharsets.UTF_8);
                if (text.isBlank()) {
                    continue;
                }
                out.add(Json.parse(r.buffer, 0, r.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Parses NDJSON output, one event a line. */
    static List<JsonNode> lines(String ndjson) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                try {
                    out.add(Json.parse(b, 0, b.length));
                } catch (IOException e) {
                    throw Outcome.finding("output is not JSON: " + line);
                }
            }
        }
        return out;
    }

    /**
     * Checks that {@code stored} (an event as a command printed it) is {@code input} (as it was
     * given): names, version, time, payload and metadata text, and eventId when one was given.
     */
    static void requireSame(JsonNode input, JsonNode stored, Object evidence) {
        same(
                "eventType",
                input.path("eventType").asText(),
                stored.path("eventType").asText(),
                evidence);
        same(
                "aggregateType",
                input.path("aggregateType").asText(),
                stored.path("aggregateType").asText(),
                evidence);
        same(
                "aggregateId",
                input.path("aggregateId").asText(),
                stored.path("aggregateId").asText(),
                evidence);
        JsonNode version = input.get("eventVersion");
        same(
                "eventVersion",
                version == null || version.isNull() ? "1" : version.asText(),
                stored.path("eventVersion").asText(),
                evidence);
        JsonNode id = input.get("eventId");
        if (id != null && !id.isNull()) {
            same(
                    "eventId",
                    id.asText().toLowerCase(Locale.ROOT),
                    stored.path("eventId").asText(),
                    evidence);
        }
        JsonNode time = input.get("timestamp");
        if (time != null && !time.isNull()) {
            same(
                    "timestamp",
                    Times.parse(time.asText(), null).toString(),
                    Times.parse(stored.path("timestamp").asText(), null).toString(),
                    evidence);
        }
        same("payload", document(input.get("payload")), Json.write(stored.path("payload")), evidence);
        same("metadata", document(input.get("metadata")), Json.write(stored.path("metadata")), evidence);
    }

    private static String document(JsonNode node) {
        return node == null || node.isNull() ? "{}" : Json.write(node);
    }

    private static void same(String field, String expected, String actual, Object evidence) {
        if (!expected.equals(actual)) {
            throw Outcome.finding(
                    field + " does not read back as it was written: expected " + expected + ", got " + actual,
                    evidence);
        }
    }
}
