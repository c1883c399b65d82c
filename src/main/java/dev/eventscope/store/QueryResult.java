package dev.eventscope.store;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The answer to a read-only SQL query: column names, and rows of values ({@code Long},
 * {@code Double}, {@code String}, {@code byte[]} or null) in the query's order. Close it.
 */
public record QueryResult(List<String> columns, Stream<List<Object>> rows) implements AutoCloseable {

    public QueryResult {
        columns = List.copyOf(columns);
    }

    @Override
    public void close() {
        rows.close();
    }

    /**
     * The public JSON shape of one row ({@code query -o json}): an object by column name; integers
     * as numbers, reals as the shortest decimal that reads back as them, blobs as base64.
     */
    public ObjectNode json(List<Object> row) {
        ObjectNode o = Json.object();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            Object v = row.get(i);
            if (v == null) {
                o.putNull(column);
            } else if (v instanceof Long l) {
                o.put(column, l);
            } else if (v instanceof Double d) {
                if (Double.isFinite(d)) {
                    o.set(column, DecimalNode.valueOf(real(d)));
                } else {
                    o.put(column, d.toString());
                }
            } else if (v instanceof byte[] b) {
                o.put(column, Base64.getEncoder().encodeToString(b));
            } else {
                o.put(column, v.toString());
            }
        }
        return o;
    }

    /** One value as text (tables, CSV), written as {@link #json} writes it. */
    public static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? real(d).toPlainString() : d.toString();
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        return v.toString();
    }

    /** A double as the shortest decimal that reads back as it, with at least one fraction digit. */
    private static BigDecimal real(double d) {
        BigDecimal b = new BigDecimal(Double.toString(d));
        return b.scale() < 1 ? b.setScale(1) : b;
    }
}
