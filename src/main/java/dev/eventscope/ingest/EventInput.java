package dev.eventscope.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.NewEvent;
import java.io.IOException;
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
     * takes). Every invalid element is reported.
     *
     * @throws InvalidInputException listing each invalid element
     */
    public static List<NewEvent> parseBatch(byte[] bytes, String source, EventJson.ReadOptions options) {
        JsonNode json;
        try {
            json = Json.parse(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new InvalidInputException(
                    source + " is not valid JSON: "
                            + (e instanceof JsonProcessingException jpe ? reason(jpe) : e.getMessage()),
                    "give one event object or a JSON array of them");
        }
        List<NewEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (json.isArray()) {
            for (int i = 0; i < json.size(); i++) {
                try {
                    events.add(EventJson.read(json.get(i), options));
                } catch (IllegalArgumentException e) {
                    problems.add("event " + (i + 1) + ": " + e.getMessage());
                }
            }
        } else {
            try {
                events.add(EventJson.read(json, options));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(
                    source + " holds " + problems.size() + " invalid event" + (problems.size() == 1 ? "" : "s")
                            + "; nothing was written",
                    limit(problems, problems.size()),
                    null);
        }
        if (events.isEmpty()) {
            throw new InvalidInputException(source + " holds no events (an empty array)");
        }
        return events;
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
