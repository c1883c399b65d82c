package dev.eventscope.e2e;

import dev.eventscope.store.StoreLocator;
import dev.eventscope.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The two backends an end-to-end test runs on (issue 18: the same commands, answers and exit codes
 * on both): where a new store goes, and what a test does to the store from outside the tool
 * (plain SQL over the events table, holding the write lock as a third writer would).
 */
enum Backend {
    SQLITE,
    POSTGRESQL;

    /**
     * A new store's place, nothing created yet: the file {@code name} in {@code dir} (its {@code
     * --db} relative to {@code dir}, where {@link Evs#in} runs), or a new schema of the tests'
     * PostgreSQL server.
     */
    Store newStore(Path dir, String name) {
        if (this == SQLITE) {
            return new Store(this, dir.resolve(name), name, null);
        }
        String schema = TestPostgres.newSchema();
        return new Store(this, null, TestPostgres.shared().url(schema), schema);
    }

    /** One store of a test: its {@code --db} value and access from outside the tool. */
    record Store(Backend backend, Path file, String db, String schema) {

        StoreLocator locator() {
            return file != null
                    ? StoreLocator.file(file)
                    : TestPostgres.shared().locator(schema);
        }

        /**
         * The first column of every row of {@code sql}, as text. The SQL is SQLite's; on PostgreSQL
         * {@code json_extract(COLUMN, '$.FIELD')} reads the same field of the JSON text.
         */
        List<String> column(String sql) {
            try (Connection c = connect();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(file != null ? sql : postgres(sql))) {
                List<String> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                return values;
            } catch (SQLException e) {
                throw new AssertionError("cannot query " + db + ": " + e.getMessage(), e);
            }
        }

        /**
         * Takes the store's write lock until closed, as another writer in the middle of an append
         * would: SQLite's {@code BEGIN IMMEDIATE}, PostgreSQL's head row {@code FOR UPDATE}.
         */
        AutoCloseable holdWriteLock() throws SQLException {
            Connection c = connect();
            try (Statement st = c.createStatement()) {
                if (file != null) {
                    st.execute("BEGIN IMMEDIATE");
                } else {
                    c.setAutoCommit(false);
                    st.executeQuery("SELECT position FROM head FOR UPDATE").close();
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return () -> {
                try (c;
                        Statement st = c.createStatement()) {
                    if (file != null) {
                        st.execute("ROLLBACK");
                    } else {
                        c.rollback();
                    }
                }
            };
        }

        private Connection connect() throws SQLException {
            if (file != null) {
                return Fixtures.jdbc(file);
            }
            Connection c = TestPostgres.shared().admin(TestPostgres.DATABASE);
            try (Statement st = c.createStatement()) {
                st.execute("SET search_path TO " + schema);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        }

        private static String postgres(String sql) {
            return sql.replaceAll("json_extract\\((\\w+), '\\$\\.(\\w+)'\\)", "($1::json ->> '$2')");
        }
    }
}
