package dev.eventscope.store.sqlite;

import dev.eventscope.store.sql.ReadAhead;
import java.nio.file.Path;
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

/** Query results as lazy streams that release their statement when closed. */
final class SqlStreams {

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private SqlStreams() {}

    static <T> Stream<T> stream(
            Connection connection, Path file, String doing, String sql, Binder binder, RowMapper<T> mapper) {
        return stream(connection, file, doing, sql, binder, mapper, false);
    }

    /**
     * As {@link #stream(Connection, Path, String, String, Binder, RowMapper)}, with the rows stepped
     * and mapped on a thread of their own ahead of the consumer ({@link ReadAhead}). Only for a
     * consumer that uses the connection for nothing else until it closes the stream.
     */
    static <T> Stream<T> streamAhead(
            Connection connection, Path file, String doing, String sql, Binder binder, RowMapper<T> mapper) {
        return stream(connection, file, doing, sql, binder, mapper, true);
    }

    private static <T> Stream<T> stream(
            Connection connection,
            Path file,
            String doing,
            String sql,
            Binder binder,
            RowMapper<T> mapper,
            boolean ahead) {
        PreparedStatement st;
        ResultSet rs;
        try {
            st = connection.prepareStatement(sql);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, doing, file);
        }
        try {
            binder.bind(st);
            rs = st.executeQuery();
        } catch (SQLException e) {
            closeQuietly(st);
            throw SqlErrors.translate(e, doing, file);
        }
        if (!ahead) {
            return fromResultSet(rs, file, doing, mapper).onClose(() -> closeQuietly(st));
        }
        ReadAhead<T> rows = new ReadAhead<>(rows(rs, file, doing, mapper)).start();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false)
                .onClose(() -> {
                    rows.stop();
                    closeQuietly(st);
                });
    }

    /** The rows of an open result set as a lazy stream; whoever closes the stream closes its statement. */
    static <T> Stream<T> fromResultSet(ResultSet rs, Path file, String doing, RowMapper<T> mapper) {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(rows(rs, file, doing, mapper), Spliterator.ORDERED), false);
    }

    /** The rows of an open result set, stepped as they are asked for; SQL errors translated. */
    static <T> Iterator<T> rows(ResultSet rs, Path file, String doing, RowMapper<T> mapper) {
        return new Iterator<>() {
            private Boolean ready;

            @Override
            public boolean hasNext() {
                if (ready == null) {
                    try {
                        ready = rs.next();
                    } catch (SQLException e) {
                        throw SqlErrors.translate(e, doing, file);
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
                    throw SqlErrors.translate(e, doing, file);
                }
            }
        };
    }

    private static void closeQuietly(PreparedStatement st) {
        try {
            st.close();
        } catch (SQLException ignored) {
            // releasing a finished read; nothing to recover
        }
    }
}
