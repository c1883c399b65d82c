package dev.eventscope.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.model.YamlDocument;
import dev.eventscope.model.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mapping file of {@code import --from sql}: which home-grown table (or SELECT) holds the
 * events, which column orders them, and where each field of our event comes from. Every problem is
 * reported at once with its {@code file:line:column}, before the source is opened.
 *
 * <pre>
 * table: app.events          # or query: SELECT … (one SELECT, no semicolon)
 * order: id                  # an increasing integer column: the import's position
 * fields:
 *   eventType: type          # a column
 *   aggregateType: {value: Order}   # or a constant
 *   aggregateId: order_id
 *   payload: body            # a JSON column (text, json, jsonb or bytes)
 *   eventId: event_uuid      # optional; without it, derived from aggregate and version
 *   streamVersion: version   # optional: the version a derived id is made from (else the order)
 *   eventVersion: schema     # optional, default 1
 *   timestamp: created_at    # optional
 *   metadata: meta           # optional JSON column
 *   correlationId: meta.correlation.id   # a column, or a JSON path inside a JSON column
 *   causationId: meta.causation_id
 *   userId: user_name
 * </pre>
 */
public final class SqlMapping {

    /** A field's source: a column (with a JSON path inside it) or a constant. */
    record Source(String column, List<String> path, String constant) {

        boolean isConstant() {
            return constant != null;
        }
    }

    static final List<String> FIELDS = List.of(
            "eventId",
            "eventType",
            "aggregateType",
            "aggregateId",
            "streamVersion",
            "eventVersion",
            "timestamp",
            "payload",
            "metadata",
            "correlationId",
            "causationId",
            "userId");
    private static final Set<String> REQUIRED = Set.of("eventType", "aggregateType", "aggregateId", "payload");
    private static final Set<String> CONSTANT_ALLOWED = Set.of("eventType", "aggregateType", "eventVersion");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*");

    private final String file;
    private final String table;
    private final String query;
    private final String order;
    private final Map<String, Source> fields;
    private final Map<String, String> locations;

    private SqlMapping(
            String file,
            String table,
            String query,
            String order,
            Map<String, Source> fields,
            Map<String, String> locations) {
        this.file = file;
        this.table = table;
        this.query = query;
        this.order = order;
        this.fields = fields;
        this.locations = locations;
    }

