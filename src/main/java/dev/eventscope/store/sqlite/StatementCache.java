package dev.eventscope.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Prepared statements kept for reuse on one connection, by their SQL text. */
final class StatementCache implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement st = statements.get(sql);
        if (st == null) {
            st = connection.prepareStatement(sql);
            statements.put(sql, st);
        }
        return st;
    }

    /** Forgets every statement (after a schema change they may name tables that are gone). */
    void clear() {
        close();
    }

    @Override
    public void close() {
        for (PreparedStatement st : statements.values()) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // closing a statement of a connection that is closing too; nothing to recover
            }
        }
        statements.clear();
    }
}
