package dev.eventscope.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.StreamId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Emmett's {@code emt_messages} (PostgreSQL and SQLite), read as Emmett's own readers read it:
 * events only (message kind {@code E}), archived rows left out. On PostgreSQL in Emmett's order,
 * writing transaction then global position, and only rows whose transaction is older than every
 * running one ({@code transaction_id < pg_snapshot_xmin(pg_current_snapshot())}), so a row a
 * running writer will still commit can never land behind the position a read resumes from.
 *
 * <p>Emmett keeps no schema version: its PostgreSQL store writes {@code '1'} in {@code
 * message_schema_version}, and emmett-sqlite 0.42.4 the stream's version before the append. Every
 * event imports as version 1; a value other than {@code 1} is kept as {@code
 * importedFrom.schemaVersion}.
 */
final class EmmettReader extends TableReader {

    static final String DEFAULT_PARTITION = "emt:default";
    private static final List<String> COLUMNS = List.of(
            "stream_id",
            "stream_position",
            "partition",
            "message_kind",
            "message_data",
            "message_metadata",
            "message_schema_version",
            "message_type",
            "message_id",
            "is_archived",
            "global_position",
            "created");

    private String from;

    EmmettReader(SourceOptions options) {
        super(options);
    }

    @Override
    public void checkLayout(Connection c) throws SQLException {
        String schema = options.schemaOr("public");
        List<String> required = dialect() == Dialect.POSTGRES
                ? java.util.stream.Stream.concat(COLUMNS.stream(), java.util.stream.Stream.of("transaction_id"))
                        .toList()
                : COLUMNS;
        var table = Layout.require(c, kind(), schema, List.of(options.tableOr("emt_messages")), required);
        from = Layout.quote(schema, table.getKey());
    }

    @Override
    String selectSql() {
        if (dialect() == Dialect.POSTGRES) {
            return "SELECT global_position, transaction_id::text AS transaction_id, stream_id, stream_position,"
                    + " partition, message_type, message_schema_version, message_id, message_data::text AS data,"
                    + " message_metadata::text AS metadata, created FROM " + from + " m"
                    + " WHERE is_archived = FALSE AND message_kind = 'E'"
                    + " AND (m.transaction_id, m.global_position) > (?::text::xid8, ?)"
                    + " AND m.transaction_id < pg_snapshot_xmin(pg_current_snapshot())"
                    // m.: the output column transaction_id is text, and its order is not the xid's
                    + " ORDER BY m.transaction_id, m.global_position LIMIT ?";
        }
        return "SELECT global_position, stream_id, stream_position, partition, message_type,"
                + " message_schema_version, message_id, message_data AS data, message_metadata AS metadata, created"
                + " FROM " + from + " WHERE is_archived = 0 AND message_kind = 'E' AND global_position > ?"
                + " ORDER BY global_position LIMIT ?";
    }

    @Override
    void bind(PreparedStatement ps, SourcePosition after, int limit) throws SQLException {
        if (dialect() == Dialect.POSTGRES) {
            ps.setString(1, Long.toString(after.transaction()));
            ps.setLong(2, after.position());
            ps.setInt(3, limit);
        } else {
            super.bind(ps, after, limit);
        }
    }

    @Override
    SourcePosition positionOf(ResultSet rs) throws SQLException {
        long transaction = dialect() == Dialect.POSTGRES ? Long.parseLong(rs.getString("transaction_id")) : 0;
        return new SourcePosition(transaction, rs.getLong("global_position"));
    }

    @Override
    void map(ResultSet rs, SourceEventBuilder b) throws SQLException {
        String streamName = required(rs, "stream_id");
        String partition = rs.getString("partition");
        long streamPosition = rs.getLong("stream_position");
        StreamId stream = SourceValues.inTenant(SourceValues.splitFirst(streamName, '-'), partition, DEFAULT_PARTITION);
        ObjectNode metadata = Payloads.fromJson(rs.getString("metadata"), b.losses());
        b
                .id(rs.getString("message_id"), ids, partition + "/" + streamName, Long.toString(streamPosition))
                .type(required(rs, "message_type"))
                .stream(stream);
        // read once: each read of a time column asks the result set for the column's type
        java.time.Instant time = SourceValues.time(rs, "created");
        b.timestamp(time)
                .storedAt(time)
                .payloadText(Payloads.fromJsonAsText(rs.getString("data"), b.losses()))
                .metadata(metadata)
                .correlation(SourceEventBuilder.text(metadata.get("correlationId")))
                .causation(SourceEventBuilder.text(metadata.get("causationId")))
                .user(SourceEventBuilder.text(metadata.get("userId")));
        b.importedFrom().with("stream", streamName).with("streamPosition", streamPosition);
        String schemaVersion = rs.getString("message_schema_version");
        if (!"1".equals(schemaVersion)) {
            b.importedFrom().with("schemaVersion", schemaVersion);
        }
        if (!DEFAULT_PARTITION.equals(partition)) {
            b.importedFrom().with("partition", partition);
        }
    }
}
