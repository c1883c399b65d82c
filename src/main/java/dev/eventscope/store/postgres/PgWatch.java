package dev.eventscope.store.postgres;

import dev.eventscope.postgres.PgConnect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * How a follower waits for appends: LISTEN on the store's channel, on a connection of its own, so
 * an append wakes it as soon as it commits (every append notifies inside its transaction, and a
 * notification is delivered only on commit). Where the server cannot listen (a replica in
 * recovery, a pooler in transaction mode) or the connection fails, it falls back to polling:
 * waiting the whole time.
 *
 * <p>No wake-up is lost: the LISTEN is in place before the head is checked, and notifications that
 * arrive in between wait on the connection for the next call.
 */
final class PgWatch implements AutoCloseable {

    private final PgEventStore store;
    private volatile Connection listener;
    private volatile boolean polling;
    private volatile long notifications;

    PgWatch(PgEventStore store) {
        this.store = store;
    }

    /** True when notifications are unavailable and waits fall back to polling. */
    boolean polling() {
        return polling;
    }

    /** True while a connection listens for notifications. */
    boolean listening() {
        return listener != null;
    }

    /** How many notifications woke a wait so far. */
    long notifications() {
        return notifications;
    }

    void await(long position, Duration max) throws InterruptedException {
        long millis = Math.max(1, max.toMillis());
        if (!polling && listener == null) {
            listen();
        }
        if (store.head().position() > position) {
            return;
        }
        if (polling || listener == null) {
            Thread.sleep(millis);
            return;
        }
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try {
            PGConnection pg = listener.unwrap(PGConnection.class);
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                // in slices, so an interrupt is noticed
                PGNotification[] got = pg.getNotifications((int) Math.min(left, 250));
                if (got != null && got.length > 0) {
                    notifications += got.length;
                    return;
                }
            }
        } catch (SQLException e) {
            // the listening connection failed: poll from now on; the next wait tries to listen again
            PgConnect.closeQuietly(listener);
            listener = null;
            Thread.sleep(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    private void listen() {
        Connection c = null;
        try {
            c = store.connectToSchema();
            try (Statement st = c.createStatement()) {
                st.execute("LISTEN \"" + store.notifyChannel().replace("\"", "\"\"") + "\"");
            }
            listener = c;
        } catch (SQLException | RuntimeException e) {
            PgConnect.closeQuietly(c);
            polling = true;
        }
    }

    @Override
    public void close() {
        PgConnect.closeQuietly(listener);
        listener = null;
    }
}
