package dev.eventscope.store.sqlite;

import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.store.HashChain;
import dev.eventscope.store.StoreCopy;
import dev.eventscope.store.StoreHead;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/**
 * A new store file written as a copy ({@link StoreCopy}): one transaction from creation to
 * {@link #finish()}, without a rollback journal and without syncing, under an exclusive lock.
 * Nothing of it is durable or visible to others before it finishes; an interrupted copy is a file
 * to delete, which is what {@code upcast migrate} does with it. Finishing switches the file to the
 * write-ahead log every store uses and forces it to disk.
 */
final class SqliteStoreCopy implements StoreCopy {

    private static final String MAP =
            "INSERT INTO migration_positions (old_position, part, new_position) VALUES (?, ?, ?)";

    private final Path file;
    private final Connection connection;
    private final HashChain chain = new HashChain();
    private final PreparedStatement insert;
    private final PreparedStatement map;
    private final PreparedStatement info;
    /** The secondary indexes of events, dropped while copying and built once at the end. */
    private final List<String> deferredIndexes;

    private long position;
    private String hash = "";
    private long count;
    private boolean finished;

    private SqliteStoreCopy(Path file, Connection connection, List<String> deferredIndexes) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.deferredIndexes = deferredIndexes;
        this.insert = connection.prepareStatement(EventRows.INSERT);
        this.map = connection.prepareStatement(MAP);
        this.info = connection.prepareStatement("INSERT OR REPLACE INTO store_info (key, value) VALUES (?, ?)");
    }

    static SqliteStoreCopy create(Path file) {
        if (Files.exists(file)) {
            throw new StoreIoException(file + " exists already; a copy is written into a new file");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.OFF);
        config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
        config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
        config.setCacheSize(-65_536);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // as every store connection (StoreFile): otherwise the driver prepares and runs a query for
        // the last row id after every insert, which cost the copy a third of its time
        config.setGetGeneratedKeys(false);
        Connection c;
        try {
            c = config.createConnection(SqliteUrl.of(file));
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "creating the store", file);
        }
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA application_id = " + StoreFile.APPLICATION_ID);
            st.execute("BEGIN EXCLUSIVE");
            Migrations.apply(c, 0);
            // as an import into a new store (ADR 0040): one build of each index beats maintaining
            // it row by row; the copy is one transaction, so no reader ever sees them missing
            SqliteStoreCopy copy = new SqliteStoreCopy(file, c, SqliteImport.dropSecondaryIndexes(c));
            copy.info("store_id", UUID.randomUUID().toString());
            copy.info("created_at", Times.format(Times.nowMicros()));
            copy.info("created_by", "eventscope " + Version.current());
            copy.info("hash_chain", HashChain.PREFIX);
            return copy;
        } catch (SQLException | RuntimeException e) {
            StoreFile.closeQuietly(c);
            throw e instanceof SQLException se
                    ? SqlErrors.translate(se, "creating the store", file)
                    : (RuntimeException) e;
        }
    }

    @Override
    public RecordedEvent add(RecordedEvent event, long sourcePosition, int part) {
        RecordedEvent unhashed = new RecordedEvent(
                position + 1,
                event.eventId(),
                event.eventType(),
                event.stream(),
                event.streamVersion(),
                event.eventVersion(),
                event.timestamp(),
                event.recordedAt(),
                event.payload(),
                event.metadata(),
                event.correlationId(),
                event.causationId(),
                event.userId(),
                null);
        RecordedEvent stored = unhashed.withHash(chain.hash(hash, unhashed));
        try {
            EventRows.bind(insert, stored);
            insert.executeUpdate();
            map.setLong(1, sourcePosition);
            map.setInt(2, part);
            map.setLong(3, stored.position());
            map.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.rethrow(e, "copying the event at position " + sourcePosition, file);
        }
        position = stored.position();
        hash = stored.hash();
        count++;
        return stored;
    }

    @Override
    public void dropped(long sourcePosition) {
        try {
            map.setLong(1, sourcePosition);
            map.setInt(2, 0);
            map.setNull(3, Types.INTEGER);
            map.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.rethrow(e, "recording the dropped event at position " + sourcePosition, file);
        }
    }

    @Override
    public void info(String key, String value) {
        try {
            info.setString(1, key);
            info.setString(2, value);
            info.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.rethrow(e, "writing the store info", file);
        }
    }

    @Override
    public StoreHead head() {
        return new StoreHead(position, hash, count);
    }

    @Override
    public void finish() {
        try (Statement st = connection.createStatement()) {
            SqliteImport.buildIndexes(st, deferredIndexes);
            st.execute("COMMIT");
            st.execute("PRAGMA locking_mode = NORMAL");
            st.execute("PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            throw SqlErrors.rethrow(e, "finishing the copy", file);
        }
        closeConnection();
        // nothing was synced while copying: force the whole file to disk before anyone relies on it
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            throw new StoreIoException("cannot sync " + file + " to disk: " + e.getMessage(), "check the disk");
        }
        finished = true;
    }

    private void closeConnection() {
        for (PreparedStatement st : new PreparedStatement[] {insert, map, info}) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // closing; the connection goes next
            }
        }
        StoreFile.closeQuietly(connection);
    }

    @Override
    public void close() {
        if (!finished) {
            closeConnection();
        }
    }
}
