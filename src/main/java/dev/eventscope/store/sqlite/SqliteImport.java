package dev.eventscope.store.sqlite;

import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.AppendRules;
import dev.eventscope.store.ImportBatchResult;
import dev.eventscope.store.ImportSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An import into the SQLite store (see {@link ImportSession} and ADR 0040).
 *
 * <p>Batched: every batch is one {@code BEGIN IMMEDIATE … COMMIT}. Atomic, for a large import into
 * an empty or small store: one transaction for the whole import, in which the secondary indexes of
 * {@code events} are dropped first and created again just before the commit. Both are crash-safe
 * by SQLite's own transactions: the drop, the rows and the re-creation commit together or not at
 * all, so a store is never seen, or left behind, without its indexes.
 *
 * <p>Inserts are optimistic: an event goes in without a lookup, and only when {@code
 * UNIQUE(event_id)} refuses it is the stored event read and compared (until an event is new
 * again, the next ones are looked up first). Stream versions are cached
 * across batches while no other connection has committed ({@code PRAGMA data_version}).
 */
final class SqliteImport implements ImportSession {

    /**
     * An import is atomic, with deferred indexes, when the store file is at most this many times
     * the input's size (an empty store always is). Rebuilding the secondary indexes costs a sort
     * over every row, old and new; keeping them up to date costs random page accesses per new row,
     * which hurt far more: importing 1M events into a store of 1M took 2.1 times as long batched
     * as atomic (docs/PERFORMANCE.md). A store event takes about 1.5 times its NDJSON bytes.
     */
    static final double ATOMIC_MAX_STORE_BYTES_PER_INPUT_BYTE = 4.0;

    /**
     * Page cache of an import, in KiB (the store's connections use 64 MiB). The unique indexes on
     * random event ids and on streams take about 80 bytes per event; this keeps them in memory for
     * a few million events instead of writing and re-reading their pages.
     */
    static final int IMPORT_CACHE_KIB = 192 << 10;

    /**
     * Page cache of an import of more than {@link #LARGE_INPUT_BYTES}: its indexes outgrow any
     * cache of this size anyway, and the memory the cache held stays with the process after it
     * is given back (the C allocator keeps it), beside the index builds' sorter. 10M events with
     * {@code -Xmx256m} (bench/run --size 10m import-scaling): 192 MiB peaked at 695 MB resident,
     * 96 MiB at 494 MB and 64 MiB at 456 MB, taking 1.16x, 1.22x and 1.31x ten 1M imports' time.
     */
    static final int LARGE_IMPORT_CACHE_KIB = 96 << 10;

    /** Input beyond which an import counts as large: about 3.5M events of the benchmark's size. */
    static final long LARGE_INPUT_BYTES = 2L << 30;

    /**
     * Page cache of the deferred index builds of a large import (their sorter's lists are as large,
     * one per helper thread and one more); others build with the store's usual cache.
     */
    static final int LARGE_INDEX_BUILD_CACHE_KIB = 32 << 10;

    /** Streams whose version is remembered across batches; beyond this the cache starts over. */
    private static final int VERSION_CACHE_LIMIT = 100_000;

    private final SqliteEventStore store;
    private final Connection connection;
    private final boolean atomic;
    /** CREATE INDEX statements dropped at the start of an atomic import, to run before commit. */
    private final List<String> deferredIndexes;

    private final Map<StreamId, Long> versions = new HashMap<>();
    /** {@code PRAGMA data_version} when this connection last committed; -1 for none. */
    private long dataVersion = -1;

    /**
     * Whether the last event was found stored already. Stored events come in runs (an import run
     * again, or resumed): inside a run a lookup is cheaper than an insert that fails.
     */
    private boolean inStoredRun;

    /** Whether the input is large enough for the smaller caches ({@link #LARGE_INPUT_BYTES}). */
    private final boolean large;

    /**
     * The last stored event, carried from batch to batch of an atomic import: its one transaction
     * holds the write lock from the first batch to the commit, so nothing else can move the tail,
     * and reading it again for every batch of 250 events was two queries each.
     */
    private SqliteEventStore.Tail atomicTail;

    private boolean inTransaction;
    private boolean finished;
    private boolean restored;
    private int transactions;