    /**
     * Reads and checks a mapping file's text; {@code name} is how messages name it.
     *
     * @throws InvalidInputException listing every problem at its file:line:column
     */
    public static SqlMapping parse(String name, String text) {
        YamlDocument doc = YamlDocument.parse(name, text, "the mapping");
        YamlNode root = doc.root();
        List<String> problems = new ArrayList<>();
        Map<String, String> locations = new LinkedHashMap<>();
        if (!root.isObject()) {
            problems.add(root.at() + ": the mapping must be a YAML mapping (table or query, order, fields), got "
                    + root.kind());
            throw invalid(name, problems);
        }
        for (var e : root.fields()) {
            if (!List.of("table", "query", "order", "fields").contains(e.getKey())) {
                problems.add(e.getValue().at() + ": unknown key '" + e.getKey()
                        + "' (a mapping has table or query, order, fields)");
            }
        }
        String table = text(root.get("table"), problems);
        String query = text(root.get("query"), problems);
        if (table == null && query == null && root.get("table") == null && root.get("query") == null) {
            problems.add(root.at() + ": the mapping needs 'table' (a table name) or 'query' (a SELECT)");
        } else if (root.get("table") != null && root.get("query") != null) {
            problems.add(root.get("query").at() + ": give 'table' or 'query', not both");
        }
        if (table != null && !TABLE.matcher(table).matches()) {
            problems.add(root.get("table").at() + ": '" + table + "' is not a table name (schema.table, letters,"
                    + " digits and _)");
        }
        if (query != null) {
            String q = query.strip().toLowerCase(Locale.ROOT);
            if (!(q.startsWith("select") || q.startsWith("with")) || query.contains(";")) {
                problems.add(root.get("query").at() + ": the query must be one SELECT (or WITH … SELECT), without ';'");
            }
        }
        String order = text(root.get("order"), problems);
        if (root.get("order") == null) {
            problems.add(root.at() + ": the mapping needs 'order': the increasing integer column that orders the"
                    + " events");
        } else if (order != null && !IDENTIFIER.matcher(order).matches()) {
            problems.add(root.get("order").at() + ": '" + order + "' is not a column name");
        }
        if (order != null) {
            locations.put("order", root.get("order").at());
        }
        Map<String, Source> fields = new LinkedHashMap<>();
        YamlNode fieldsNode = root.get("fields");
        if (fieldsNode == null || !fieldsNode.isObject()) {
            problems.add((fieldsNode == null ? root : fieldsNode).at()
                    + ": the mapping needs 'fields': a mapping from our event's fields to columns");
        } else {
            for (var e : fieldsNode.fields()) {
                String field = e.getKey();
                YamlNode value = e.getValue();
                if (!FIELDS.contains(field)) {
                    problems.add(
                            value.at() + ": unknown field '" + field + "' (one of " + String.join(", ", FIELDS) + ")");
                    continue;
                }
                Source source = source(field, value, problems);
                if (source != null) {
                    fields.put(field, source);
                    locations.put(field, value.at());
                }
            }
            for (String required : FIELDS) {
                if (REQUIRED.contains(required) && fieldsNode.get(required) == null) {
                    problems.add(fieldsNode.at() + ": fields needs '" + required + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(name, problems);
        }
        return new SqlMapping(name, table, query, order, fields, locations);
    }

    private static Source source(String field, YamlNode value, List<String> problems) {
        JsonNode json = value.json();
        if (json.isObject()) {
            JsonNode constant = json.get("value");
            if (json.size() != 1 || constant == null || !constant.isValueNode() || constant.isNull()) {
                problems.add(value.at() + ": " + field + " must be a column name or {value: CONSTANT}");
                return null;
            }
            if (!CONSTANT_ALLOWED.contains(field)) {
                problems.add(value.at() + ": " + field + " cannot be a constant (only "
                        + String.join(", ", new java.util.TreeSet<>(CONSTANT_ALLOWED)) + " can)");
                return null;
            }
            return new Source(null, List.of(), constant.asText());
        }
        if (!json.isTextual()) {
            problems.add(
                    value.at() + ": " + field + " must be a column name or {value: CONSTANT}, got " + value.kind());
            return null;
        }
        String[] parts = json.textValue().split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || (i == 0 && !IDENTIFIER.matcher(parts[i]).matches())) {
                problems.add(value.at() + ": '" + json.textValue() + "' is not a column (or column.json.path)");
                return null;
            }
        }
        return new Source(parts[0], List.of(parts).subList(1, parts.length), null);
    }

    private static String text(YamlNode node, List<String> problems) {
        if (node == null) {
            return null;
        }
        if (!node.json().isTextual() || node.json().textValue().isBlank()) {
            problems.add(node.at() + ": '" + node.path() + "' must be a non-empty string, got " + node.kind());
            return null;
        }
        return node.json().textValue();
    }

    private static InvalidInputException invalid(String name, List<String> problems) {
        return new InvalidInputException(
                "the mapping " + name + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                        + "; nothing was read",
                problems,
                "see README, 'Importing from other event stores', for the mapping file's keys");
    }

    String file() {
        return file;
    }

    String table() {
        return table;
    }

    String query() {
        return query;
    }

    String order() {
        return order;
    }

    Map<String, Source> fields() {
        return fields;
    }

    /** Where in the file a field (or {@code order}) was given, for layout messages. */
    String locationOf(String field) {
        return locations.getOrDefault(field, file);
    }

    /** The reader of this mapping's table. */
    public SourceReader reader(Dialect dialect) {
        return reader(dialect, null);
    }

    /** The reader of this mapping's table, in a source named {@code name} (null: unnamed). */
    public SourceReader reader(Dialect dialect, String name) {
        return new SqlTableReader(new SourceOptions(SourceKind.SQL, dialect, null, null, name), this);
    }
}
