package dev.eventscope.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Message DB's {@code message_store.messages} in global-position order. A stream name splits at
 * its first {@code -} into category (our aggregate type) and id. The correlation is Message DB's
 * {@code correlationStreamName} (a stream name, not an id); the causation is the id of the message
 * at {@code causationMessageGlobalPosition}, looked up in the same query; the schema version is
 * {@code schemaVersion}; a property named {@code userId} is the user. Global positions come from a
 * sequence and writers to different categories do not wait for each other, so the caller applies
 * the gap rule of ADR 0160 before it trusts a page's end.
 */
final class MessageDbReader extends TableReader {

    private String from;

    MessageDbReader(SourceOptions options) {
        super(options);
    }

    @Override
    public void checkLayout(Connection c) throws SQLException {
        String schema = options.schemaOr("message_store");
        var table = Layout.require(
                c,
                kind(),
                schema,
                List.of(options.tableOr("messages")),
                List.of("global_position", "position", "time", "stream_name", "type", "data", "metadata", "id"));
        from = Layout.quote(schema, table.getKey());
    }

    @Override
    String selectSql() {
        String causePosition = "m.metadata->>'causationMessageGlobalPosition'";
        return "SELECT m.global_position, m.position, m.time, m.stream_name, m.type, m.data::text AS data,"
                + " m.metadata::text AS metadata, m.id::text AS id, c.id::text AS causation_id FROM " + from + " m"
                + " LEFT JOIN " + from + " c ON c.global_position = CASE WHEN " + causePosition
                + " ~ '^[0-9]{1,18}$' THEN (" + causePosition + ")::bigint END"
                + " WHERE m.global_position > ? ORDER BY m.global_position LIMIT ?";
    }

    @Override
    SourcePosition positionOf(ResultSet rs) throws SQLException {
        return SourcePosition.of(rs.getLong("global_position"));
    }

    @Override
    void map(ResultSet rs, SourceEventBuilder b) throws SQLException {
        String streamName = required(rs, "stream_name");
        long position = rs.getLong("position");
        ObjectNode metadata = Payloads.fromJson(rs.getString("metadata"), b.losses());
        String causation = rs.getString("causation_id");
        if (causation == null && metadata.hasNonNull("causationMessageStreamName")) {
            causation = metadata.get("causationMessageStreamName").asText() + "/"
                    + SourceEventBuilder.text(metadata.get("causationMessagePosition"));
        }
        b.id(rs.getString("id"), ids, streamName, Long.toString(position)).type(required(rs, "type")).stream(
                        SourceValues.splitFirst(streamName, '-'))
                .version(SourceEventBuilder.text(metadata.get("schemaVersion")), "schemaVersion");
        // read once: each read of a time column asks the result set for the column's type
        java.time.Instant time = SourceValues.time(rs, "time");
        b.timestamp(time)
                .storedAt(time)
                .payloadText(Payloads.fromJsonAsText(rs.getString("data"), b.losses()))
                .metadata(metadata)
                .correlation(SourceEventBuilder.text(metadata.get("correlationStreamName")))
                .causation(causation)
                .user(user(metadata));
        b.importedFrom().with("stream", streamName).with("streamPosition", position);
    }

    private static String user(ObjectNode metadata) {
        JsonNode properties = metadata.get("properties");
        if (properties != null && properties.isArray()) {
            for (JsonNode p : properties) {
                if ("userId".equals(SourceEventBuilder.text(p.get("name")))) {
                    return SourceEventBuilder.text(p.get("value"));
                }
            }
        }
        return SourceEventBuilder.text(metadata.get("userId"));
    }
}
