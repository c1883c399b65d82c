package dev.eventscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Other stores' PostgreSQL fixtures ({@code src/test/fixtures}, {@code pg_dump} 15 output) loaded
 * into a fresh database of the test server ({@link TestPostgres}, PostgreSQL 14), and what the
 * import tests check on them: a fingerprint of everything the database holds, and the locks and
 * sessions left in it.
 *
 * <p>What PostgreSQL 14 cannot read in a {@code pg_dump} 15 file is adapted here, and only here
 * (ADR 0165): {@code SET} lines of settings 14 does not know are left out (none in the committed
 * dumps today; the list is checked, so a refreshed dump that adds one fails with its name rather
 * than silently). The Emmett dump's rows carry the transaction ids of the server that wrote them
 * (about 750-760); Emmett's reading rule only shows rows whose transaction is older than every
 * running one, so the loader advances this server's transaction counter past the highest id in
 * the dump.
 */
public final class SourceDatabases {

    /** Settings {@code pg_dump} 15 and later write that PostgreSQL 14 does not know. */
    static final List<String> NEWER_SETTINGS = List.of("transaction_timeout");

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private SourceDatabases() {}

    /** A new, empty UTF-8 database on {@code pg}; returns its name. */
    public static String create(TestPostgres pg) {
        String name = "src_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        pg.execute(
                "postgres",
                "CREATE DATABASE " + name + " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        return name;
    }

    /** Runs the dump {@code file} in {@code database}, adapted for PostgreSQL 14 as the class says. */
    public static void load(TestPostgres pg, String database, Path file) {
        String sql;
        try {
            sql = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder adapted = new StringBuilder(sql.length());
        for (String line : sql.split("\n", -1)) {
            if (NEWER_SETTINGS.stream().anyMatch(s -> line.startsWith("SET " + s + " "))) {
                continue;
            }
            adapted.append(line).append('\n');
        }
        try (Connection c = pg.admin(database);
                Statement st = c.createStatement()) {
            st.execute(adapted.toString());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load " + file + " into PostgreSQL 14: " + e.getMessage(), e);
        }
    }

    /**
     * Advances the server's transaction ids past {@code xid}: each autocommit statement that asks
     * for its id uses one.
     */
    public static void advanceTransactionIdsPast(TestPostgres pg, String database, long xid) {
        try (Connection c = pg.admin(database);
                Statement st = c.createStatement()) {
            while (true) {
                try (ResultSet rs = st.executeQuery("SELECT pg_current_xact_id()::text::bigint")) {
                    rs.next();
                    if (rs.getLong(1) > xid + 1) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of {@code sql} in {@code database}, as text. */
    public static List<String> column(TestPostgres pg, String database, String sql) {
        try (Connection c = pg.admin(database);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Every row of {@code sql} in {@code database}, each as its columns' text. */
    public static List<List<String>> rows(TestPostgres pg, String database, String sql) {
        try (Connection c = pg.admin(database);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Everything {@code database} holds outside the system schemas, as text to compare before and
     * after: each relation with its kind, each table's rows (sorted), each sequence's value, each
     * function, and the prepared transactions.
     */
    public static String fingerprint(TestPostgres pg, String database) {
        StringBuilder out = new StringBuilder();
        List<List<String>> relations = rows(
                pg,
                database,
                "SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
                        + " AND n.nspname NOT LIKE 'pg_temp%' ORDER BY 1, 2");
        for (List<String> r : relations) {
            String name = "\"" + r.get(0) + "\".\"" + r.get(1) + "\"";
            out.append(r).append('\n');
            if (r.get(2).equals("r")) {
                out.append(column(
                                pg,
                                database,
                                "SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) || ' '"
                                        + " || count(*) FROM " + name + " t")
                        .get(0));
            } else if (r.get(2).equals("S")) {
                out.append(rows(pg, database, "SELECT last_value, is_called FROM " + name));
            }
            out.append('\n');
        }
        out.append(column(
                pg,
                database,
                "SELECT string_agg(p.oid::regprocedure::text || md5(p.prosrc), ',' ORDER BY 1) FROM pg_proc p"
                        + " JOIN pg_namespace n ON n.oid = p.pronamespace"
                        + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"));
        out.append(column(pg, database, "SELECT count(*) FROM pg_prepared_xacts"));
        return out.toString();
    }

    /**
     * The locks held in {@code database} by any session but the asking one, and Eventscope's
     * sessions connected to it (application name {@code eventscope}; the tests' own connections
     * may take a moment to end on the server): after an import ends, there must be none.
     */
    public static List<String> locksAndSessions(TestPostgres pg, String database) {
        List<String> out = new ArrayList<>(column(
                pg,
                database,
                "SELECT l.locktype || ' ' || l.mode || ' by ' || l.pid FROM pg_locks l"
                        + " JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database()"
                        + " AND l.pid <> pg_backend_pid()"));
        out.addAll(column(
                pg,
                database,
                "SELECT 'session ' || pid || ' ' || coalesce(application_name, '') || ' ' || coalesce(state, '')"
                        + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND application_name = 'eventscope'"));
        return out;
    }
}
