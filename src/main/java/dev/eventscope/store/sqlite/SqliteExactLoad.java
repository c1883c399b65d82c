package dev.eventscope.store.sqlite;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.AppendRules;
import dev.eventscope.store.ExactLoad;
import dev.eventscope.store.HashChain;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A faithful bulk copy into a store file ({@link ExactLoad}), written as an atomic import is (ADR
 * 0040, ADR 0235): one transaction from the first batch to the commit, the secondary indexes of
 * {@code events} dropped at the start and built once before the commit, a large page cache. The
 * log's end is kept in memory after it was read once under the write lock, so a batch costs no
 * query. A rollback (close without commit, or a crash) leaves the store as it was, indexes included.
 */
final class SqliteExactLoad implements ExactLoad {

    private final SqliteEventStore store;
    private final HashChain chain = new HashChain();
    private final List<String> deferredIndexes;
    private final PreparedStatement insert;
    private long position;
    private String hash;
    private boolean open = true;

    private SqliteExactLoad(SqliteEventStore store, List<String> deferredIndexes, long position, String hash)
            throws SQLException {
        this.store = store;
        this.deferredIndexes = deferredIndexes;
        this.position = position;
        this.hash = hash;
        this.insert = store.connection().prepareStatement(EventRows.INSERT);
    }

    /** Starts the load on {@code store}: takes the write lock and drops the secondary indexes. */
    static SqliteExactLoad start(SqliteEventStore store) {
        try (Statement st = store.connection().createStatement()) {
            st.execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "starting the copy", store.file());
        }
        try (Statement st = store.connection().createStatement()) {
            SqliteEventStore.Tail tail = store.tail();
            st.execute("PRAGMA cache_size = " + -SqliteImport.IMPORT_CACHE_KIB);
            List<String> deferred = SqliteImport.dropSecondaryIndexes(store.connection());
            return new SqliteExactLoad(store, deferred, tail.position, tail.hash);
        } catch (Throwable t) {
            StoreFile.rollbackQuietly(store.connection());
            restoreCache(store);
            if (t instanceof Error err) {
                throw err;
            }
            throw SqlErrors.rethrow(t, "starting the copy", store.file());
        }
    }

    @Override
    public void write(List<RecordedEvent> events) {
        if (!open) {
            throw new IllegalStateException("the load is finished");
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            AppendRules.checkContinues(position, hash, events, chain);
            for (RecordedEvent e : events) {
                EventRows.bind(insert, e);
                insert.executeUpdate();
            }
        } catch (Throwable t) {
            abandon();
            if (t instanceof Error err) {
                throw err;
            }
            throw SqlErrors.rethrow(t, "copying events", store.file());
        }
        RecordedEvent last = events.get(events.size() - 1);
        position = last.position();
        hash = last.hash();
    }

    @Override
    public void commit() {
        if (!open) {
            throw new IllegalStateException("the load is finished");
        }
        try (Statement st = store.connection().createStatement()) {
            SqliteImport.buildIndexes(st, deferredIndexes);
            st.execute("COMMIT");
        } catch (SQLException e) {
            abandon();
            throw SqlErrors.translate(e, "building the indexes after the copy", store.file());
        }
        finish();
    }

    private void abandon() {
        if (open) {
            StoreFile.rollbackQuietly(store.connection());
            finish();
        }
    }

    private void finish() {
        open = false;
        try {
            insert.close();
        } catch (SQLException ignored) {
            // the statement goes with its connection
        }
        restoreCache(store);
    }

    private static void restoreCache(SqliteEventStore store) {
        try (Statement st = store.connection().createStatement()) {
            st.execute("PRAGMA cache_size = " + -StoreFile.CACHE_KIB);
        } catch (SQLException e) {
            // the connection is gone; the next one starts with the default
        }
    }

    @Override
    public void close() {
        abandon();
    }
}
