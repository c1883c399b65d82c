package dev.eventscope.store.sqlite;

import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.Checkpoints;
import dev.eventscope.store.DeadLetters;
import dev.eventscope.store.ProcessingStore;
import dev.eventscope.store.ReadModels;
import dev.eventscope.store.SagaStates;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Checkpoints, dead letters and read models on the store's own connection, so that they commit in
 * the store's write transactions together with the events a reactor appends.
 */
final class SqliteProcessing implements ProcessingStore, AutoCloseable {

    private final SqliteEventStore store;
    private final Path file;
    private final StatementCache statements;
    private final SqliteCheckpoints checkpoints;
    private final SqliteDeadLetters deadLetters;
    private final SqliteReadModels readModels;
    private final SqliteSagaStates sagas;

    SqliteProcessing(SqliteEventStore store, Connection connection, Path file) {
        this.store = store;
        this.file = file;
        this.statements = new StatementCache(connection);
        this.checkpoints = new SqliteCheckpoints(statements, file);
        this.deadLetters = new SqliteDeadLetters(statements, file);
        this.readModels = new SqliteReadModels(connection, file);
        this.sagas = new SqliteSagaStates(statements, file);
    }

    @Override
    public <T> T inTransaction(String doing, Supplier<T> work) {
        return store.inWriteTransaction(doing, work::get);
    }

    @Override
    public Checkpoints checkpoints() {
        return checkpoints;
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    @Override
    public ReadModels readModels() {
        return readModels;
    }

    @Override
    public SagaStates sagas() {
        return sagas;
    }

    @Override
    public List<RecordedEvent> appendInTransaction(List<NewEvent> events) {
        return store.appendWithinTransaction(events);
    }

    @Override
    public long batchEnd(long from, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a batch has at least one event");
        }
        try {
            PreparedStatement st = statements.get(
                    "SELECT position FROM events WHERE position >= ? ORDER BY position LIMIT 1 OFFSET ?");
            st.setLong(1, from);
            st.setLong(2, n - 1L);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
            PreparedStatement last = statements.get("SELECT coalesce(max(position), 0) FROM events");
            try (ResultSet rs = last.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading positions", file);
        }
    }

    @Override
    public long eventsAfter(long position, Set<String> types) {
        try {
            String sql = "SELECT count(*) FROM events WHERE position > ?";
            if (!types.isEmpty()) {
                sql += " AND event_type IN (" + String.join(", ", Collections.nCopies(types.size(), "?")) + ")";
            }
            PreparedStatement st = statements.get(sql);
            st.setLong(1, position);
            int i = 2;
            for (String t : new TreeSet<>(types)) {
                st.setString(i++, t);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "counting events", file);
        }
    }

    @Override
    public void close() {
        readModels.close();
        statements.close();
    }
}
