package dev.eventscope.store.postgres;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.postgres.PgConnect;
import dev.eventscope.store.QueryResult;
import dev.eventscope.store.ReadModelQuery;
import dev.eventscope.store.sql.SelectGuard;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@code evs query} on PostgreSQL: the statement check, then the query in a READ ONLY transaction
 * with a statement timeout, on a reader connection of its own (a consistent snapshot; a read model
 * being rebuilt is never seen half-done). Values come back as the port's kinds: whole numbers as
 * Long, other numbers as Double, booleans as 1 or 0 (as in SQLite), everything else as text.
 */
final class PgReadOnlyQuery implements ReadModelQuery, AutoCloseable {

    /** How long one query may run before the server cancels it. */
    static final int STATEMENT_TIMEOUT_MS = 60_000;

    private static final Pattern RELATION = Pattern.compile("\"([^\"]+)\"");

    private final PgEventStore store;

    PgReadOnlyQuery(PgEventStore store) {
        this.store = store;
    }

    @Override
    public QueryResult query(String sql) {
        SelectGuard.check(sql);
        Connection c = store.readers().borrow();
        PreparedStatement st = null;
        ResultSet rs;
        List<String> columns = new ArrayList<>();
        int[] kinds;
        try {
            try (Statement set = c.createStatement()) {
                set.execute("SET LOCAL statement_timeout = " + STATEMENT_TIMEOUT_MS);
            }
            st = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            st.setFetchSize(PgStreams.FETCH_SIZE);
            rs = st.executeQuery();
            ResultSetMetaData meta = rs.getMetaData();
            kinds = new int[meta.getColumnCount()];
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
                kinds[i - 1] = meta.getColumnType(i);
            }
        } catch (SQLException e) {
            PgStreams.closeQuietly(st);
            store.readers().giveBack(c, false);
            throw refused(e);
        }
        PreparedStatement statement = st;
        boolean[] failed = {false};
        var rows = PgStreams.rows(rs, store.pg(), "running the query", r -> row(r, kinds), failed);
        Stream<List<Object>> stream = StreamSupport.stream(
                        java.util.Spliterators.spliteratorUnknownSize(rows, java.util.Spliterator.ORDERED), false)
                .onClose(() -> {
                    PgStreams.closeQuietly(statement);
                    store.readers().giveBack(c, !failed[0]);
                });
        return new QueryResult(columns, stream);
    }

    private static List<Object> row(ResultSet r, int[] kinds) throws SQLException {
        List<Object> row = new ArrayList<>(kinds.length);
        for (int i = 1; i <= kinds.length; i++) {
            row.add(value(r, i, kinds[i - 1]));
        }
        return row;
    }

    private static Object value(ResultSet r, int column, int kind) throws SQLException {
        switch (kind) {
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT: {
                long v = r.getLong(column);
                return r.wasNull() ? null : v;
            }
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE: {
                double v = r.getDouble(column);
                return r.wasNull() ? null : v;
            }
            case Types.NUMERIC:
            case Types.DECIMAL: {
                BigDecimal v = r.getBigDecimal(column);
                if (v == null) {
                    return null;
                }
                if (v.scale() <= 0) {
                    try {
                        return v.longValueExact();
                    } catch (ArithmeticException tooLarge) {
                        return v.doubleValue();
                    }
                }
                return v.doubleValue();
            }
            case Types.BIT:
            case Types.BOOLEAN: {
                boolean v = r.getBoolean(column);
                return r.wasNull() ? null : (v ? 1L : 0L);
            }
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
                return r.getBytes(column);
            default:
                return r.getString(column);
        }
    }

    private RuntimeException refused(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = PgConnect.firstLine(e.getMessage()).replaceFirst("^ERROR:\\s*", "");
        if (state.equals(PgErrors.READ_ONLY_TRANSACTION) || state.equals(PgErrors.INSUFFICIENT_PRIVILEGE)) {
            return new UsageException(
                    "the query tried to write or was not allowed: " + message, "evs query only reads");
        }
        if (state.equals(PgErrors.UNDEFINED_TABLE)) {
            Matcher m = RELATION.matcher(message);
            String table = m.find() ? m.group(1) : "";
            if (table.contains(".")) {
                table = table.substring(table.lastIndexOf('.') + 1);
            }
            String hint = table.startsWith("rm_")
                    ? "run 'evs process " + table.substring(3) + "' to build the read model first"
                    : "read models are tables named rm_<projection>; the events table is 'events'";
            return new NotFoundException("no table " + table + " in " + store.pg(), hint);
        }
        if (state.equals(PgErrors.QUERY_CANCELED)) {
            return new InvalidInputException(
                    "the query ran longer than " + STATEMENT_TIMEOUT_MS / 1000 + " s and was cancelled",
                    "narrow it (WHERE, LIMIT), or query a read model built for the question");
        }
        if (state.startsWith("42") || state.startsWith("22") || state.startsWith("0A")) {
            return new InvalidInputException("the query does not run: " + message, "check the SQL");
        }
        if (PgErrors.isConnectionLost(e)) {
            store.connectionLost();
        }
        return PgErrors.translate(e, "running the query", store.pg());
    }

    @Override
    public void close() {
        // the reader connections belong to the store, which closes them
    }
}
