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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;

/**
 * A new store file written as a copy ({@link StoreCopy}): one transaction from creation to
 * {@link #finish()}, without a rollback journal and without syncing, under an exclusive lock.
 * Nothing of it is durable or visible to others before it finishes; an interrupted copy is a file
 * to delete, which is what {@code upcast migrate} does with it. Finishing switches the file to the
 * write-ahead log every store uses and forces it to disk.
 *
 * <p>The caller's thread gives each event its position and hash; the rows are bound and inserted
 * on a thread of their own ({@link Writer}), in the order they were added, so a migration's
 * reading, upcasting and hashing overlap with SQLite's inserts on a second core (the inserts are
 * half of a migration's time, docs/PERFORMANCE.md). Only that thread uses the connection until
 * {@link #finish()} has waited for it. A failed insert is thrown by the next call.
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

    private final Writer writer = new Writer();

    /** Events written by one INSERT while copying; the rest of a copy goes one at a time. */
    static final int EVENTS_PER_INSERT = 32;

    /** Rows of the position map written by one INSERT. */
    static final int MAPS_PER_INSERT = 64;

    /** Rows held back for the next multi-row INSERTs (writer thread only). */
    private final List<Row> pendingEvents = new ArrayList<>(EVENTS_PER_INSERT);

    private final List<Row> pendingMaps = new ArrayList<>(MAPS_PER_INSERT);
    private PreparedStatement insertMany;
    private PreparedStatement mapMany;

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
        writer.add(Row.event(stored, sourcePosition, part));
        position = stored.position();
        hash = stored.hash();
        count++;
        return stored;
    }

    @Override
    public void dropped(long sourcePosition) {
        writer.add(Row.dropped(sourcePosition));
    }

    @Override
    public void info(String key, String value) {
        writer.add(Row.info(key, value));
    }

    /**
     * One write, in the order it was asked for: an event (with its map row), a dropped source event
     * (a map row without a new position), or an info row; made only by the three factories.
     */
    private record Row(RecordedEvent event, long sourcePosition, int part, String infoKey, String infoValue) {

        static Row event(RecordedEvent stored, long sourcePosition, int part) {
            return new Row(stored, sourcePosition, part, null, null);
        }

        static Row dropped(long sourcePosition) {
            return new Row(null, sourcePosition, 0, null, null);
        }

        static Row info(String key, String value) {
            return new Row(null, 0, 0, key, value);
        }
    }

    /**
     * Writes a row on the writer thread. Events and their map rows are held back until there are
     * enough for one multi-row INSERT each ({@link #EVENTS_PER_INSERT}, {@link #MAPS_PER_INSERT}):
     * one statement step per row cost a third of the inserts' time (1M events: 12.0 s one by
     * one, 8.0 s forty at a time, measured by hand); {@link #flush} writes what is held back.
     */
    private void write(Row row) {
        if (row.infoKey() != null) {
            try {
                info.setString(1, row.infoKey());
                info.setString(2, row.infoValue());
                info.executeUpdate();
            } catch (SQLException e) {
                throw SqlErrors.rethrow(e, "writing the store info", file);
            }
            return;
        }
        if (row.event() != null) {
            pendingEvents.add(row);
            if (pendingEvents.size() == EVENTS_PER_INSERT) {
                flushEvents();
            }
        }
        pendingMaps.add(row);
        if (pendingMaps.size() == MAPS_PER_INSERT) {
            flushMaps();
        }
    }

    /** Writes the rows held back. */
    private void flush() {
        flushEvents();
        flushMaps();
    }

    private void flushEvents() {
        if (pendingEvents.isEmpty()) {
            return;
        }
        try {
            if (pendingEvents.size() == EVENTS_PER_INSERT) {
                if (insertMany == null) {
                    insertMany = connection.prepareStatement(EventRows.insert(EVENTS_PER_INSERT));
                }
                for (int i = 0; i < EVENTS_PER_INSERT; i++) {
                    EventRows.bind(insertMany, pendingEvents.get(i).event(), i * EventRows.PARAMETERS);
                }
                insertMany.executeUpdate();
            } else {
                for (Row row : pendingEvents) {
                    EventRows.bind(insert, row.event());
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            long first = pendingEvents.get(0).sourcePosition();
            long last = pendingEvents.get(pendingEvents.size() - 1).sourcePosition();
            throw SqlErrors.rethrow(
                    e,
                    "copying the event"
                            + (first == last ? " at position " + first : "s at positions " + first + "-" + last),
                    file);
        }
        pendingEvents.clear();
    }

    private void flushMaps() {
        if (pendingMaps.isEmpty()) {
            return;
        }
        try {
            if (pendingMaps.size() == MAPS_PER_INSERT) {
                if (mapMany == null) {
                    mapMany = connection.prepareStatement(MAP + ", (?, ?, ?)".repeat(MAPS_PER_INSERT - 1));
                }
                for (int i = 0; i < MAPS_PER_INSERT; i++) {
                    bindMap(mapMany, pendingMaps.get(i), i * 3);
                }
                mapMany.executeUpdate();
            } else {
                for (Row row : pendingMaps) {
                    bindMap(map, row, 0);
                    map.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.rethrow(
                    e,
                    "recording where the events from position "
                            + pendingMaps.get(0).sourcePosition() + " went",
                    file);
        }
        pendingMaps.clear();
    }

    /** An event's new position, or none for a source event that was dropped. */
    private static void bindMap(PreparedStatement st, Row row, int offset) throws SQLException {
        st.setLong(offset + 1, row.sourcePosition());
        st.setInt(offset + 2, row.part());
        if (row.event() == null) {
            st.setNull(offset + 3, Types.INTEGER);
        } else {
            st.setLong(offset + 3, row.event().position());
        }
    }

    /**
     * The thread that binds and inserts the rows, in batches handed over through a short queue
     * (memory stays bounded: a few batches wait at most). It stops at the end marker, or at its
     * first failure, which the caller's next call throws.
     */
    private final class Writer {

        private static final int BATCH = 256;
        private static final List<Row> END = List.of();

        private final BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(4);
        private List<Row> batch = new ArrayList<>(BATCH);
        private Thread thread;
        private volatile Throwable failure;
        private volatile boolean stopping;

        void add(Row row) {
            rethrow();
            batch.add(row);
            if (batch.size() == BATCH) {
                hand();
            }
        }

        /** Hands the rows so far to the thread (started at the first batch). */
        private void hand() {
            if (thread == null) {
                thread = new Thread(this::run, "evs-copy-writer");
                thread.setDaemon(true);
                thread.start();
            }
            put(batch);
            batch = new ArrayList<>(BATCH);
        }

        private void put(List<Row> rows) {
            try {
                while (!queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                    rethrow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreIoException("interrupted while copying into " + file);
            }
        }

        private void run() {
            try {
                while (true) {
                    List<Row> rows = queue.take();
                    if (rows == END) {
                        flush();
                        return;
                    }
                    if (stopping) {
                        return;
                    }
                    for (Row row : rows) {
                        write(row);
                    }
                }
            } catch (InterruptedException e) {
                failure = new StoreIoException("interrupted while copying into " + file);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        /** Waits until every row added is written; throws the first failure. */
        void drain() {
            if (thread == null) {
                // nothing was handed over: the rows so far are written here, in order
                for (Row row : batch) {
                    write(row);
                }
                flush();
                batch.clear();
                return;
            }
            if (!batch.isEmpty()) {
                hand();
            }
            put(END);
            join();
            rethrow();
        }

        /** Stops the thread without writing what is left (the copy is being thrown away). */
        void stop() {
            if (thread == null) {
                return;
            }
            stopping = true;
            queue.clear();
            queue.offer(END);
            join();
        }

        private void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreIoException("interrupted while copying into " + file);
            }
        }

        private void rethrow() {
            Throwable f = failure;
            if (f instanceof Error e) {
                throw e;
            }
            if (f != null) {
                throw (RuntimeException) f;
            }
        }
    }

    @Override
    public StoreHead head() {
        return new StoreHead(position, hash, count);
    }

    @Override
    public void finish() {
        finish(() -> {});
    }

    /**
     * Commits the events, switches the file to the write-ahead log, and builds the secondary
     * indexes in a second transaction on a thread of its own while {@code alongside} runs: a
     * reader on another connection sees the committed events meanwhile (a migration walks their
     * hash chain, ADR 0256). The file is private to the copy until it is renamed, so no one else
     * ever sees it without its indexes.
     */
    @Override
    public void finish(Runnable alongside) {
        writer.drain();
        try (Statement st = connection.createStatement()) {
            st.execute("COMMIT");
            st.execute("PRAGMA locking_mode = NORMAL");
            st.execute("PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            throw SqlErrors.rethrow(e, "finishing the copy", file);
        }
        CompletableFuture<Void> indexes = new CompletableFuture<>();
        Thread builder = new Thread(
                () -> {
                    try (Statement st = connection.createStatement()) {
                        st.execute("BEGIN IMMEDIATE");
                        SqliteImport.buildIndexes(st, deferredIndexes);
                        st.execute("COMMIT");
                        st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                        indexes.complete(null);
                    } catch (Throwable t) {
                        indexes.completeExceptionally(t);
                    }
                },
                "evs-copy-indexes");
        builder.setDaemon(true);
        builder.start();
        RuntimeException besides = null;
        try {
            alongside.run();
        } catch (RuntimeException e) {
            besides = e;
        }
        try {
            // the build's end also hands the connection back to this thread
            indexes.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                throw err;
            }
            throw SqlErrors.rethrow(cause, "building the indexes of the copy", file);
        }
        if (besides != null) {
            throw besides;
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
        for (PreparedStatement st : new PreparedStatement[] {insert, map, info, insertMany, mapMany}) {
            if (st == null) {
                continue;
            }
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
            writer.stop();
            closeConnection();
        }
    }
}
