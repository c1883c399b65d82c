package dev.eventscope.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.Metadata;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Collects one source row's parts and makes the {@link SourceEvent}: the ids and stream, the
 * payload and metadata objects, the three indexed metadata values where the store keeps them, and
 * {@link ImportedFrom}. Readers fill one builder per row; messages name the row by its position.
 */
final class SourceEventBuilder {

    private final SourceKind kind;
    private final SourcePosition position;
    private final Set<Loss> losses = EnumSet.noneOf(Loss.class);
    private final ImportedFrom importedFrom;
    private UUID eventId;
    private String eventType;
    private StreamId stream;
    private int eventVersion = 1;
    private Instant timestamp;
    private ObjectNode payload = Json.object();
    private String payloadText;
    private ObjectNode metadata = Json.object();
    private String correlationId;
    private String causationId;
    private String userId;
    private Instant storedAt;

    SourceEventBuilder(SourceKind kind, SourcePosition position) {
        this(kind, null, position);
    }

    SourceEventBuilder(SourceKind kind, String source, SourcePosition position) {
        this.kind = kind;
        this.position = position;
        this.importedFrom = ImportedFrom.of(kind, source, position);
    }

    Set<Loss> losses() {
        return losses;
    }

    ImportedFrom importedFrom() {
        return importedFrom;
    }

    /**
     * The store's event id when it is a UUID; otherwise (none, or another form) one derived from
     * {@code stream} and {@code version}, with the original kept as {@code importedFrom.id}.
     */
    SourceEventBuilder id(String sourceId, SourceIds ids, String stream, String version) {
        UUID parsed = SourceIds.parseOrNull(sourceId);
        if (parsed != null) {
            eventId = parsed;
        } else {
            eventId = ids.derive(kind, stream, version);
            losses.add(Loss.DERIVED_ID);
            importedFrom.with("id", sourceId);
        }
        return this;
    }

    SourceEventBuilder type(String type) {
        this.eventType = type;
        return this;
    }

    SourceEventBuilder stream(StreamId stream) {
        this.stream = stream;
        return this;
    }

    /** The schema version from text: a positive number, else 1 and the text kept in importedFrom. */
    SourceEventBuilder version(String text, String importedFromField) {
        if (text == null || text.isBlank()) {
            return this;
        }
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= 1) {
                eventVersion = v;
                return this;
            }
        } catch (NumberFormatException notANumber) {
            // below
        }
        losses.add(Loss.VERSION_NOT_A_NUMBER);
        importedFrom.with(importedFromField, text);
        return this;
    }

    SourceEventBuilder version(int version) {
        this.eventVersion = version;
        return this;
    }

    SourceEventBuilder timestamp(Instant timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    /** When the source stored the row, by its own clock (for the gap rule); null when unknown. */
    SourceEventBuilder storedAt(Instant storedAt) {
        this.storedAt = storedAt;
        return this;
    }

    SourceEventBuilder payload(ObjectNode payload) {
        this.payload = payload;
        this.payloadText = null;
        return this;
    }

    /** The payload object as its compact text (as {@code Json.write} writes it). */
    SourceEventBuilder payloadText(String compactObject) {
        this.payloadText = compactObject;
        return this;
    }

    /** The store's metadata object; the three indexed keys are set from {@link #correlation} etc. */
    SourceEventBuilder metadata(ObjectNode metadata) {
        this.metadata = metadata;
        return this;
    }

    ObjectNode metadata() {
        return metadata;
    }

    SourceEventBuilder correlation(String correlationId) {
        this.correlationId = correlationId;
        return this;
    }

    SourceEventBuilder causation(String causationId) {
        this.causationId = causationId;
        return this;
    }

    SourceEventBuilder user(String userId) {
        this.userId = userId;
        return this;
    }

    /** A metadata value as text (numbers and booleans as written), or null. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }

    /**
     * The event.
     *
     * @throws IllegalArgumentException when a part is missing or invalid (the reader adds where)
     */
    SourceEvent build() {
        ObjectNode meta = metadata.deepCopy();
        setOrRemove(meta, Metadata.CORRELATION_ID, correlationId);
        setOrRemove(meta, Metadata.CAUSATION_ID, causationId);
        setOrRemove(meta, Metadata.USER_ID, userId);
        meta.set(ImportedFrom.KEY, importedFrom.node());
        NewEvent event = new NewEvent(
                eventId,
                eventType,
                stream,
                eventVersion,
                timestamp,
                JsonDoc.ofText(payloadText != null ? payloadText : Json.write(payload)),
                JsonDoc.of(Json.write(meta), meta),
                null);
        return new SourceEvent(event, position, storedAt, losses);
    }

    /** Our key carries the mapped value; a store value of another meaning under it is replaced. */
    private static void setOrRemove(ObjectNode meta, String key, String value) {
        if (value == null) {
            meta.remove(key);
        } else {
            meta.put(key, value);
        }
    }
}
