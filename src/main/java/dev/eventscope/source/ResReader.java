package dev.eventscope.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.StreamId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * RubyEventStore's ActiveRecord tables: {@code event_store_events} in its {@code id} order, each
 * event in the first stream it was published or linked to ({@code Type$id} streams split at the
 * last {@code $}); further links are counted ({@link Loss#LINKED_STREAMS}). Data and metadata are
 * YAML (the default serializer, see {@link RubyYaml}) or JSON, whichever the column holds; the JSON
 * client's Ruby types are restored and removed from the metadata as RubyEventStore does ({@link
 * RubyTypes}). The valid time ({@code valid_at}, else {@code created_at}) is our timestamp.
 */
final class ResReader extends TableReader {

    private String events;
    private String inStreams;

    ResReader(SourceOptions options) {
        super(options);
    }

    @Override
    public void checkLayout(Connection c) throws SQLException {
        String schema = options.schemaOr("public");
        var e = Layout.require(
                c,
                kind(),
                schema,
                List.of(options.tableOr("event_store_events")),
                List.of("id", "event_id", "event_type", "metadata", "data", "created_at", "valid_at"));
        var s = Layout.require(
                c,
                kind(),
                schema,
                List.of(e.getKey() + "_in_streams"),
                List.of("id", "stream", "position", "event_id"));
        events = Layout.quote(schema, e.getKey());
        inStreams = Layout.quote(schema, s.getKey());
    }

    @Override
    String selectSql() {
        String first = " FROM " + inStreams + " s WHERE s.event_id = e.event_id ORDER BY s.id LIMIT 1)";
        return "SELECT e.id, e.event_id, e.event_type, e.metadata, e.data, e.created_at, e.valid_at,"
                + " (SELECT s.stream" + first + " AS stream,"
                + " (SELECT s.position" + first + " AS stream_position,"
                + " (SELECT count(*) FROM " + inStreams + " s WHERE s.event_id = e.event_id) AS links"
                + " FROM " + events + " e WHERE e.id > ? ORDER BY e.id LIMIT ?";
    }

    @Override
    SourcePosition positionOf(ResultSet rs) throws SQLException {
        return SourcePosition.of(rs.getLong("id"));
    }

    @Override
    void map(ResultSet rs, SourceEventBuilder b) throws SQLException {
        String streamName = rs.getString("stream");
        long streamPosition = rs.getLong("stream_position");
        Long position = rs.wasNull() ? null : streamPosition;
        StreamId stream = streamName == null ? SourceValues.GLOBAL : SourceValues.splitLast(streamName, '$');
        ObjectNode metadata = Payloads.fromBytes(bytes(rs, "metadata"), true, MAX_TEXT_CHARS, b.losses());
        if (metadata.has("$yaml") || metadata.has("$text") || metadata.has("$value")) {
            b.losses().add(Loss.METADATA_KEPT_AS_TEXT);
        }
        ObjectNode payload = Payloads.fromBytes(bytes(rs, "data"), true, MAX_TEXT_CHARS, b.losses());
        ObjectNode types = RubyTypes.of(metadata);
        if (types != null) {
            metadata.remove("types");
            RubyTypes.restore(payload, types.get("data"), b.losses());
            RubyTypes.restore(metadata, types.get("metadata"), b.losses());
        }
        Instant created = SourceValues.time(rs, "created_at");
        Instant valid = SourceValues.time(rs, "valid_at");
        String eventId = required(rs, "event_id");
        b
                .id(eventId, ids, String.valueOf(streamName), String.valueOf(rs.getLong("id")))
                .type(required(rs, "event_type"))
                .stream(stream)
                .timestamp(valid != null ? valid : created)
                .storedAt(created)
                .payload(payload)
                .metadata(metadata)
                .correlation(SourceEventBuilder.text(metadata.get("correlation_id")))
                .causation(SourceEventBuilder.text(metadata.get("causation_id")))
                .user(SourceEventBuilder.text(metadata.get("user_id")));
        long links = rs.getLong("links");
        if (links > 1) {
            b.losses().add(Loss.LINKED_STREAMS);
            b.importedFrom().with("linkedStreams", links - 1);
        }
        b.importedFrom().with("stream", streamName).with("streamPosition", position);
        if (valid != null) {
            b.importedFrom().with("createdAt", dev.eventscope.event.Times.format(created));
        }
    }
}
