package dev.eventscope.store.postgres;

import dev.eventscope.error.StoreBusyException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.store.AppendRules;
import dev.eventscope.store.ExactLoad;
import dev.eventscope.store.HashChain;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A faithful bulk copy into a PostgreSQL store ({@link ExactLoad}, ADR 0235), written as an atomic
 * import into an empty store is: one transaction that holds the head row from the start to the
 * commit, the secondary indexes of {@code events} dropped first and built once before the commit,
 * every batch one COPY. A rollback (close without commit, a lost connection) leaves the store as it
 * was, indexes included.
 */
final class PgExactLoad implements ExactLoad {

    private final PgEventStore store;
    private final Connection c;
    private final HashChain chain = new HashChain();
    private final PgCopyRows rows = new PgCopyRows();
    private final PgWriter.Head head;
    private final List<String> deferredIndexes;
    private boolean open = true;

    private PgExactLoad(PgEventStore store, PgWriter.Head head, List<String> deferredIndexes) {
        this.store = store;
        this.c = store.connection();
        this.head = head;
        this.deferredIndexes = deferredIndexes;
    }

    /** Locks the head and, when the store is empty, drops the secondary indexes until the commit. */
    static PgExactLoad start(PgEventStore store) {
        Connection c = store.connection();
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = "
                        + Math.max(1, store.options().busyTimeout().toMillis()));
            }
            PgWriter.Head head = PgWriter.lockHead(c);
            List<String> deferred = head.position == 0 ? PgImport.dropSecondaryIndexes(c, store) : List.of();
            return new PgExactLoad(store, head, deferred);
        } catch (SQLException e) {
            PgWriter.rollback(c);
            if (PgErrors.isTransient(e)) {
                throw new StoreBusyException(
                        "store " + store.pg() + " stayed locked by another writer while starting the copy",
                        "retry later; another process is writing to the same store",
                        e);
            }
            throw PgErrors.translate(e, "starting the copy", store.pg());
        } catch (RuntimeException e) {
            PgWriter.rollback(c);
            throw e;
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
            AppendRules.checkContinues(head.position, head.hash, events, chain);
            rows.copy(c, events);
        } catch (SQLException e) {
            abandon();
            throw PgErrors.translate(e, "copying events", store.pg());
        } catch (RuntimeException | Error e) {
            abandon();
            throw e;
        }
        RecordedEvent last = events.get(events.size() - 1);
        head.position = last.position();
        head.hash = last.hash();
        head.recordedAtMicros = Math.max(head.recordedAtMicros, Times.toMicros(last.recordedAt()));
        head.events += events.size();
    }

    @Override
    public void commit() {
        if (!open) {
            throw new IllegalStateException("the load is finished");
        }
        try {
            try (Statement st = c.createStatement()) {
                for (String index : deferredIndexes) {
                    st.execute(index);
                }
            }
            PgWriter.advanceHead(c, head, store.notifyChannel());
            c.commit();
            c.setAutoCommit(true);
            open = false;
        } catch (SQLException e) {
            abandon();
            if (PgErrors.isConnectionLost(e)) {
                store.connectionLost();
            }
            throw PgErrors.translate(e, "committing the copy", store.pg());
        }
    }

    private void abandon() {
        if (open) {
            open = false;
            PgWriter.rollback(c);
        }
    }

    @Override
    public void close() {
        abandon();
    }
}