    private SqliteImport(SqliteEventStore store, boolean atomic, List<String> deferredIndexes, long incomingBytes)
            throws SQLException {
        this.store = store;
        this.connection = store.connection();
        this.atomic = atomic;
        this.deferredIndexes = deferredIndexes;
        this.inTransaction = atomic;
        this.large = incomingBytes > LARGE_INPUT_BYTES;
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA cache_size = " + -(large ? LARGE_IMPORT_CACHE_KIB : IMPORT_CACHE_KIB));
            if (!atomic) {
                // checkpoint once at the end, not after every batch: each checkpoint copies and syncs
                // what the batch wrote a second time
                st.execute("PRAGMA wal_autocheckpoint = 0");
            }
        }
    }

    /** A session that writes every batch in its own transaction. */
    static SqliteImport batched(SqliteEventStore store) {
        try {
            return new SqliteImport(store, false, List.of(), 0);
        } catch (SQLException e) {
            throw new IllegalStateException("unreachable: a batched session runs no SQL to start", e);
        }
    }

    /**
     * Starts an import of about {@code incomingBytes} of input: atomic with deferred indexes when
     * the store is small next to it, batched otherwise. The choice is made under the write lock.
     */
    static SqliteImport start(SqliteEventStore store, long incomingBytes) {
        Connection c = store.connection();
        begin(store);
        try {
            long existing = store.tail().position;
            long storeBytes = StoreFile.pragmaInt(c, "page_count") * (long) StoreFile.pragmaInt(c, "page_size");
            if (existing > 0 && storeBytes > incomingBytes * ATOMIC_MAX_STORE_BYTES_PER_INPUT_BYTE) {
                StoreFile.rollbackQuietly(c);
                return batched(store);
            }
            return new SqliteImport(store, true, dropSecondaryIndexes(c), incomingBytes);
        } catch (Throwable t) {
            throw failed(store, t);
        }
    }

    /** Starts an atomic import whatever the store holds (for a store made for this import). */
    static SqliteImport atomic(SqliteEventStore store, long incomingBytes) {
        begin(store);
        try {
            return new SqliteImport(store, true, dropSecondaryIndexes(store.connection()), incomingBytes);
        } catch (Throwable t) {
            throw failed(store, t);
        }
    }

    private static void begin(SqliteEventStore store) {
        try (Statement st = store.connection().createStatement()) {
            st.execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "starting the import", store.file());
        }
    }

    private static RuntimeException failed(SqliteEventStore store, Throwable t) {
        StoreFile.rollbackQuietly(store.connection());
        if (t instanceof Error err) {
            throw err;
        }
        return SqlErrors.rethrow(t, "starting the import", store.file());
    }

    /**
     * Drops the indexes of {@code events} that were created by a statement (those behind UNIQUE
     * constraints stay: they enforce the rules) and returns the statements that re-create them.
     */
    static List<String> dropSecondaryIndexes(Connection c) throws SQLException {
        Map<String, String> indexes = new HashMap<>();
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                        + " AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                indexes.put(rs.getString(1), rs.getString(2));
            }
        }
        List<String> creates = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            for (String name : names) {
                st.execute("DROP INDEX \"" + name.replace("\"", "\"\"") + "\"");
                creates.add(indexes.get(name));
            }
        }
        return List.copyOf(creates);
    }

    /**
     * Runs the CREATE INDEX statements {@link #dropSecondaryIndexes} returned. SQLite's sorter may
     * use helper threads to build an index; only for this one job.
     */
    static void buildIndexes(Statement st, List<String> creates) throws SQLException {
        buildIndexes(st, creates, StoreFile.CACHE_KIB);
    }

    static void buildIndexes(Statement st, List<String> creates, int cacheKib) throws SQLException {
        // SQLite's sorter fills lists of up to the page cache's size, one per helper thread and one
        // more, and writes the sorted lists it cannot keep to temporary files, which the store's
        // temp_store = MEMORY keeps in memory: with the import's cache that was over 1 GB resident at
        // 10M events. The build reads the table in order and writes each index in order, so it
        // needs no large cache (this also gives the import's cached pages back), and its sorted lists
        // go to real temporary files (in the OS's cache, not in this process).
        st.execute("PRAGMA cache_size = " + -cacheKib);
        st.execute("PRAGMA temp_store = FILE");
        st.execute("PRAGMA threads = " + Math.min(4, Runtime.getRuntime().availableProcessors()));
        for (String create : creates) {
            st.execute(create);
        }
        st.execute("PRAGMA threads = 0");
        st.execute("PRAGMA temp_store = MEMORY");
    }

    @Override
    public boolean atomic() {
        return atomic;
    }

    /**
     * Batches of 250: every young collection copies the parsed events still queued or being
     * written, and stops this (the import's bounding) thread too. With 1,000 a 1M import spent
     * 1.3-1.5 s in 51 pauses, with 250 0.4-0.5 s; a batch costs this session nothing beyond its
     * events, since the tail is carried (docs/PERFORMANCE.md, round nine).
     */
    @Override
    public int parsedBatchSize() {
        return 250;
    }

    @Override
    public ImportBatchResult write(List<NewEvent> events) {
        if (finished) {
            throw new IllegalStateException("the import is finished");
        }
        if (!atomic) {
            try {
                ImportBatchResult result = store.inWriteTransaction("importing", () -> {
                    forgetVersionsIfOthersWrote();
                    ImportBatchResult r = writeInTransaction(events);
                    dataVersion = dataVersion();
                    return r;
                });
                transactions++;
                return result;
            } catch (SqliteEventStore.BatchConflict c) {
                versions.clear();
                return ImportBatchResult.conflict(c.index, c.getMessage());
            } catch (RuntimeException | Error e) {
                // the transaction was rolled back: versions counted in it were never stored
                versions.clear();
                throw e;
            }
        }
        try {
            return writeInTransaction(events);
        } catch (SqliteEventStore.BatchConflict c) {
            abandon();
            return ImportBatchResult.conflict(c.index, c.getMessage());
        } catch (Throwable t) {
            abandon();
            if (t instanceof Error err) {
                throw err;
            }
            throw SqlErrors.rethrow(t, "importing", store.file());
        }
    }

    private ImportBatchResult writeInTransaction(List<NewEvent> events) throws SQLException {
        SqliteEventStore.Tail tail;
        if (!atomic) {
            tail = store.tail();
        } else if (atomicTail == null) {
            tail = atomicTail = store.tail();
        } else {
            tail = atomicTail;
            SqliteEventStore.advanceClock(tail);
        }
        int imported = 0;
        int skipped = 0;
        for (int i = 0; i < events.size(); i++) {
            NewEvent e = events.get(i);
            if (e.eventId() == null) {
                throw new IllegalArgumentException("an imported event needs an eventId");
            }
            long version = nextVersion(e.stream());
            if (e.streamVersion() != null && e.streamVersion() != version) {
                // an export imported again carries versions that are taken: by itself, or by another
                RecordedEvent existing = store.findById(e.eventId());
                if (existing == null) {
                    throw new SqliteEventStore.BatchConflict(i, AppendRules.cannotLand(e, version - 1));
                }
                compare(e, existing, i);
                skipped++;
                continue;
            }
            if (inStoredRun) {
                RecordedEvent existing = store.findById(e.eventId());
                if (existing != null) {
                    compare(e, existing, i);
                    skipped++;
                    continue;
                }
                inStoredRun = false;
            }
            try {
                store.insert(e, tail, version);
            } catch (SQLException ex) {
                RecordedEvent existing = SqlErrors.isConstraint(ex) ? store.findById(e.eventId()) : null;
                if (existing == null) {
                    throw ex;
                }
                compare(e, existing, i);
                skipped++;
                inStoredRun = true;
                continue;
            }
            versions.put(e.stream(), version);
            imported++;
        }
        return ImportBatchResult.done(imported, skipped);
    }

    private long nextVersion(StreamId stream) {
        Long known = versions.get(stream);
        if (known != null) {
            return known + 1;
        }
        if (versions.size() >= VERSION_CACHE_LIMIT) {
            versions.clear();
        }
        long current = store.currentVersionInTransaction(stream);
        versions.put(stream, current);
        return current + 1;
    }

    private static void compare(NewEvent e, RecordedEvent existing, int index) {
        List<String> diffs = e.differencesFrom(existing);
        if (!diffs.isEmpty()) {
            throw new SqliteEventStore.BatchConflict(
                    index, AppendRules.reused(existing, diffs).getMessage());
        }
    }

    /** Cached versions hold only while no other connection has committed since this one did. */
    private void forgetVersionsIfOthersWrote() throws SQLException {
        if (dataVersion < 0 || dataVersion() != dataVersion) {
            versions.clear();
        }
    }

    private long dataVersion() throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    @Override
    public void commit() {
        if (finished) {
            throw new IllegalStateException("the import is finished");
        }
        finished = true;
        if (!atomic) {
            restoreSettings();
            return;
        }
        try (Statement st = connection.createStatement()) {
            buildIndexes(st, deferredIndexes, large ? LARGE_INDEX_BUILD_CACHE_KIB : StoreFile.CACHE_KIB);
            st.execute("COMMIT");
            inTransaction = false;
            transactions = 1;
            restoreSettings();
        } catch (SQLException e) {
            abandon();
            throw SqlErrors.translate(e, "building the indexes after the import", store.file());
        }
    }

    @Override
    public int transactions() {
        return atomic && !finished ? 1 : transactions;
    }

    private void abandon() {
        finished = true;
        if (inTransaction) {
            inTransaction = false;
            StoreFile.rollbackQuietly(connection);
        }
        restoreSettings();
    }

    /** Back to the connection's usual settings; a batched import checkpoints what it wrote. */
    private void restoreSettings() {
        if (restored) {
            return;
        }
        restored = true;
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA cache_size = " + -StoreFile.CACHE_KIB);
            if (!atomic) {
                st.execute("PRAGMA wal_autocheckpoint = " + StoreFile.WAL_AUTOCHECKPOINT_PAGES);
                if (transactions > 0) {
                    st.execute("PRAGMA wal_checkpoint(PASSIVE)");
                }
            }
        } catch (SQLException e) {
            // the connection is gone; the next one starts with the defaults, and checkpoints
        }
    }

    @Override
    public void close() {
        abandon();
    }
}
