package dev.eventscope.store.postgres;

import dev.eventscope.store.ReadModelTable;
import dev.eventscope.store.ReadModels;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-model tables ({@code rm_NAME}) in the store's schema. Table and column names are plain
 * identifiers ({@link ReadModelTable} admits nothing else) and are quoted besides; values are always
 * bound. Column types map TEXT to {@code text}, INTEGER to {@code bigint} and REAL to {@code double
 * precision}, and back when a table's layout is read.
 */
final class PgReadModels implements ReadModels {

    private final PgEventStore store;

    PgReadModels(PgEventStore store) {
        this.store = store;
    }

    static String sqlType(ReadModelTable.ColumnType type) {
        switch (type) {
            case TEXT:
                return "text COLLATE \"C\"";
            case INTEGER:
                return "bigint";
            case REAL:
            default:
                return "double precision";
        }
    }

    private static String columnType(String pgType) {
        switch (pgType) {
            case "text":
                return "TEXT";
            case "bigint":
                return "INTEGER";
            case "double precision":
                return "REAL";
            default:
                return pgType.toUpperCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public Optional<String> layout(String name) {
        PgSchema.quote(name);
        List<String> parts = PgStreams.list(
                store.connection(),
                store.pg(),
                "reading the columns of " + name,
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                        + " EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary"
                        + " AND a.attnum = ANY(i.indkey))"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                        + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind = 'r' ORDER BY a.attnum",
                st -> {
                    st.setString(1, store.pg().schema());
                    st.setString(2, name);
                },
                rs -> rs.getString(1) + " " + columnType(rs.getString(2)) + (rs.getBoolean(3) ? " PRIMARY KEY" : ""));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    @Override
    public void create(ReadModelTable table) {
        List<String> columns = new ArrayList<>();
        for (ReadModelTable.Column c : table.columns()) {
            columns.add(PgSchema.quote(c.name()) + " " + sqlType(c.type())
                    + (c.name().equals(table.key()) ? " NOT NULL PRIMARY KEY" : ""));
        }
        execute(
                "CREATE TABLE " + PgSchema.quote(table.name()) + " (" + String.join(", ", columns) + ")",
                "creating " + table.name());
    }

    @Override
    public void drop(String name) {
        execute("DROP TABLE IF EXISTS " + PgSchema.quote(name), "dropping " + name);
    }

    @Override
    public void replace(String source, String target) {
        execute("DROP TABLE IF EXISTS " + PgSchema.quote(target), "replacing " + target);
        execute(
                "ALTER TABLE " + PgSchema.quote(source) + " RENAME TO " + PgSchema.quote(target),
                "replacing " + target);
    }

    private void execute(String sql, String doing) {
        try (Statement st = store.connection().createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw PgProcessingFailures.failed(store, e, doing);
        }
    }

    @Override
    public void upsert(ReadModelTable table, Map<String, Object> row) {
        if (!row.containsKey(table.key()) || row.get(table.key()) == null) {
            throw new IllegalArgumentException("a row of " + table.name() + " needs its key " + table.key());
        }
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (ReadModelTable.Column c : table.columns()) {
            if (row.containsKey(c.name())) {
                names.add(c.name());
                values.add(row.get(c.name()));
            }
        }
        if (names.size() != row.size()) {
            throw new IllegalArgumentException("a row of " + table.name() + " names columns it does not have");
        }
        List<String> quoted = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (String n : names) {
            quoted.add(PgSchema.quote(n));
            if (!n.equals(table.key())) {
                sets.add(PgSchema.quote(n) + " = excluded." + PgSchema.quote(n));
            }
        }
        String sql = "INSERT INTO " + PgSchema.quote(table.name()) + " (" + String.join(", ", quoted) + ") VALUES ("
                + String.join(", ", Collections.nCopies(names.size(), "?")) + ") ON CONFLICT ("
                + PgSchema.quote(table.key()) + ")"
                + (sets.isEmpty() ? " DO NOTHING" : " DO UPDATE SET " + String.join(", ", sets));
        try (PreparedStatement st = store.connection().prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                bind(st, i + 1, values.get(i));
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw PgProcessingFailures.failed(store, e, "writing a row of " + table.name());
        }
    }

    @Override
    public void delete(ReadModelTable table, Object key) {
        try (PreparedStatement st = store.connection()
                .prepareStatement("DELETE FROM " + PgSchema.quote(table.name()) + " WHERE "
                        + PgSchema.quote(table.key()) + " = ?")) {
            bind(st, 1, key);
            st.executeUpdate();
        } catch (SQLException e) {
            throw PgProcessingFailures.failed(store, e, "deleting a row of " + table.name());
        }
    }

    @Override
    public long count(String name) {
        return PgStreams.list(
                        store.connection(),
                        store.pg(),
                        "counting the rows of " + name,
                        "SELECT count(*) FROM " + PgSchema.quote(name),
                        st -> {},
                        rs -> rs.getLong(1))
                .get(0);
    }

    private static void bind(PreparedStatement st, int index, Object value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.NULL);
        } else if (value instanceof Long l) {
            st.setLong(index, l);
        } else if (value instanceof Double d) {
            st.setDouble(index, d);
        } else if (value instanceof String s) {
            st.setString(index, s);
        } else {
            throw new IllegalArgumentException(
                    "a read-model value is a String, Long or Double, got " + value.getClass());
        }
    }
}
