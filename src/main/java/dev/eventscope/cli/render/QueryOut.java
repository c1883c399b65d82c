package dev.eventscope.cli.render;

import dev.eventscope.store.QueryResult;
import java.io.PrintWriter;
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
            case JSON:
                try (JsonOut.Array array = JsonOut.array(out)) {
                    while (rows.hasNext()) {
                        array.add(result.json(rows.next()));
                        n++;
                    }
                }
                out.flush();
                return n;
            default:
                while (rows.hasNext()) {
                    JsonOut.line(out, result.json(rows.next()));
                    n++;
                }
                out.flush();
                return n;
        }
    }

    private static String text(Object v) {
        return QueryResult.text(v);
    }
}
