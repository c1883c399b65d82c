package dev.eventscope.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Json;
import dev.eventscope.event.StreamId;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Python eventsourcing's application recorder table ({@code stored_events}): in notification-id
 * order (the SQLite {@code rowid}, PostgreSQL's {@code notification_id}). The state is the
 * JSONTranscoder's JSON: its {@code timestamp} becomes our timestamp, {@code class_version} our
 * schema version, and the transcoded values it knows ({@code uuid_hex}, {@code datetime_iso},
 * {@code decimal_str}) plain strings. The topic {@code module:Aggregate.Event} gives the aggregate
 * type and the event type. Events have no id: each gets one derived from originator id and
 * version. State that is compressed or encrypted (COMPRESSOR_TOPIC, CIPHER_TOPIC) is refused.
 */
final class EventsourcingReader extends TableReader {

    private String from;

    EventsourcingReader(SourceOptions options) {
        super(options);
    }

    @Override
    public void checkLayout(Connection c) throws SQLException {
        String schema = options.schemaOr("public");
        List<String> required = dialect() == Dialect.POSTGRES
                ? List.of("originator_id", "originator_version", "topic", "state", "notification_id")
                : List.of("originator_id", "originator_version", "topic", "state");
        var table = Layout.require(c, kind(), schema, List.of(options.tableOr("stored_events")), required);
        from = Layout.quote(schema, table.getKey());
        if (dialect() == Dialect.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT rowid FROM " + from + " LIMIT 0").close();
            } catch (SQLException withoutRowid) {
                throw new InvalidInputException(
                        "the source's table " + table.getKey() + " has no notification ids (it is an"
                                + " aggregate recorder's table, made WITHOUT ROWID), so it has no order to import in",
                        "import the application's table: eventsourcing's SQLiteApplicationRecorder writes one");
            }
        }
    }

    @Override
    String selectSql() {
        String id = dialect() == Dialect.SQLITE ? "rowid" : "notification_id";
        String originator = dialect() == Dialect.SQLITE ? "originator_id" : "originator_id::text";
        return "SELECT " + id + " AS notification_id, " + originator + " AS originator_id, originator_version,"
                + " topic, state FROM " + from + " WHERE " + id + " > ? ORDER BY " + id + " LIMIT ?";
    }

    @Override
    SourcePosition positionOf(ResultSet rs) throws SQLException {
        return SourcePosition.of(rs.getLong("notification_id"));
    }

    @Override
    void map(ResultSet rs, SourceEventBuilder b) throws SQLException {
        String originatorId = required(rs, "originator_id");
        long version = rs.getLong("originator_version");
        String topic = required(rs, "topic");
        ObjectNode state = state(bytes(rs, "state"), rs.getLong("notification_id"));
        JsonNode timestamp = decode(state.remove("timestamp"));
        JsonNode classVersion = state.remove("class_version");
        Iterator<Map.Entry<String, JsonNode>> fields = state.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            f.setValue(decode(f.getValue()));
        }
        b.id(null, ids, originatorId, Long.toString(version)).type(eventType(topic)).stream(
                        new StreamId(aggregateType(topic), originatorId))
                .version(classVersion == null ? null : classVersion.asText(), "classVersion")
                .timestamp(timestamp == null ? null : SourceValues.parseTime(timestamp.asText()))
                .payload(state);
        b.importedFrom().with("topic", topic).with("originatorVersion", version);
    }

    /** The state as JSON, or a refusal that names the setting that made it unreadable. */
    private static ObjectNode state(byte[] state, long notificationId) {
        if (state != null && state.length > 0 && state[0] == '{') {
            try {
                JsonNode json = Json.parse(state, 0, state.length);
                if (json.isObject()) {
                    return (ObjectNode) json;
                }
            } catch (IOException notJson) {
                // below
            }
        }
        boolean zlib = state != null
                && state.length > 1
                && (state[0] & 0xff) == 0x78
                && ((state[0] & 0xff) * 256 + (state[1] & 0xff)) % 31 == 0;
        boolean bz2 = state != null && state.length > 2 && state[0] == 'B' && state[1] == 'Z' && state[2] == 'h';
        String what = zlib || bz2
                ? "is compressed (" + (zlib ? "zlib" : "bz2") + "): the application sets COMPRESSOR_TOPIC"
                : "is not JSON, so it is encrypted (the application sets CIPHER_TOPIC and CIPHER_KEY)"
                        + " or written by another transcoder";
        throw new InvalidInputException(
                "the eventsourcing event with notification id " + notificationId + " cannot be read: its state " + what,
                "evs reads only plain JSON state; export the events through the application, which holds the"
                        + " cipher key and compressor, or import from an application that uses neither");
    }

    /** A transcoded value ({"_type_": …, "_data_": …}) as plain JSON, where the type is known. */
    private static JsonNode decode(JsonNode value) {
        if (value == null || !value.isObject() || value.size() != 2 || !value.has("_type_") || !value.has("_data_")) {
            return value;
        }
        String type = value.get("_type_").asText();
        JsonNode data = value.get("_data_");
        switch (type) {
            case "uuid_hex":
                String hex = data.asText();
                if (hex.matches("[0-9a-fA-F]{32}")) {
                    return Json.mapper()
                            .getNodeFactory()
                            .textNode(new UUID(
                                            Long.parseUnsignedLong(hex.substring(0, 16), 16),
                                            Long.parseUnsignedLong(hex.substring(16), 16))
                                    .toString());
                }
                return value;
            case "datetime_iso":
            case "decimal_str":
                return data;
            default:
                return value;
        }
    }

    /** {@code Opened} from {@code bankaccounts.domainmodel:BankAccount.Opened}. */
    static String eventType(String topic) {
        String path = topic.substring(topic.indexOf(':') + 1);
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** {@code BankAccount} from that topic; a top-level event class gives its module's name. */
    static String aggregateType(String topic) {
        int colon = topic.indexOf(':');
        String path = topic.substring(colon + 1);
        int dot = path.lastIndexOf('.');
        if (dot > 0) {
            return path.substring(0, dot);
        }
        String module = colon > 0 ? topic.substring(0, colon) : topic;
        return module.substring(module.lastIndexOf('.') + 1);
    }
}
