package dev.eventscope.store.postgres;

import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.AppendResult;
import dev.eventscope.store.Checkpoints;
import dev.eventscope.store.DeadLetters;
import dev.eventscope.store.ProcessingStore;
import dev.eventscope.store.ReadModels;
import dev.eventscope.store.SagaStates;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Checkpoints, dead letters, read models and saga states on the store's own connection, so that they commit in
 * the store's write transactions together with the events a reactor appends: a projection takes
 * effect exactly once across crashes, as on SQLite.
 */
final class PgProcessing implements ProcessingStore {

    private final PgEventStore store;
    private final PgCheckpoints checkpoints;
    private final PgDeadLetters deadLetters;
    private final PgReadModels readModels;
    private final PgSagaStates sagas;

    PgProcessing(PgEventStore store) {
        this.store = store;
        this.checkpoints = new PgCheckpoints(store);
        this.deadLetters = new PgDeadLetters(store);
        this.readModels = new PgReadModels(store);
        this.sagas = new PgSagaStates(store);
    }

    @Override
    public <T> T inTransaction(String doing, Supplier<T> work) {
        return store.writer().inTransaction(doing, c -> work.get(), PgWriter.unknown(store, doing));
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
        if (events.isEmpty()) {
            return List.of();
        }
        if (!store.writer().inTransaction()) {
            throw new IllegalStateException("appendInTransaction needs an open processing transaction");
        }
        try {
            AppendResult result = store.appender()
                    .append(store.connection(), PgAppender.withIds(events), ExpectedVersion.ANY, store.notifyChannel());
            return result.alreadyStored() ? List.of() : result.events();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    /** A SQL failure inside the caller's transaction, for the transaction to translate or retry. */
    static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        SQLException sql() {
            return (SQLException) getCause();
        }
    }

    @Override
    public long batchEnd(long from, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a batch has at least one event");
        }
        List<Long> end = PgStreams.list(
                store.connection(),
                store.pg(),
                "reading positions",
                "SELECT coalesce((SELECT position FROM events WHERE position >= ? ORDER BY position LIMIT 1 OFFSET ?),"
                        + " (SELECT coalesce(max(position), 0) FROM events))",
                st -> {
                    st.setLong(1, from);
                    st.setLong(2, n - 1L);
                },
                rs -> rs.getLong(1));
        return end.get(0);
    }

    @Override
    public long eventsAfter(long position, Set<String> types) {
        String sql = "SELECT count(*) FROM events WHERE position > ?";
        if (!types.isEmpty()) {
            sql += " AND event_type IN (" + String.join(", ", Collections.nCopies(types.size(), "?")) + ")";
        }
        return PgStreams.list(
                        store.connection(),
                        store.pg(),
                        "counting events",
                        sql,
                        st -> {
                            st.setLong(1, position);
                            int i = 2;
                            for (String t : new TreeSet<>(types)) {
                                st.setString(i++, t);
                            }
                        },
                        rs -> rs.getLong(1))
                .get(0);
    }
}
