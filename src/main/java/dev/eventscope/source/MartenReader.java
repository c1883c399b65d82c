package dev.eventscope.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.StreamId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Marten's {@code mt_events} joined to {@code mt_streams}, in {@code seq_id} order. The stream's
 * aggregate type ({@code mt_streams.type}) and id give our stream, apart per tenant (a stream of
 * another tenant than {@code *DEFAULT*} gets the id {@code tenant/id}); the event type is Marten's
 * alias ({@code quest_started}). Metadata columns that Marten was configured to keep
 * (correlation_id, causation_id, headers, user_name) map when present. A binary payload ({@code
 * bdata}, for events Marten serializes with a binary serializer) is kept as Base64. Events of
 * archived streams are imported with {@code importedFrom.archived}. Marten's sequence may have gaps
 * and commits out of order: the caller applies the gap rule of ADR 0160.
 */
final class MartenReader extends TableReader {

    private static final String DEFAULT_TENANT = "*DEFAULT*";
    private String events;
    private String streams;
    private Map<String, String> eventColumns;
    private boolean streamsHaveTenant;

    MartenReader(SourceOptions options) {
        super(options);
    }

    @Override
    public void checkLayout(Connection c) throws SQLException {
        String schema = options.schemaOr("public");
        var e = Layout.require(
                c,
                kind(),
                schema,
                List.of(options.tableOr("mt_events")),
                List.of("seq_id", "id", "stream_id", "version", "data", "type", "timestamp"));
        var s = Layout.require(c, kind(), schema, List.of("mt_streams"), List.of("id", "type"));
        events = Layout.quote(schema, e.getKey());
        streams = Layout.quote(schema, s.getKey());
        eventColumns = e.getValue();
        streamsHaveTenant = s.getValue().containsKey("tenant_id");
    }

    private String optional(String column, String cast) {
        return eventColumns.containsKey(column) ? "e." + column + cast + " AS " + column : "NULL AS " + column;
    }

    @Override
    String selectSql() {
        boolean tenants = streamsHaveTenant && eventColumns.containsKey("tenant_id");
        return "SELECT e.seq_id, e.id::text AS id, e.stream_id::text AS stream_id, e.version, e.data::text AS data, "
                + optional("bdata", "") + ", e.type, e.timestamp, " + optional("tenant_id", "") + ", "
                + optional("mt_dotnet_type", "") + ", " + optional("correlation_id", "") + ", "
                + optional("causation_id", "") + ", " + optional("headers", "::text") + ", "
                + optional("user_name", "") + ", " + optional("is_archived", "") + ", s.type AS stream_type"
                + " FROM " + events + " e LEFT JOIN " + streams + " s ON s.id = e.stream_id"
                + (tenants ? " AND s.tenant_id = e.tenant_id" : "")
                + " WHERE e.seq_id > ? ORDER BY e.seq_id LIMIT ?";
    }

    @Override
    SourcePosition positionOf(ResultSet rs) throws SQLException {
        return SourcePosition.of(rs.getLong("seq_id"));
    }

    @Override
    void map(ResultSet rs, SourceEventBuilder b) throws SQLException {
        String streamId = required(rs, "stream_id");
        String streamType = rs.getString("stream_type");
        String tenant = rs.getString("tenant_id");
        long version = rs.getLong("version");
        byte[] binary = rs.getBytes("bdata");
        ObjectNode payload;
        if (binary != null) {
            b.losses().add(Loss.PAYLOAD_BINARY);
            payload = Json.object().put("$base64", Base64.getEncoder().encodeToString(binary));
        } else {
            payload = Payloads.fromJson(rs.getString("data"), b.losses());
        }
        ObjectNode metadata = rs.getString("headers") == null
                ? Json.object()
                : Payloads.fromJson(rs.getString("headers"), java.util.EnumSet.noneOf(Loss.class));
        StreamId stream = SourceValues.inTenant(
                new StreamId(streamType == null ? "marten" : streamType, streamId), tenant, DEFAULT_TENANT);
        b
                .id(rs.getString("id"), ids, tenant + "/" + streamId, Long.toString(version))
                .type(required(rs, "type"))
                .stream(stream)
                .timestamp(SourceValues.time(rs, "timestamp"))
                .storedAt(SourceValues.time(rs, "timestamp"))
                .payload(payload)
                .metadata(metadata)
                .correlation(rs.getString("correlation_id"))
                .causation(rs.getString("causation_id"))
                .user(rs.getString("user_name"));
        b.importedFrom()
                .with("stream", streamId)
                .with("streamPosition", version)
                .with("dotnetType", rs.getString("mt_dotnet_type"))
                .flag("archived", rs.getBoolean("is_archived"));
        if (tenant != null && !DEFAULT_TENANT.equals(tenant)) {
            b.importedFrom().with("tenant", tenant);
        }
    }
}
