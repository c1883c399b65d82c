package dev.eventscope.store.postgres;

import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.StoreBusyException;
import dev.eventscope.store.StoreHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Write transactions on the store's connection: READ COMMITTED, with {@code lock_timeout} set to
 * what is left of the busy timeout. Serialization failures, deadlocks, lock timeouts and a server
 * that is starting up (40001, 40P01, 55P03, 57P03) roll back and try again with backoff until the
 * busy timeout is spent, then fail as busy (exit 75). Any other failure rolls back and is
 * reported; a transaction is never continued after an error.
 *
 * <p>The head row ({@link #lockHead}) serialises appends: whoever holds it decides the next
 * positions, so positions are dense and in commit order.
 */
final class PgWriter {

    /** The end of the log as locked inside a write transaction, and the server's clock then. */
    static final class Head {
        long position;
        String hash;
        long recordedAtMicros;
        long events;
        /** The record time of events appended in this transaction: the server's now, never before the last. */
        long nowMicros;

        StoreHead toStoreHead() {
            return new StoreHead(position, hash, events);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final PgEventStore store;
    private boolean inTransaction;

    PgWriter(PgEventStore store) {
        this.store = store;
    }

    boolean inTransaction() {
        return inTransaction;
    }

    /**
     * Runs {@code work} in one write transaction, retrying transient failures until the busy
     * timeout. When the connection is lost while committing, {@code lostCommit} decides (on a new
     * connection) whether the transaction landed: it returns the result, or throws.
     */
    <T> T inTransaction(String doing, SqlWork<T> work, LostCommit<T> lostCommit) {
        if (inTransaction) {
            throw new IllegalStateException("write transactions do not nest");
        }
        long deadline = System.nanoTime() + store.options().busyTimeout().toNanos();
        int attempt = 0;
        while (true) {
            Connection c = store.connection();
            T result;
            inTransaction = true;
            try {
                c.setAutoCommit(false);
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL lock_timeout = " + left);
                }
                result = run(work, c);
            } catch (SQLException e) {
                rollback(c);
                inTransaction = false;
                if (PgErrors.isTransient(e)) {
                    if (System.nanoTime() < deadline) {
                        backoff(attempt++, deadline);
                        continue;
                    }
                    throw busy(doing, e);
                }
                if (PgErrors.isConnectionLost(e)) {
                    store.connectionLost();
                }
                throw PgErrors.translate(e, doing, store.pg());
            } catch (Throwable t) {
                rollback(c);
                inTransaction = false;
                if (t instanceof Error err) {
                    throw err;
                }
                throw PgErrors.rethrow(t, doing, store.pg());
            }
            try {
                c.commit();
                c.setAutoCommit(true);
                inTransaction = false;
                return result;
            } catch (SQLException e) {
                inTransaction = false;
                if (PgErrors.isConnectionLost(e)) {
                    store.connectionLost();
                    return lostCommit.resolve(result, e);
                }
                rollback(c);
                if (PgErrors.isTransient(e) && System.nanoTime() < deadline) {
                    backoff(attempt++, deadline);
                    continue;
                }
                throw PgErrors.isTransient(e) ? busy(doing, e) : PgErrors.translate(e, doing, store.pg());
            }
        }
    }

    private static <T> T run(SqlWork<T> work, Connection c) throws SQLException {
        try {
            return work.run(c);
        } catch (PgProcessing.SqlFailure f) {
            throw f.sql();
        }
    }

    /** Decides whether a transaction whose commit lost the connection landed. */
    @FunctionalInterface
    interface LostCommit<T> {
        T resolve(T result, SQLException e);
    }

    /** A transaction whose landing cannot be checked: the user is told it may or may not have. */
    static <T> LostCommit<T> unknown(PgEventStore store, String doing) {
        return (result, e) -> {
            throw new dev.eventscope.error.StoreIoException(
                    "the connection to PostgreSQL at " + store.pg().where() + " was lost while committing " + doing
                            + "; it may or may not have been written",
                    "check the server, then run the command again (it is safe to repeat)",
                    e);
        };
    }

    private StoreBusyException busy(String doing, SQLException e) {
        return new StoreBusyException(
                "store " + store.pg() + " stayed locked by another writer for "
                        + seconds(store.options().busyTimeout()) + " while " + doing,
                "retry later; another process is writing to the same store (EVENTSCOPE_BUSY_TIMEOUT_MS waits longer)",
                e);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static void backoff(int attempt, long deadline) {
        long base = Math.min(1_000, 20L << Math.min(attempt, 6));
        long sleep = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        long left = (deadline - System.nanoTime()) / 1_000_000;
        try {
            Thread.sleep(Math.max(1, Math.min(sleep, left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreBusyException("interrupted while waiting to retry a write", null, e);
        }
    }

    /** Rolls back the open transaction, if any, and leaves the connection in autocommit. */
    static void rollback(Connection c) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the connection is gone; the server rolls back what it had
        }
    }

    /** Locks the head row (inside a write transaction) and reads it with the server's clock. */
    static Head lockHead(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT position, hash, recorded_at, events,"
                        + " (extract(epoch FROM clock_timestamp()) * 1000000)::bigint FROM head FOR UPDATE")) {
            if (!rs.next()) {
                throw new IllegalStateException("the head row is missing");
            }
            Head h = new Head();
            h.position = rs.getLong(1);
            h.hash = rs.getString(2);
            h.recordedAtMicros = rs.getLong(3);
            h.events = rs.getLong(4);
            // record time never decreases with position, even if the server's clock steps back
            h.nowMicros = Math.max(rs.getLong(5), h.recordedAtMicros);
            return h;
        }
    }

    /** Writes the head after events were inserted, and tells followers (delivered on commit). */
    static void advanceHead(Connection c, Head h, String channel) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("UPDATE head SET position = ?, hash = ?, recorded_at = ?, events = ?")) {
            st.setLong(1, h.position);
            st.setString(2, h.hash);
            st.setLong(3, h.recordedAtMicros);
            st.setLong(4, h.events);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, channel);
            st.setString(2, Long.toString(h.position));
            st.executeQuery().close();
        }
    }

    static boolean isEngineFailure(Throwable t) {
        return t instanceof EventscopeException;
    }
}
