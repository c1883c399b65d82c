package dev.eventscope.cli.render;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.store.QueryResult;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/**
 * Rows of {@code evs query}: a table, JSON (an array of objects keyed by column), NDJSON or CSV.
 * Integers print as integers, reals with at least one fraction digit ({@code 3.0}), blobs as
 * base64, SQL NULL as JSON null (an empty cell in a table or CSV).
 */
public final class QueryOut {

    private QueryOut() {}

    /** Prints every row; returns how many. */
    public static long print(PrintWriter out, OutputFormat format, QueryResult result) {
        List<String> columns = result.columns();
        Iterator<List<Object>> rows = result.rows().iterator();
        long n = 0;
        switch (format) {
            case TABLE:
                try (Table t = new Table(out, columns.toArray(new String[0]), new int[columns.size()])) {
                    while (rows.hasNext()) {
                        t.row(rows.next().stream().map(QueryOut::text).toArray());
                        n++;
                    }
                }
                return n;
            case CSV:
                Csv.row(out, columns.toArray());
                while (rows.hasNext()) {
                    Csv.row(out, rows.next().stream().map(QueryOut::text).toArray());
                    n++;
                }
                return n;
            default:
                boolean array = format == OutputFormat.JSON;
                if (array) {
                    out.print("[");
                }
                while (rows.hasNext()) {
                    List<Object> row = rows.next();
                    ObjectNode o = Json.object();
                    for (int i = 0; i < columns.size(); i++) {
                        put(o, columns.get(i), row.get(i));
                    }
                    if (array) {
                        out.print(n == 0 ? "\n" : ",\n");
                        out.print(Json.write(o));
                    } else {
                        JsonOut.line(out, o);
                    }
                    n++;
                }
                if (array) {
                    out.print(n == 0 ? "]\n" : "\n]\n");
                }
                out.flush();
                return n;
        }
    }

    private static void put(ObjectNode o, String column, Object v) {
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

    private static String text(Object v) {
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
