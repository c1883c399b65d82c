package dev.eventscope.store.sqlite;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.Times;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/**
 * Opening a store file: creating it on first write, recognising it by its application id and
 * schema version, and upgrading an older schema.
 */
final class StoreFile {

    /** Page cache of every connection, in KiB. */
    static final int CACHE_KIB = 64 << 10;

    /** SQLite's default: a commit that leaves the WAL this long (in pages) checkpoints it. */
    static final int WAL_AUTOCHECKPOINT_PAGES = 1000;

    /** {@code PRAGMA application_id} of every Eventscope store: "EvSc" in ASCII. */
    static final int APPLICATION_ID = 0x45765363;

    private StoreFile() {}

    static Connection open(Path file, StoreOptions options) {
        return open(file, options, Migrations.latest());
    }

    /**
     * The store opened as an Eventscope that knew only the first {@code target} migrations would
     * open it: created or upgraded to that version and no further. Only tests open older stores
     * (to make the stores an older release left behind, through the same statements).
     */
    static Connection open(Path file, StoreOptions options, int target) {
        if (target < 1 || target > Migrations.latest()) {
            throw new IllegalArgumentException("no store schema " + target + " (1.." + Migrations.latest() + ")");
        }
        NativeLibrary.prepare();
        boolean write = options.access() == StoreOptions.Access.WRITE;
        if (Files.isDirectory(file)) {
            throw new StoreIoException(file + " is a directory, not a store file", "pass --db FILE");
        }
        if (!Files.exists(file)) {
            if (!write) {
                throw new NotFoundException(
                        "no store at " + file, "create one with 'evs init' or 'evs import FILE', or pass --db FILE");
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new NotFoundException(
                        "cannot create " + file + ": the directory " + parent + " does not exist",
                        "create the directory first, or pass another --db");
            }
        }
        Connection connection = connect(file, write, options);
        try {
            prepare(connection, file, write, options, target);
            return connection;
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqlErrors.translate(e, "opening the store", file);
        }
    }

    private static Connection connect(Path file, boolean write, StoreOptions options) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(
                (int) Math.min(Integer.MAX_VALUE, options.busyTimeout().toMillis()));
        config.setReadOnly(!write);
        config.enforceForeignKeys(true);
        // FULL: an acknowledged write survives power loss too, not only a process crash
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // a larger page cache keeps the random-UUID and stream indexes in memory during imports
        config.setCacheSize(-CACHE_KIB);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // the driver would otherwise prepare and run "SELECT last_insert_rowid()" after every
        // INSERT; positions are assigned by the writer, so nothing needs generated keys
        config.setGetGeneratedKeys(false);
        try {
            return config.createConnection(SqliteUrl.of(file));
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "opening the store", file);
        }
    }

    private static void prepare(Connection c, Path file, boolean write, StoreOptions options, int target)
            throws SQLException {
        int applicationId = pragmaInt(c, "application_id");
        int version = pragmaInt(c, "user_version");
        if (applicationId == 0 && version == 0) {
            if (countSchemaObjects(c) > 0) {
                throw foreign(file, applicationId);
            }
            if (!write) {
                throw new NotFoundException(
                        file + " is an empty file, not yet an Eventscope store", "create the store with 'evs init'");
            }
            create(c, file, target);
            return;
        }
        if (applicationId != APPLICATION_ID) {
            throw foreign(file, applicationId);
        }
        if (version > Migrations.latest()) {
            throw new StoreIoException(
                    file + " has store schema " + version + ", newer than this Eventscope knows (" + Migrations.latest()
                            + ")",
                    "use a newer Eventscope for this store");
        }
        if (version < target && options.access() != StoreOptions.Access.READ_AS_IS) {
            upgrade(c, file, write, options, target);
        }
    }

    private static void create(Connection c, Path file, int target) throws SQLException {
        try (Statement st = c.createStatement()) {
            // journal mode is persistent; set once, outside any transaction
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("BEGIN IMMEDIATE");
            try {
                // another process may have created the store while this one waited for the lock
                if (pragmaInt(c, "user_version") == 0) {
                    st.execute("PRAGMA application_id = " + APPLICATION_ID);
                    Migrations.apply(c, 0, target);
                    try (PreparedStatement info =
                            c.prepareStatement("INSERT INTO store_info (key, value) VALUES (?, ?)")) {
                        put(info, "store_id", UUID.randomUUID().toString());
                        put(info, "created_at", Times.format(Times.nowMicros()));
                        put(info, "created_by", "eventscope " + Version.current());
                        put(info, "hash_chain", dev.eventscope.store.HashChain.PREFIX);
                    }
                }
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static void upgrade(Connection c, Path file, boolean write, StoreOptions options, int target)
            throws SQLException {
        if (!write) {
            // a reader may find an older schema; upgrading needs a writable connection of its own
            try (Connection writer = connect(file, true, options)) {
                upgrade(writer, file, true, options, target);
            }
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                int version = pragmaInt(c, "user_version");
                if (version < target) {
                    Migrations.apply(c, version, target);
                }
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static InvalidInputException foreign(Path file, int applicationId) {
        return new InvalidInputException(
                file + " is an SQLite database but not an Eventscope store (application_id "
                        + String.format("0x%08x", applicationId) + ")",
                "pass --db with an Eventscope store, or a new file name to create one");
    }

    private static void put(PreparedStatement st, String key, String value) throws SQLException {
        st.setString(1, key);
        st.setString(2, value);
        st.executeUpdate();
    }

    static String pragmaText(Connection c, String pragma) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static int pragmaInt(Connection c, String pragma) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static int countSchemaObjects(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static void rollbackQuietly(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open, or the connection is gone: nothing left to undo
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure; the first failure is what the user needs to see
        }
    }
}
