package dev.eventscope.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.Metadata;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.Text;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Turning input bytes into events, with messages that say where and what is wrong. */
public final class EventInput {

    /** How many problems a report lists before it only counts the rest. */
    public static final int PROBLEMS_SHOWN = 20;

    private EventInput() {}

    /**
     * Parses one JSON document holding an event.
     *
     * @throws IllegalArgumentException with the reason (without a location)
     */
    public static NewEvent parseOne(byte[] bytes, int offset, int length, EventJson.ReadOptions options) {
        JsonNode json;
        try {
            json = Json.parse(bytes, offset, length);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + reason(e));
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable input: " + e.getMessage());
        }
        return EventJson.read(json, options);
    }

    /**
     * Parses a document that holds one event object or an array of them (what {@code append --file}
     * takes). Every invalid element is reported. An array is read element by element, each bounded
     * like an import line, so a hostile document cannot exhaust memory while it is parsed.
     *
     * @throws InvalidInputException listing each invalid element
     */
    public static List<NewEvent> parseBatch(byte[] bytes, String source, EventJson.ReadOptions options) {
        if (!startsWithArray(bytes)) {
            return List.of(parseSingle(bytes, source, options));
        }
        List<NewEvent> events = new ArrayList<>();
        // only the first problems are kept: a hostile array may hold millions of bad elements
        List<String> problems = new ArrayList<>();
        long invalid = 0;
        try (JsonArrayReader elements =
                new JsonArrayReader(new ByteArrayInputStream(bytes), options.maxRecordBytes())) {
            LineReader.Line e;
            while ((e = elements.next()) != null) {
                String problem = e.problem;
                if (problem == null && e.tooLong) {
                    problem = "the event is " + e.size + " bytes, longer than the limit of " + options.maxRecordBytes()
                            + " bytes (twice --max-payload plus 128 KiB)";
                }
                if (problem == null) {
                    try {
                        events.add(parseOne(e.buffer, 0, e.length, options));
                    } catch (IllegalArgumentException bad) {
                        problem = bad.getMessage();
                    }
                }
                if (problem != null && ++invalid <= PROBLEMS_SHOWN) {
                    problems.add("event " + e.number + ": " + problem);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (invalid > 0) {
            throw new InvalidInputException(
                    source + " holds " + invalid + " invalid event" + (invalid == 1 ? "" : "s")
                            + "; nothing was written",
                    limit(problems, invalid),
                    null);
        }
        if (events.isEmpty()) {
            throw new InvalidInputException(source + " holds no events (an empty array)");
        }
        return events;
    }

    private static NewEvent parseSingle(byte[] bytes, String source, EventJson.ReadOptions options) {
        if (bytes.length > options.maxRecordBytes()) {
            throw new InvalidInputException(
                    source + " holds one event of " + bytes.length + " bytes, longer than the limit of "
                            + options.maxRecordBytes() + " bytes (twice --max-payload plus 128 KiB)",
                    "give one event object or a JSON array of them");
        }
        // the one reading of an event document: an import line and an array element go through it too
        try {
            return parseOne(bytes, 0, bytes.length, options);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    source + " holds 1 invalid event; nothing was written",
                    List.of("event 1: " + e.getMessage()),
                    "give one event object or a JSON array of them");
        }
    }

    /**
     * Reads an event given part by part ({@code append}'s flags): the parts become the JSON object
     * an NDJSON line would hold, read by {@link EventJson#read} as every other input is, so a flag
     * is refused exactly when the same field in a file would be, with the same reason.
     *
     * @throws InvalidInputException when a document is not JSON or the event is invalid
     * @throws UsageException when a flag contradicts the metadata document
     */
    public static NewEvent fromParts(EventParts parts, EventJson.ReadOptions options) {
        ObjectNode json = Json.object();
        putText(json, "eventType", parts.eventType());
        putText(json, "aggregateType", parts.aggregateType());
        putText(json, "aggregateId", parts.aggregateId());
        putText(json, "eventId", parts.eventId());
        if (parts.eventVersion() != null) {
            json.put("eventVersion", parts.eventVersion());
        }
        putText(json, "timestamp", parts.timestamp());
        if (parts.payload() != null) {
            json.set("payload", document(parts.payload()));
        }
        JsonNode meta = parts.metadata() == null ? Json.object() : document(parts.metadata());
        if (meta.isObject()) {
            putMeta((ObjectNode) meta, Metadata.CORRELATION_ID, parts.correlationId(), "--correlation-id");
            putMeta((ObjectNode) meta, Metadata.CAUSATION_ID, parts.causationId(), "--causation-id");
            putMeta((ObjectNode) meta, Metadata.USER_ID, parts.userId(), "--user");
        }
        json.set("metadata", meta);
        try {
            return EventJson.read(json, options);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid event: " + e.getMessage(), "see 'evs append --help'");
        }
    }

    private static void putText(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static JsonNode document(EventParts.Document d) {
        try {
            return Json.parse(d.json(), 0, d.json().length);
        } catch (IOException e) {
            throw new InvalidInputException(
                    d.place() + " is not valid JSON: "
                            + (e instanceof JsonProcessingException jpe ? reason(jpe) : e.getMessage()),
                    "pass a JSON object");
        }
    }

    private static void putMeta(ObjectNode meta, String key, String value, String option) {
        if (value == null) {
            return;
        }
        JsonNode present = meta.get(key);
        if (present != null && !present.isNull() && !value.equals(present.asText())) {
            throw new UsageException(option + " " + Text.printable(value, 80) + " contradicts metadata." + key + " "
                    + Text.printable(present.toString(), 80));
        }
        meta.put(key, value);
    }

    /** Whether the first byte after a byte-order mark and whitespace is {@code [}. */
    private static boolean startsWithArray(byte[] bytes) {
        int i = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
                ? 3
                : 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i < bytes.length && bytes[i] == '[';
    }

    /** The first {@value #PROBLEMS_SHOWN} problems, and a count of the others. */
    public static List<String> limit(List<String> problems, long total) {
        List<String> shown = new ArrayList<>(problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size())));
        if (total > shown.size()) {
            shown.add("... and " + (total - shown.size()) + " more");
        }
        return shown;
    }

    /** Jackson's reason without its source excerpt, with a location inside the line. */
    static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = "cannot parse";
        }
        int nl = message.indexOf('\n');
        if (nl >= 0) {
            message = message.substring(0, nl);
        }
        message = dev.eventscope.event.Text.printable(message, 200);
        if (e.getLocation() != null && e.getLocation().getColumnNr() > 0) {
            message += " (column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }
}
