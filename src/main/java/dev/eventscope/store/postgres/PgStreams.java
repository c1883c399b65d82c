package dev.eventscope.store.postgres;

import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.sql.ReadAhead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Query results as lazy streams. A long read runs on a reader connection of its own inside a
 * read-only transaction with a fetch size, so the server keeps a cursor and sends rows as they
 * are consumed (never the whole result at once); closing the stream ends the transaction and
 * hands the connection back.
 */
final class PgStreams {

    /** Rows fetched per round trip by a cursor read. */
    static final int FETCH_SIZE = 2_000;

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private PgStreams() {}

    /** Runs {@code sql} through a cursor on a reader connection; close the stream. */
    static <T> Stream<T> cursor(
            PgReaders readers, StoreLocator.Postgres pg, String doing, String sql, Binder binder, RowMapper<T> mapper) {
        return cursor(readers, pg, doing, sql, binder, mapper, false);
    }

    /**
     * {@link #cursor} with the rows fetched and mapped on a thread of their own ahead of the
     * consumer ({@link ReadAhead}): the wait for the server's next rows and their decoding overlap
     * with the consumer's work (ADR 0240). Only for a consumer that touches the store in no other
     * way until it closes the stream.
     */
    static <T> Stream<T> cursorAhead(
            PgReaders readers, StoreLocator.Postgres pg, String doing, String sql, Binder binder, RowMapper<T> mapper) {
        return cursor(readers, pg, doing, sql, binder, mapper, true);
    }

    private static <T> Stream<T> cursor(
            PgReaders readers,
            StoreLocator.Postgres pg,
            String doing,
            String sql,
            Binder binder,
            RowMapper<T> mapper,
            boolean ahead) {
        Connection c = readers.borrow();
        PreparedStatement st = null;
        ResultSet rs;
        try {
            st = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            st.setFetchSize(FETCH_SIZE);
            binder.bind(st);
            rs = st.executeQuery();
        } catch (SQLException e) {
            closeQuietly(st);
            readers.giveBack(c, false);
            throw PgErrors.translate(e, doing, pg);
        } catch (RuntimeException e) {
            closeQuietly(st);
            readers.giveBack(c, false);
            throw e;
        }
        PreparedStatement statement = st;
        boolean[] failed = {false};
        Iterator<T> rows = rows(rs, pg, doing, mapper, failed);
        ReadAhead<T> reader = ahead ? new ReadAhead<>(rows).start() : null;
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(reader != null ? reader : rows, Spliterator.ORDERED), false)
                .onClose(() -> {
                    if (reader != null) {
                        // the reader lets go of the result set (and has set failed[0]) before this returns
                        reader.stop();
                    }
                    closeQuietly(statement);
                    readers.giveBack(c, !failed[0]);
                });
    }

    /** Runs {@code sql} on {@code c} and reads every row before returning (short answers). */
    static <T> java.util.List<T> list(
            Connection c, StoreLocator.Postgres pg, String doing, String sql, Binder binder, RowMapper<T> mapper) {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            java.util.List<T> out = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw PgErrors.translate(e, doing, pg);
        }
    }

    static <T> Iterator<T> rows(
            ResultSet rs, StoreLocator.Postgres pg, String doing, RowMapper<T> mapper, boolean[] failed) {
        return new Iterator<>() {
            private Boolean ready;

            @Override
            public boolean hasNext() {
                if (ready == null) {
                    try {
                        ready = rs.next();
                    } catch (SQLException e) {
                        failed[0] = true;
                        throw PgErrors.translate(e, doing, pg);
                    }
                }
                return ready;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = null;
                try {
                    return mapper.map(rs);
                } catch (SQLException e) {
                    failed[0] = true;
                    throw PgErrors.translate(e, doing, pg);
                }
            }
        };
    }

    static void closeQuietly(java.sql.Statement st) {
        if (st == null) {
            return;
        }
        try {
            st.close();
        } catch (SQLException ignored) {
            // releasing a finished read; nothing to recover
        }
    }
}
