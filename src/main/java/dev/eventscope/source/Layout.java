package dev.eventscope.source;

import dev.eventscope.error.InvalidInputException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a source database holds: its tables' columns, looked up through JDBC's metadata. */
final class Layout {

    private Layout() {}

    /**
     * The columns of {@code table} in {@code schema} (null: any), lower-case name → database type
     * name, empty when there is no such table.
     */
    static Map<String, String> columns(Connection c, String schema, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(null, schema, table, null)) {
            while (rs.next()) {
                out.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getString("TYPE_NAME"));
            }
        }
        return out;
    }

    /**
     * The columns of the first of {@code candidates} that exists.
     *
     * @throws InvalidInputException when none does, or when it lacks one of {@code required}
     */
    static Map.Entry<String, Map<String, String>> require(
            Connection c, SourceKind kind, String schema, List<String> candidates, List<String> required)
            throws SQLException {
        for (String table : candidates) {
            Map<String, String> columns = columns(c, schema, table);
            if (columns.isEmpty()) {
                continue;
            }
            List<String> missing =
                    required.stream().filter(col -> !columns.containsKey(col)).toList();
            if (!missing.isEmpty()) {
                throw new InvalidInputException(
                        "the source's table " + qualified(schema, table) + " is not a " + kind.cliName()
                                + " table: it lacks the column" + (missing.size() == 1 ? " " : "s ")
                                + String.join(", ", missing),
                        "check --from and the table options; " + kind.cliName() + " expects " + qualified(schema, table)
                                + "(" + String.join(", ", required) + ")");
            }
            return Map.entry(table, columns);
        }
        throw new InvalidInputException(
                "the source has no " + kind.cliName() + " table: expected "
                        + String.join(
                                " or ",
                                candidates.stream()
                                        .map(t -> qualified(schema, t))
                                        .toList()),
                "check --from, --schema and --table; the source must hold " + kind.cliName() + "'s own tables");
    }

    static String qualified(String schema, String table) {
        return schema == null ? table : schema + "." + table;
    }

    /** {@code name} quoted as an SQL identifier. */
    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code schema.table} quoted, or only the table without a schema. */
    static String quote(String schema, String table) {
        return schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }
}
