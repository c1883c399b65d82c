package dev.eventscope.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JSON shape of an event (DESIGN §1), read and written the same way by every command.
 *
 * <p>Reading is strict: unknown fields, wrong types, bad UUIDs and timestamps, oversized payloads
 * and unpaired surrogates are refused with a message naming the field. Writing has a fixed field
 * order: the input shape first, then what the store added.
 */
public final class EventJson {

    /** Default limit on the compact size of one payload. */
    public static final int DEFAULT_MAX_PAYLOAD = 1 << 20;

    /** Limit on the compact size of one event's metadata. */
    public static final int MAX_METADATA = 64 << 10;

    /** The fields of an event as read, in output order (DESIGN §1, without the hash). */
    public static final List<String> FIELD_ORDER = List.of(
            "eventId",
            "eventType",
            "aggregateId",
            "aggregateType",
            "eventVersion",
            "timestamp",
            "payload",
            "metadata",
            "position",
            "streamVersion",
            "recordedAt");

    /** {@link #FIELD_ORDER} as a set. */
    public static final Set<String> FIELDS = Set.copyOf(FIELD_ORDER);

    /**
     * The fields an input line may have: those of an event, with the position, the record time and
     * the hash that export writes accepted so that an export imports again, and ignored.
     */
    private static final Set<String> INPUT_FIELDS =
            Stream.concat(FIELDS.stream(), Stream.of("hash")).collect(Collectors.toUnmodifiableSet());

    /** How to read events: the zone for offset-less times and the payload size limit. */
    public record ReadOptions(ZoneId zone, int maxPayloadBytes) {
        public static final ReadOptions DEFAULT = new ReadOptions(null, DEFAULT_MAX_PAYLOAD);

        public ReadOptions {
            if (maxPayloadBytes < 2) {
                throw new IllegalArgumentException("the payload limit must be at least 2 bytes");
            }
        }

        /**
         * The most input one event may take before it is parsed: twice the payload limit (room for
         * indentation) plus 128 KiB for the envelope and metadata. Anything longer cannot be valid,
         * and reading no further keeps hostile input from exhausting memory.
         */
        public int maxRecordBytes() {
            return (int) Math.min(Integer.MAX_VALUE - 16, 2L * maxPayloadBytes + (128 << 10));
        }
    }

    private EventJson() {}

    /**
     * Reads one event from its JSON object.
     *
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    public static NewEvent read(JsonNode json, ReadOptions options) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object, got " + Json.kind(json));
        }
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!INPUT_FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + Text.printable(name, 40) + "'");
            }
        }
        String surrogate = Json.findUnpairedSurrogate(json, "$");
        if (surrogate != null) {
            throw new IllegalArgumentException("unpaired surrogate (not valid Unicode) at " + surrogate);
        }
        UUID eventId = optionalText(json, "eventId") == null ? null : parseEventId(optionalText(json, "eventId"));
        String eventType = requiredText(json, "eventType");
        StreamId stream = new StreamId(requiredText(json, "aggregateType"), requiredText(json, "aggregateId"));
        int eventVersion = (int) optionalPositive(json, "eventVersion", Integer.MAX_VALUE, 1);
        String timestampText = optionalText(json, "timestamp");
        var timestamp = timestampText == null ? null : Times.parse(timestampText, options.zone());
        JsonDoc payload = document(json, "payload", options.maxPayloadBytes(), false);
        JsonDoc metadata = document(json, "metadata", MAX_METADATA, true);
        checkMetadata(metadata.node());
        long streamVersion = optionalPositive(json, "streamVersion", Long.MAX_VALUE, 0);
        return new NewEvent(
                eventId,
                eventType,
                stream,
                eventVersion,
                timestamp,
                payload,
                metadata,
                streamVersion == 0 ? null : streamVersion);
    }

    /**
     * Parses an event id: the canonical 8-4-4-4-12 hexadecimal form in either case, returned as the
     * UUID (which prints lower-case).
     */
    public static UUID parseEventId(String text) {
        if (!isUuidText(text)) {
            throw new IllegalArgumentException(
                    "eventId '" + Text.printable(text, 60) + "' is not a UUID in 8-4-4-4-12 hexadecimal form");
        }
        return UUID.fromString(text.toLowerCase(Locale.ROOT));
    }

