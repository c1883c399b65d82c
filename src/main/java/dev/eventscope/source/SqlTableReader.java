package dev.eventscope.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Json;
import dev.eventscope.event.StreamId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A home-grown events table read through an {@link SqlMapping}. */
final class SqlTableReader extends TableReader {

    private final SqlMapping mapping;
    private String from;
    private final Set<String> columns = new LinkedHashSet<>();

    SqlTableReader(SourceOptions options, SqlMapping mapping) {
        super(options);
        this.mapping = mapping;
    }

    @Override
    public void checkLayout(Connection c) throws SQLException {
        from = mapping.table() != null ? quoteTable(mapping.table()) : "(" + mapping.query() + ") src";
        Set<String> present = new java.util.HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + from + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                present.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new InvalidInputException(
                    "the source cannot run the mapping's " + (mapping.table() != null ? "table" : "query") + ": "
                            + e.getMessage(),
                    List.of(mapping.file() + ": " + (mapping.table() != null ? mapping.table() : "query")),
                    "check the table name or the query in " + mapping.file());
        }
        List<String> problems = new ArrayList<>();
        columns.add(mapping.order());
        if (!present.contains(mapping.order().toLowerCase(Locale.ROOT))) {
            problems.add(mapping.locationOf("order") + ": the source has no column '" + mapping.order() + "'");
        }
        for (var e : mapping.fields().entrySet()) {
            SqlMapping.Source source = e.getValue();
            if (source.isConstant()) {
                continue;
            }
            columns.add(source.column());
            if (!present.contains(source.column().toLowerCase(Locale.ROOT))) {
                problems.add(mapping.locationOf(e.getKey()) + ": the source has no column '" + source.column() + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(
                    "the mapping " + mapping.file() + " names columns the source does not have; nothing was read",
                    problems,
                    "the source has: " + String.join(", ", new java.util.TreeSet<>(present)));
        }
        // a row without a position is never read (WHERE order > ?, from 0): refuse rather than leave it out
        String order = Layout.quote(mapping.order());
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + order + " FROM " + from + " WHERE " + order + " IS NULL OR "
                        + order + " < 1 LIMIT 1")) {
            if (rs.next()) {
                Object value = rs.getObject(1);
                throw notAPosition(value == null ? "null" : printable(String.valueOf(value)));
            }
        }
    }

    private InvalidInputException notAPosition(String value) {
        return new InvalidInputException(
                "the order column '" + mapping.order() + "' holds " + value + ", not a positive integer",
                List.of(mapping.locationOf("order") + ": order: " + mapping.order()),
                "order must name an increasing integer column without nulls, such as an identity or sequence column;"
                        + " nothing was written");
    }

    private static String quoteTable(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? Layout.quote(table) : Layout.quote(table.substring(0, dot), table.substring(dot + 1));
    }

    @Override
    String selectSql() {
        StringBuilder select = new StringBuilder("SELECT ");
        boolean first = true;
        for (String column : columns) {
            select.append(first ? "" : ", ").append(Layout.quote(column));
            first = false;
        }
        String order = Layout.quote(mapping.order());
        return select.append(" FROM ")
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
        Object value = rs.getObject(mapping.order());
        long p;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            p = ((Number) value).longValue();
        } else if (value instanceof java.math.BigInteger i && i.bitLength() < 64) {
            p = i.longValue();
        } else if (value instanceof java.math.BigDecimal d
                && d.signum() != 0
                && d.stripTrailingZeros().scale() <= 0
                && d.toBigInteger().bitLength() < 64) {
            p = d.longValue();
        } else {
            // text, a fraction or a number too large would be read again or skipped by the next page
            throw notAPosition(value == null ? "null" : printable(String.valueOf(value)));
        }
        if (p < 1) {
            throw notAPosition(Long.toString(p));
        }
        return SourcePosition.of(p);
    }

    @Override
    void map(ResultSet rs, SourceEventBuilder b) throws SQLException {
        Set<Loss> ignored = EnumSet.noneOf(Loss.class);
        String aggregateType = text(rs, "aggregateType");
        String aggregateId = text(rs, "aggregateId");
        String version = text(rs, "streamVersion");
        if (version == null) {
            version = rs.getString(mapping.order());
        }
        ObjectNode metadata = mapping.fields().containsKey("metadata")
                ? json(rs, mapping.fields().get("metadata"), ignored)
                : Json.object();
        b.id(text(rs, "eventId"), ids, aggregateType + "/" + aggregateId, version).type(text(rs, "eventType")).stream(
                        new StreamId(aggregateType, aggregateId))
                .version(text(rs, "eventVersion"), "eventVersion")
                .payload(json(rs, mapping.fields().get("payload"), b.losses()))
                .metadata(metadata)
                .correlation(text(rs, "correlationId"))
                .causation(text(rs, "causationId"))
                .user(text(rs, "userId"));
        if (mapping.fields().containsKey("timestamp")) {
            SqlMapping.Source t = mapping.fields().get("timestamp");
            b.timestamp(t.path().isEmpty() ? SourceValues.time(rs, t.column()) : parse(text(rs, "timestamp")));
        }
    }

    private static java.time.Instant parse(String text) {
        return text == null ? null : SourceValues.parseTime(text);
    }

    /** A field's value as text: a constant, a column, or a value at a JSON path in a column. */
    private String text(ResultSet rs, String field) throws SQLException {
        SqlMapping.Source source = mapping.fields().get(field);
        if (source == null) {
            return null;
        }
        if (source.isConstant()) {
            return source.constant();
        }
        if (source.path().isEmpty()) {
            return rs.getString(source.column());
        }
        JsonNode node = json(rs, new SqlMapping.Source(source.column(), List.of(), null), EnumSet.noneOf(Loss.class));
        for (String key : source.path()) {
            node = node == null ? null : node.get(key);
        }
        return SourceEventBuilder.text(node);
    }

    private static ObjectNode json(ResultSet rs, SqlMapping.Source source, Set<Loss> losses) throws SQLException {
        ObjectNode whole = Payloads.fromBytes(bytes(rs, source.column()), false, MAX_TEXT_CHARS, losses);
        JsonNode node = whole;
        for (String key : source.path()) {
            node = node == null ? null : node.get(key);
        }
        return Payloads.asObject(node, losses);
    }
}
