package dev.eventscope.store.sqlite;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.store.QueryResult;
import dev.eventscope.store.ReadModelQuery;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sql.SelectGuard;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * {@code evs query}: user SQL on a connection of its own, opened read-only and with
 * {@code PRAGMA query_only}, after {@link SelectGuard} has checked it is one SELECT. In WAL mode
 * it reads the last committed state, so a read model being rebuilt or written is never seen
 * half-done.
 */
final class SqliteReadOnlyQuery implements ReadModelQuery, AutoCloseable {

    private static final Pattern NO_SUCH_TABLE = Pattern.compile("no such table: (\\S+)");
    private static final Pattern DRIVER_WRAPPING = Pattern.compile("[^(]*\\((.*)\\)", Pattern.DOTALL);
    private static final int SQLITE_ERROR = 1;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_AUTH = 23;

    private final Path file;
    private Connection connection;

    SqliteReadOnlyQuery(Path file) {
        this.file = file;
    }

    @Override
    public QueryResult query(String sql) {
        SelectGuard.check(sql);
        Connection c = connection();
        PreparedStatement st;
        ResultSet rs;
        List<String> columns = new ArrayList<>();
        try {
            st = c.prepareStatement(sql);
        } catch (SQLException e) {
            throw refused(e);
        }
        try {
            rs = st.executeQuery();
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
        } catch (SQLException e) {
            closeQuietly(st);
            throw refused(e);
        }
        int width = columns.size();
        Stream<List<Object>> rows = SqlStreams.fromResultSet(rs, file, "running the query", r -> {
            List<Object> row = new ArrayList<>(width);
            for (int i = 1; i <= width; i++) {
                Object v = r.getObject(i);
                row.add(v instanceof Integer n ? Long.valueOf(n) : v instanceof Float f ? Double.valueOf(f) : v);
            }
            return row;
        });
        return new QueryResult(columns, rows.onClose(() -> closeQuietly(st)));
    }

    private RuntimeException refused(SQLException e) {
        int code = e instanceof SQLiteException se ? se.getResultCode().code & 0xff : e.getErrorCode() & 0xff;
        // the driver wraps SQLite's own message: "[SQLITE_ERROR] SQL error or missing database (no such column: x)"
        String message = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "");
        Matcher inner = DRIVER_WRAPPING.matcher(message);
        if (inner.matches()) {
            message = inner.group(1);
        }
        if (code == SQLITE_READONLY || code == SQLITE_AUTH) {
            return new UsageException("the query tried to write: " + message, "evs query only reads");
        }
        if (code == SQLITE_ERROR) {
            Matcher m = NO_SUCH_TABLE.matcher(message);
            if (m.find()) {
                String table = m.group(1).replaceAll("[)\"`\\]]+$", "");
                String hint = table.startsWith("rm_")
                        ? "run 'evs process " + table.substring(3) + "' to build the read model first"
                        : "read models are tables named rm_<projection>; the events table is 'events'";
                return new NotFoundException("no table " + table + " in " + file, hint);
            }
            return new InvalidInputException("the query does not run: " + message, "check the SQL");
        }
        return SqlErrors.translate(e, "running the query", file);
    }

    private Connection connection() {
        if (connection == null) {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout((int) StoreOptions.DEFAULT_BUSY_TIMEOUT.toMillis());
            try {
                Connection c = config.createConnection(SqliteUrl.of(file));
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA query_only = 1");
                }
                connection = c;
            } catch (SQLException e) {
                throw SqlErrors.translate(e, "opening the store for a query", file);
            }
        }
        return connection;
    }

    private static void closeQuietly(Statement st) {
        try {
            st.close();
        } catch (SQLException ignored) {
            // the result was read or abandoned; nothing to recover
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            StoreFile.closeQuietly(connection);
            connection = null;
        }
    }
}
