package dev.eventscope.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.StreamId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Axon Framework's event table, under the JPA entity's names ({@code domain_event_entry}, {@code
 * global_index}, …) or the JDBC engine's defaults ({@code DomainEventEntry}, {@code globalIndex},
 * lower-case in PostgreSQL), in global-index order. Payloads in JSON (JacksonSerializer) import as
 * they are; XML (the default XStreamSerializer) is kept as text under {@code $xml}. XStream's
 * metadata map converts to JSON. Axon's {@code correlationId} is the id of the message that caused
 * this one (our causation id); its {@code traceId} is the first message of the chain (our
 * correlation id). The event type is the payload class's simple name; the numeric revision is the
 * schema version. Events published outside an aggregate (no type) go to the stream global/global.
 */
final class AxonReader extends TableReader {

    private String from;
    private Map<String, String> names;
    private boolean largeObjects;

    AxonReader(SourceOptions options) {
        super(options);
    }

    @Override
    public void checkLayout(Connection c) throws SQLException {
        String schema = options.schemaOr("public");
        List<String> candidates =
                options.table() != null ? List.of(options.table()) : List.of("domain_event_entry", "domainevententry");
        boolean snake = true;
        Map.Entry<String, Map<String, String>> table = null;
        for (String t : candidates) {
            Map<String, String> columns = Layout.columns(c, schema, t);
            if (!columns.isEmpty()) {
                snake = columns.containsKey("global_index");
                table = Map.entry(t, columns);
                break;
            }
        }
        List<String> required = List.of(
                "global_index",
                "aggregate_identifier",
                "sequence_number",
                "type",
                "event_identifier",
                "meta_data",
                "payload",
                "payload_revision",
                "payload_type",
                "time_stamp");
        List<String> wanted = snake
                ? required
                : required.stream().map(n -> n.replace("_", "")).toList();
        table = Layout.require(c, kind(), schema, List.of(table == null ? candidates.get(0) : table.getKey()), wanted);
        names = new java.util.HashMap<>();
        for (int i = 0; i < required.size(); i++) {
            names.put(required.get(i), wanted.get(i));
        }
        largeObjects = "oid".equals(table.getValue().get(names.get("payload")).toLowerCase(Locale.ROOT));
        from = Layout.quote(schema, table.getKey());
    }

    private String column(String name) {
        String actual = Layout.quote(names.get(name));
        boolean blob = name.equals("payload") || name.equals("meta_data");
        return (blob && largeObjects ? "lo_get(" + actual + ")" : actual) + " AS " + name;
    }

    @Override
    String selectSql() {
        StringBuilder sql = new StringBuilder("SELECT ");
        String[] all = {
            "global_index",
            "aggregate_identifier",
            "sequence_number",
            "type",
            "event_identifier",
            "meta_data",
            "payload",
            "payload_revision",
            "payload_type",
            "time_stamp"
        };
        for (int i = 0; i < all.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(column(all[i]));
        }
        String order = Layout.quote(names.get("global_index"));
        return sql.append(" FROM ")
                .append(from)
                .append(" WHERE ")
                .append(order)
                .append(" > ? ORDER BY ")
                .append(order)
                .append(" LIMIT ?")
                .toString();
    }

    @Override
    SourcePosition positionOf(ResultSet rs) throws SQLException {
        return SourcePosition.of(rs.getLong("global_index"));
    }

    @Override
    void map(ResultSet rs, SourceEventBuilder b) throws SQLException {
        String aggregateType = rs.getString("type");
        String aggregateId = required(rs, "aggregate_identifier");
        long sequence = rs.getLong("sequence_number");
        String payloadType = required(rs, "payload_type");
        StreamId stream = aggregateType == null ? SourceValues.GLOBAL : new StreamId(aggregateType, aggregateId);
        ObjectNode metadata = metadata(bytes(rs, "meta_data"), b);
        b
                .id(rs.getString("event_identifier"), ids, aggregateType + "/" + aggregateId, Long.toString(sequence))
                .type(simpleName(payloadType))
                .stream(stream)
                .version(rs.getString("payload_revision"), "revision")
                .timestamp(SourceValues.parseTime(required(rs, "time_stamp")))
                .storedAt(SourceValues.parseTime(required(rs, "time_stamp")))
                .payload(Payloads.fromBytes(bytes(rs, "payload"), false, MAX_TEXT_CHARS, b.losses()))
                .metadata(metadata)
                .correlation(SourceEventBuilder.text(metadata.get("traceId")))
                .causation(SourceEventBuilder.text(metadata.get("correlationId")))
                .user(SourceEventBuilder.text(metadata.get("userId")));
        b.importedFrom().with("payloadType", payloadType).with("sequenceNumber", sequence);
        if (aggregateType == null) {
            b.importedFrom().with("aggregateIdentifier", aggregateId);
        }
    }

    private static ObjectNode metadata(byte[] bytes, SourceEventBuilder b) {
        if (bytes == null) {
            return Json.object();
        }
        String text = Payloads.utf8(bytes);
        if (text != null && text.strip().startsWith("<")) {
            ObjectNode converted = XStreamMetaData.convert(text);
            if (converted != null) {
                return converted;
            }
            b.losses().add(Loss.METADATA_KEPT_AS_TEXT);
            ObjectNode kept = Json.object();
            kept.put("$text", text);
            return kept;
        }
        java.util.Set<Loss> ignored = java.util.EnumSet.noneOf(Loss.class);
        ObjectNode json = Payloads.fromBytes(bytes, false, MAX_TEXT_CHARS, ignored);
        if (!ignored.isEmpty()) {
            b.losses().add(Loss.METADATA_KEPT_AS_TEXT);
        }
        return json;
    }

    /** {@code GiftCardIssued} from {@code com.example.GiftCardIssued} or {@code …Outer$GiftCardIssued}. */
    static String simpleName(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }
}
