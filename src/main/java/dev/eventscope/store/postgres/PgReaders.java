package dev.eventscope.store.postgres;

import dev.eventscope.postgres.PgConnect;
import dev.eventscope.store.StoreLocator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The connections long reads run on, apart from the store's own (which writes, and whose
 * transactions a cursor must not straddle). A read borrows an idle one, or a new one when all are
 * busy (a read inside another read), inside a read-only transaction; giving it back ends the
 * transaction. Not thread-safe, like the store.
 */
final class PgReaders implements AutoCloseable {

    /** Idle connections kept for the next read; more are closed when given back. */
    private static final int KEEP_IDLE = 2;

    private final StoreLocator.Postgres pg;
    private final Supplier<Connection> connect;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();

    PgReaders(StoreLocator.Postgres pg, Supplier<Connection> connect) {
        this.pg = pg;
        this.connect = connect;
    }

    /** A connection in a fresh read-only transaction. */
    Connection borrow() {
        Connection c = idle.pollFirst();
        if (c == null) {
            c = connect.get();
            all.add(c);
        }
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY");
            }
            return c;
        } catch (SQLException e) {
            discard(c);
            throw PgErrors.translate(e, "starting a read", pg);
        }
    }

    /** Ends the read's transaction; a connection that failed is closed rather than kept. */
    void giveBack(Connection c, boolean healthy) {
        try {
            if (healthy) {
                c.commit();
                c.setAutoCommit(true);
                if (idle.size() < KEEP_IDLE) {
                    idle.addFirst(c);
                    return;
                }
            }
        } catch (SQLException e) {
            // a read that cannot even end: the connection is not worth keeping
        }
        discard(c);
    }

    private void discard(Connection c) {
        all.remove(c);
        idle.remove(c);
        PgConnect.closeQuietly(c);
    }

    @Override
    public void close() {
        for (Connection c : new ArrayList<>(all)) {
            discard(c);
        }
    }
}
