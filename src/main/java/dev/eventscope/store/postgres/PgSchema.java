package dev.eventscope.store.postgres;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.Times;
import dev.eventscope.store.HashChain;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A store's schema in PostgreSQL: numbered SQL resources, one statement each, listed in order in
 * {@code migrations/index.txt}; the schema version (store_info {@code schema_version}) is the
 * number applied. Creating and upgrading run in one transaction under an advisory lock, so two
 * first writers never both create the store; readers never write anything (a role with only
 * SELECT rights can open a store).
 */
final class PgSchema {

    private static final String DIR = "migrations/";

    /** The statements' resource names, in order. */
    static final List<String> NAMES = names();

    /** What store_info says about every Eventscope store, to tell it from someone else's tables. */
    static final String APPLICATION = "eventscope";

    private PgSchema() {}

    static int latest() {
        return NAMES.size();
    }

    /** {@code name} as a quoted identifier; names are checked to be plain identifiers first. */
    static String quote(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("'" + name + "' is not a plain identifier");
        }
        return "\"" + name + "\"";
    }

    /** The statements applied, from {@code from} on, in the caller's transaction and search path. */
    static void apply(Connection c, int from) throws SQLException {
        apply(c, from, latest());
    }

    /** Statements {@code from+1 .. to} applied: the schema of version {@code to}. */
    private static void apply(Connection c, int from, int to) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (int i = from; i < to; i++) {
                st.execute(Statements.ALL.get(i));
            }
        }
        setInfo(c, "schema_version", Integer.toString(to));
    }

    static void setInfo(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO store_info (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            st.setString(1, key);
            st.setString(2, value);
            st.executeUpdate();
        }
    }

    /**
     * Points {@code c} at the store's schema and makes sure there is a store there at the latest
     * version: created for writers when missing, upgraded when older (unless read as is).
     */
    static void open(Connection c, StoreLocator.Postgres pg, StoreOptions.Access access) {
        open(c, pg, access, latest());
    }

    /**
     * {@link #open(Connection, StoreLocator.Postgres, StoreOptions.Access)} as an Eventscope that
     * knew only the first {@code target} statements would do it: creating or upgrading a store to
     * that version and no further. Only tests open older stores (to make the stores an older
     * release left behind, through the same statements); every command opens at {@link #latest()}.
     */
    static void open(Connection c, StoreLocator.Postgres pg, StoreOptions.Access access, int target) {
        if (target < 1 || target > latest()) {
            throw new IllegalArgumentException("no store schema " + target + " (1.." + latest() + ")");
        }
        try {
            try (Statement st = c.createStatement()) {
                st.execute("SET search_path TO " + quote(pg.schema()));
            }
            int version = version(c, pg);
            if (version == target) {
                return;
            }
            boolean write = access == StoreOptions.Access.WRITE;
            if (version == 0) {
                if (!write) {
                    throw new NotFoundException(
                            "no store at " + pg + " (schema " + pg.schema() + " holds none)",
                            "create one with 'evs init' or 'evs import FILE' on that URL, or check ?schema=");
                }
                create(c, pg, target);
                return;
            }
            if (version > latest()) {
                throw new StoreIoException(
                        "store " + pg + " has store schema " + version + ", newer than this Eventscope knows ("
                                + latest() + ")",
                        "use a newer Eventscope for this store");
            }
            if (version < target && access != StoreOptions.Access.READ_AS_IS) {
                upgrade(c, pg, target);
            }
        } catch (SQLException e) {
            throw PgErrors.translate(e, "opening the store", pg);
        }
    }

    /**
     * The schema version of the store in {@code pg}'s schema: 0 when there is none yet (no schema,
     * or an empty one).
     *
     * @throws InvalidInputException when the schema holds tables that are not an Eventscope store
     */
    static int version(Connection c, StoreLocator.Postgres pg) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT n.oid IS NOT NULL, (SELECT count(*) FROM pg_class k WHERE k.relnamespace = n.oid),"
                        + " EXISTS (SELECT 1 FROM pg_class k WHERE k.relnamespace = n.oid AND k.relname = 'store_info'),"
                        + " n.oid IS NULL OR has_schema_privilege(n.oid, 'USAGE')"
                        + " FROM (SELECT 1) x LEFT JOIN pg_namespace n ON n.nspname = ?")) {
            st.setString(1, pg.schema());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                boolean schema = rs.getBoolean(1);
                long objects = rs.getLong(2);
                boolean info = rs.getBoolean(3);
                if (!schema || (objects == 0)) {
                    return 0;
                }
                if (!rs.getBoolean(4)) {
                    throw PgErrors.privilege(pg, "opening the store", "no USAGE on the schema");
                }
                if (!info) {
                    throw foreign(pg);
                }
            }
        }
        String application = null;
        String version = null;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT key, value FROM " + quote(pg.schema())
                        + ".store_info WHERE key IN ('application', 'schema_version')")) {
            while (rs.next()) {
                if (rs.getString(1).equals("application")) {
                    application = rs.getString(2);
                } else {
                    version = rs.getString(2);
                }
            }
        }
        if (!APPLICATION.equals(application) || version == null || !version.matches("\\d{1,6}")) {
            throw foreign(pg);
        }
        return Integer.parseInt(version);
    }

    private static InvalidInputException foreign(StoreLocator.Postgres pg) {
        return new InvalidInputException(
                "schema " + pg.schema() + " of database " + pg.database() + " at " + pg.where()
                        + " holds tables but is not an Eventscope store",
                "pass another ?schema= in --db (a new name creates a store there)");
    }

    private static void create(Connection c, StoreLocator.Postgres pg, int target) throws SQLException {
        inTransaction(c, () -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(pg.schema()));
            }
            lock(c, pg);
            // another process may have created the store while this one waited for the lock
            int version = version(c, pg);
            if (version == 0) {
                apply(c, 0, target);
                setInfo(c, "application", APPLICATION);
                setInfo(c, "store_id", UUID.randomUUID().toString());
                setInfo(c, "created_at", Times.format(Times.nowMicros()));
                setInfo(c, "created_by", "eventscope " + version());
                setInfo(c, "hash_chain", HashChain.PREFIX);
            } else if (version < target) {
                apply(c, version, target);
            }
        });
    }

    private static void upgrade(Connection c, StoreLocator.Postgres pg, int target) throws SQLException {
        inTransaction(c, () -> {
            lock(c, pg);
            int version = version(c, pg);
            if (version < target) {
                apply(c, version, target);
            }
        });
    }

    /** Serialises creating and upgrading one schema across processes, until the transaction ends. */
    private static void lock(Connection c, StoreLocator.Postgres pg) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            st.setString(1, "eventscope:" + pg.schema());
            st.executeQuery().close();
        }
    }

    @FunctionalInterface
    interface SqlWork {
        void run() throws SQLException;
    }

    static void inTransaction(Connection c, SqlWork work) throws SQLException {
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is gone: nothing left to undo
        }
    }

    /** The tool's version as recorded in a new store. */
    static String version() {
        String v = PgSchema.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String name : read("index.txt").split("\n")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return List.copyOf(names);
    }

    /** The statements' texts, read when a store is created or upgraded (or its schema compared). */
    static final class Statements {
        static final List<String> ALL = NAMES.stream().map(PgSchema::read).toList();
    }

    private static String read(String name) {
        try (InputStream in = PgSchema.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
