package dev.eventscope.store.sqlite;

import dev.eventscope.store.ReadModelTable;
import dev.eventscope.store.ReadModels;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-model tables ({@code rm_*}). Names are checked against {@code [a-z][a-z0-9_]*} and quoted
 * before they go into SQL; every value is bound.
 */
final class SqliteReadModels implements ReadModels, AutoCloseable {

    private final Connection connection;
    private final Path file;
    private final StatementCache statements;

    SqliteReadModels(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
        this.statements = new StatementCache(connection);
    }

    /** {@code name} double-quoted, after checking it is a plain identifier (it cannot be bound). */
    static String quote(String name) {
        if (!ReadModelTable.isIdentifier(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a plain identifier");
        }
        return "\"" + name + "\"";
    }

    @Override
    public Optional<String> layout(String name) {
        String table = quote(name);
        List<String> parts = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                parts.add(rs.getString("name") + " " + rs.getString("type")
                        + (rs.getInt("pk") > 0 ? " PRIMARY KEY" : ""));
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the columns of " + name, file);
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    @Override
    public void create(ReadModelTable table) {
        StringBuilder sql =
                new StringBuilder("CREATE TABLE ").append(quote(table.name())).append(" (");
        List<String> columns = new ArrayList<>();
        for (ReadModelTable.Column c : table.columns()) {
            columns.add(
                    quote(c.name()) + " " + c.type() + (c.name().equals(table.key()) ? " NOT NULL PRIMARY KEY" : ""));
        }
        sql.append(String.join(", ", columns)).append(')');
        execute(sql.toString(), "creating " + table.name());
    }

    @Override
    public void drop(String name) {
        execute("DROP TABLE IF EXISTS " + quote(name), "dropping " + name);
    }

    @Override
    public void replace(String source, String target) {
        execute("DROP TABLE IF EXISTS " + quote(target), "replacing " + target);
        execute("ALTER TABLE " + quote(source) + " RENAME TO " + quote(target), "replacing " + target);
    }

    private void execute(String sql, String doing) {
        // statements prepared against the old schema may name a table that is gone
        statements.clear();
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, doing, file);
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
        StringBuilder sql =
                new StringBuilder("INSERT INTO ").append(quote(table.name())).append(" (");
        List<String> quoted = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (String n : names) {
            quoted.add(quote(n));
            if (!n.equals(table.key())) {
                sets.add(quote(n) + " = excluded." + quote(n));
            }
        }
        sql.append(String.join(", ", quoted)).append(") VALUES (");
        sql.append(String.join(", ", java.util.Collections.nCopies(names.size(), "?")))
                .append(')');
        sql.append(" ON CONFLICT (").append(quote(table.key())).append(')');
        sql.append(sets.isEmpty() ? " DO NOTHING" : " DO UPDATE SET " + String.join(", ", sets));
        try {
            PreparedStatement st = statements.get(sql.toString());
            for (int i = 0; i < values.size(); i++) {
                bind(st, i + 1, values.get(i));
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "writing a row of " + table.name(), file);
        }
    }

    @Override
    public void delete(ReadModelTable table, Object key) {
        try {
            PreparedStatement st =
                    statements.get("DELETE FROM " + quote(table.name()) + " WHERE " + quote(table.key()) + " = ?");
            bind(st, 1, key);
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "deleting a row of " + table.name(), file);
        }
    }

    @Override
    public long count(String name) {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quote(name))) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "counting the rows of " + name, file);
        }
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

    @Override
    public void close() {
        statements.close();
    }
}