    /** The 8-4-4-4-12 hexadecimal form, checked by hand: imports check millions of them. */
    private static boolean isUuidText(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes {@code e} as the JSON object of one input line, without the newline: the shape {@link
     * #read} takes, in the order {@code import --from} has always written its events. The
     * documents are written as their compact text; a raw unpaired surrogate in it (a string of a
     * document parsed from {@code \ud800}, kept as the char, which UTF-8 cannot encode) is written
     * as its escape, so that reading the line refuses it by the rule of every input (ADR 0260).
     */
    public static void writeInput(NewEvent e, java.io.OutputStream out) throws IOException {
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            if (e.eventId() != null) {
                g.writeStringField("eventId", e.eventId().toString());
            }
            g.writeStringField("eventType", e.eventType());
            g.writeStringField("aggregateType", e.stream().aggregateType());
            g.writeStringField("aggregateId", e.stream().aggregateId());
            g.writeNumberField("eventVersion", e.eventVersion());
            if (e.timestamp() != null) {
                g.writeStringField("timestamp", e.timestamp().toString());
            }
            g.writeFieldName("payload");
            g.writeRawValue(Json.escapeUnpairedSurrogates(e.payload().text()));
            g.writeFieldName("metadata");
            g.writeRawValue(Json.escapeUnpairedSurrogates(e.metadata().text()));
            g.writeEndObject();
        }
    }

    /** {@link #writeInput} into a new array. */
    public static byte[] inputLine(NewEvent e) {
        var out = new java.io.ByteArrayOutputStream(256 + e.payload().text().length());
        try {
            writeInput(e, out);
        } catch (IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    /**
     * At least as many bytes as {@link #writeInput} writes for {@code e}: each char of a name at
     * most six bytes (an escape), of a document at most three (UTF-8), and room for the rest.
     */
    public static long inputLineBound(NewEvent e) {
        long names = e.eventType().length()
                + e.stream().aggregateType().length()
                + e.stream().aggregateId().length();
        return 256
                + 6 * names
                + 3L * (e.payload().text().length() + e.metadata().text().length());
    }

    /**
     * True when {@link #read} of {@code e}'s input line ({@link #writeInput}) would plainly give
     * {@code e} back: an event made in memory ({@code import --from}) that passes this needs no
     * line. It vouches only for what plainly holds: a time that prints in the form read takes, to
     * the microsecond; documents that are objects within their limits without unpaired surrogates;
     * the indexed metadata values that {@link #read}'s own metadata rule accepts; no stream
     * version (the line has none). Whatever it cannot vouch for goes through the line, whose rules
     * and messages then decide: this adds no rule of its own (ADR 0260). The names and the version
     * need nothing: an event's constructor holds them to the same rules as reading does.
     */
    public static boolean readsAsIs(NewEvent e, ReadOptions options) {
        return e.streamVersion() == null
                && (e.timestamp() == null || plainTime(e.timestamp()))
                && plainDocument(e.payload().text(), options.maxPayloadBytes())
                && plainDocument(e.metadata().text(), MAX_METADATA)
                && acceptedMetadata(e.metadata().node());
    }

    /** Years 0000 to 9999: {@link java.time.Instant#toString} prints them as four digits. */
    private static final long FIRST_PLAIN_SECOND =
            java.time.LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC);

    private static final long LAST_PLAIN_SECOND =
            java.time.LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(java.time.ZoneOffset.UTC);

    private static boolean plainTime(java.time.Instant t) {
        return t.getNano() % 1000 == 0
                && t.getEpochSecond() >= FIRST_PLAIN_SECOND
                && t.getEpochSecond() <= LAST_PLAIN_SECOND;
    }

    private static boolean plainDocument(String text, int maxBytes) {
        return !text.isEmpty()
                && text.charAt(0) == '{'
                && withinLimit(text, maxBytes)
                && !Json.hasUnpairedSurrogate(text);
    }

    private static boolean acceptedMetadata(JsonNode metadata) {
        try {
            checkMetadata(metadata);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    /** Writes one stored event in the output shape. */
    public static void write(JsonGenerator g, RecordedEvent e, boolean withHash) throws IOException {
        g.writeStartObject();
        g.writeStringField("eventId", e.eventId().toString());
        g.writeStringField("eventType", e.eventType());
        g.writeStringField("aggregateId", e.aggregateId());
        g.writeStringField("aggregateType", e.aggregateType());
        g.writeNumberField("eventVersion", e.eventVersion());
        g.writeStringField("timestamp", Times.format(e.timestamp()));
        g.writeFieldName("payload");
        g.writeRawValue(e.payload().text());
        g.writeFieldName("metadata");
        g.writeRawValue(e.metadata().text());
        g.writeNumberField("position", e.position());
        g.writeNumberField("streamVersion", e.streamVersion());
        g.writeStringField("recordedAt", Times.format(e.recordedAt()));
        if (withHash) {
            g.writeStringField("hash", e.hash());
        }
        g.writeEndObject();
    }

    /** The output shape as a tree (for renderers that need one). */
    public static ObjectNode toNode(RecordedEvent e, boolean withHash) {
        ObjectNode o = Json.object();
        o.put("eventId", e.eventId().toString());
        o.put("eventType", e.eventType());
        o.put("aggregateId", e.aggregateId());
        o.put("aggregateType", e.aggregateType());
        o.put("eventVersion", e.eventVersion());
        o.put("timestamp", Times.format(e.timestamp()));
        o.set("payload", e.payload().node().deepCopy());
        o.set("metadata", e.metadata().node().deepCopy());
        o.put("position", e.position());
        o.put("streamVersion", e.streamVersion());
        o.put("recordedAt", Times.format(e.recordedAt()));
        if (withHash) {
            o.put("hash", e.hash());
        }
        return o;
    }

    private static String requiredText(JsonNode json, String field) {
        String value = optionalText(json, field);
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static String optionalText(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got " + Json.kind(value));
        }
        return value.textValue();
    }

    private static long optionalPositive(JsonNode json, String field, long max, long absent) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isIntegralNumber()
                || !value.canConvertToLong()
                || value.longValue() < 1
                || value.longValue() > max) {
            throw new IllegalArgumentException(field + " must be a whole number from 1 to " + max + ", got "
                    + Text.printable(value.toString(), 40));
        }
        return value.longValue();
    }

    /**
     * @param keepTree keep the parsed tree with the text: worth it for the small metadata, whose
     *     indexed values the store reads; not for payloads, which an import holds by the thousand
     */
    private static JsonDoc document(JsonNode json, String field, int maxBytes, boolean keepTree) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return JsonDoc.EMPTY_OBJECT;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(field + " must be a JSON object, got " + Json.kind(value));
        }
        String text = Json.write(value);
        if (!withinLimit(text, maxBytes)) {
            throw new IllegalArgumentException(field + " is " + text.getBytes(StandardCharsets.UTF_8).length
                    + " bytes, over the limit of " + maxBytes + " bytes (--max-payload)");
        }
        return keepTree ? JsonDoc.of(text, value) : JsonDoc.ofText(text);
    }

    /** Whether {@code text} is at most {@code maxBytes} bytes as UTF-8. */
    private static boolean withinLimit(String text, int maxBytes) {
        // a UTF-8 byte count is at most three per char: count exactly only when it could matter
        return (long) text.length() * 3 <= maxBytes || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }

    private static void checkMetadata(JsonNode metadata) {
        for (String key : new String[] {Metadata.CORRELATION_ID, Metadata.CAUSATION_ID, Metadata.USER_ID}) {
            JsonNode value = metadata.get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw new IllegalArgumentException("metadata." + key + " must be a string, got " + Json.kind(value));
            }
            Names.require("metadata." + key, value.textValue(), Metadata.MAX_LENGTH);
        }
    }
}
