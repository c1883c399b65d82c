package dev.eventscope.store.postgres;

import dev.eventscope.error.ConflictException;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.AppendRules;
import dev.eventscope.store.ImportBatchResult;
import dev.eventscope.store.ImportSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An import into the PostgreSQL store (see {@link ImportSession}), written with COPY.
 *
 * <p>Atomic, for an import into an empty or small store: one transaction holds the head row from
 * the start to the commit; into an empty store the secondary indexes of {@code events} are dropped
 * first and built again just before the commit, so they are built once, and the events are copied
 * without looking anything up (a duplicate eventId, which only the import itself can bring, is
 * caught by the table's key and that batch is redone with lookups). Batched otherwise: every batch
 * is a transaction of its own that looks up the eventIds it brings.
 */
final class PgImport implements ImportSession {

    /** As for SQLite (ADR 0040): atomic when the store takes at most this many times the input's size. */
    static final double ATOMIC_MAX_STORE_BYTES_PER_INPUT_BYTE = 4.0;

    /** The secondary indexes of {@code events}: dropped during an import into an empty store. */
    static final List<String> SECONDARY_INDEXES =
            List.of("events_type_time", "events_occurred", "events_recorded", "events_correlation", "events_causation");

    /** Streams whose version is remembered; beyond this the memory starts over. */
    private static final int VERSION_CACHE_LIMIT = 200_000;

    private final PgEventStore store;
    private final boolean atomic;
    private final PgCopyRows rows = new PgCopyRows();
    private final Map<StreamId, Long> versions = new HashMap<>();
    /** Atomic: the head locked at the start, advanced by each batch. */
    private PgWriter.Head head;
    /** Atomic into an empty store: every stream starts at version 0, and nothing is stored to look up. */
    private boolean fromEmpty;

    private List<String> deferredIndexes = List.of();
    /** Batched: the head position after this session's last commit; versions hold while it is unchanged. */
    private long lastCommitted = -1;

    private boolean finished;
    private boolean wroteAny;
    private int transactions;

    private PgImport(PgEventStore store, boolean atomic) {
        this.store = store;
        this.atomic = atomic;
    }

    static PgImport batched(PgEventStore store) {
        return new PgImport(store, false);
    }

    /** Starts an import of about {@code incomingBytes}: atomic when the store is small next to it. */
    static PgImport start(PgEventStore store, long incomingBytes) {
        Connection c = store.connection();
        PgImport session = new PgImport(store, true);
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = "
                        + Math.max(1, store.options().busyTimeout().toMillis()));
            }
            PgWriter.Head h = PgWriter.lockHead(c);
            if (h.position > 0 && storeBytes(c) > incomingBytes * ATOMIC_MAX_STORE_BYTES_PER_INPUT_BYTE) {
                PgWriter.rollback(c);
                return batched(store);
            }
            session.head = h;
            session.fromEmpty = h.position == 0;
            if (session.fromEmpty) {
                session.deferredIndexes = dropSecondaryIndexes(c, store);
            }
            return session;
        } catch (SQLException e) {
            PgWriter.rollback(c);
            if (PgErrors.isTransient(e)) {
                throw new dev.eventscope.error.StoreBusyException(
                        "store " + store.pg() + " stayed locked by another writer while starting the import",
                        "retry later; another process is writing to the same store",
                        e);
            }
            throw PgErrors.translate(e, "starting the import", store.pg());
        } catch (RuntimeException e) {
            PgWriter.rollback(c);
            throw e;
        }
    }

    private static long storeBytes(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_total_relation_size('events')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Drops the secondary indexes of events; returns the statements that create them again. */
    static List<String> dropSecondaryIndexes(Connection c, PgEventStore store) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT indexname, indexdef FROM pg_indexes"
                + " WHERE schemaname = ? AND tablename = 'events' AND indexname = ANY(?) ORDER BY indexname")) {
            st.setString(1, store.pg().schema());
            st.setArray(2, c.createArrayOf("text", SECONDARY_INDEXES.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    definitions.add(rs.getString(2));
                    try (Statement drop = c.createStatement()) {
                        drop.execute("DROP INDEX " + PgSchema.quote(rs.getString(1)));
                    }
                }
            }
        }
        return definitions;
    }

    @Override
    public boolean atomic() {
        return atomic;
    }

    @Override
    public int transactions() {
        return atomic ? 1 : transactions;
    }

    @Override
    public ImportBatchResult write(List<NewEvent> events) {
        if (finished) {
            throw new IllegalStateException("the import is finished");
        }
        if (events.isEmpty()) {
            return ImportBatchResult.done(0, 0);
        }
        return atomic ? writeAtomic(events) : writeBatched(events);
    }

    private ImportBatchResult writeAtomic(List<NewEvent> events) {
        Connection c = store.connection();
        Savepoint savepoint = null;
        PgWriter.Head before = copyOf(head);
        Map<StreamId, Long> versionsBefore = new HashMap<>(versions);
        try {
            savepoint = c.setSavepoint();
            ImportBatchResult result;
            try {
                result = writeLocked(c, head, events, !fromEmpty);
            } catch (SQLException e) {
                if (!(PgErrors.isUniqueViolation(e) && "events_event_id_key".equals(PgErrors.constraint(e)))) {
                    throw e;
                }
                // an eventId the import brought twice: redo the batch, looking its ids up
                c.rollback(savepoint);
                restore(before, versionsBefore);
                result = writeLocked(c, head, events, true);
            }
            c.releaseSavepoint(savepoint);
            wroteAny |= result.imported() > 0;
            return result;
        } catch (BatchConflict conflict) {
            abandon();
            return ImportBatchResult.conflict(conflict.index, conflict.getMessage());
        } catch (SQLException e) {
            abandon();
            throw PgErrors.translate(e, "importing", store.pg());
        } catch (RuntimeException | Error e) {
            abandon();
            throw e;
        }
    }

    private void restore(PgWriter.Head before, Map<StreamId, Long> versionsBefore) {
        head = before;
        versions.clear();
        versions.putAll(versionsBefore);
    }

    private static PgWriter.Head copyOf(PgWriter.Head h) {
        PgWriter.Head copy = new PgWriter.Head();
        copy.position = h.position;
        copy.hash = h.hash;
        copy.recordedAtMicros = h.recordedAtMicros;
        copy.events = h.events;
        copy.nowMicros = h.nowMicros;
        return copy;
    }

    private ImportBatchResult writeBatched(List<NewEvent> events) {
        try {
            ImportBatchResult result = store.writer()
                    .inTransaction(
                            "importing",
                            c -> {
                                PgWriter.Head h = PgWriter.lockHead(c);
                                if (h.position != lastCommitted) {
                                    versions.clear();
                                }
                                ImportBatchResult r = writeLocked(c, h, events, true);
                                if (r.imported() > 0) {
                                    PgWriter.advanceHead(c, h, store.notifyChannel());
                                }
                                lastCommitted = h.position;
                                return r;
                            },
                            PgWriter.unknown(store, "an import batch"));
            if (result.imported() > 0) {
                transactions++;
            }
            return result;
        } catch (BatchConflict conflict) {
            versions.clear();
            return ImportBatchResult.conflict(conflict.index, conflict.getMessage());
        } catch (RuntimeException | Error e) {
            // the transaction was rolled back: versions counted in it were never stored
            versions.clear();
            lastCommitted = -1;
            throw e;
        }
    }

    /**
     * Decides and writes one batch after {@code h} (the locked head, advanced here): stored events
     * with identical content are skipped, the rest appended with their stream versions and hashes.
     *
     * @param lookUp whether eventIds may be stored already (false only into a store that was empty)
     */
    private ImportBatchResult writeLocked(Connection c, PgWriter.Head h, List<NewEvent> events, boolean lookUp)
            throws SQLException {
        for (NewEvent e : events) {
            if (e.eventId() == null) {
                throw new IllegalArgumentException("an imported event needs an eventId");
            }
        }
        Map<UUID, RecordedEvent> stored = lookUp ? PgAppender.byIds(c, PgAppender.ids(events)) : new HashMap<>();
        Set<StreamId> unknown = new HashSet<>();
        for (NewEvent e : events) {
            if (!versions.containsKey(e.stream())) {
                unknown.add(e.stream());
            }
        }
        if (!unknown.isEmpty()) {
            if (versions.size() + unknown.size() > VERSION_CACHE_LIMIT) {
                versions.clear();
                unknown.clear();
                for (NewEvent e : events) {
                    unknown.add(e.stream());
                }
            }
            if (atomic && fromEmpty) {
                for (StreamId s : unknown) {
                    versions.put(s, 0L);
                }
            } else {
                versions.putAll(PgAppender.currentVersions(c, unknown));
            }
        }
        Map<UUID, RecordedEvent> inBatch = new HashMap<>();
        List<RecordedEvent> written = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < events.size(); i++) {
            NewEvent e = events.get(i);
            RecordedEvent existing = stored.get(e.eventId());
            if (existing == null) {
                existing = inBatch.get(e.eventId());
            }
            if (existing != null) {
                List<String> diffs = e.differencesFrom(existing);
                if (!diffs.isEmpty()) {
                    throw new BatchConflict(
                            i, AppendRules.reused(existing, diffs).getMessage());
                }
                skipped++;
                continue;
            }
            long current = versions.get(e.stream());
            if (e.streamVersion() != null && e.streamVersion() != current + 1) {
                throw new BatchConflict(i, AppendRules.cannotLand(e, current));
            }
            RecordedEvent event = store.appender().next(h, e, current + 1);
            versions.put(e.stream(), current + 1);
            inBatch.put(e.eventId(), event);
            written.add(event);
        }
        try {
            rows.copy(c, written);
        } catch (SQLException e) {
            if (PgErrors.isUniqueViolation(e) && !"events_event_id_key".equals(PgErrors.constraint(e))) {
                RuntimeException mapped = PgAppender.keyViolation(e);
                if (mapped instanceof ConflictException conflict) {
                    throw new BatchConflict(0, conflict.getMessage());
                }
                throw mapped;
            }
            throw e;
        }
        return ImportBatchResult.done(written.size(), skipped);
    }

    @Override
    public void commit() {
        if (finished) {
            return;
        }
        finished = true;
        if (!atomic) {
            return;
        }
        Connection c = store.connection();
        try {
            try (Statement st = c.createStatement()) {
                for (String index : deferredIndexes) {
                    st.execute(index);
                }
            }
            if (wroteAny) {
                PgWriter.advanceHead(c, head, store.notifyChannel());
            }
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            PgWriter.rollback(c);
            if (PgErrors.isConnectionLost(e)) {
                store.connectionLost();
            }
            throw PgErrors.translate(e, "committing the import", store.pg());
        }
    }

    private void abandon() {
        finished = true;
        if (atomic) {
            PgWriter.rollback(store.connection());
        }
    }

    @Override
    public void close() {
        if (!finished) {
            abandon();
        }
    }

    /** Thrown inside a batch to roll it back and report the offending event. */
    static final class BatchConflict extends RuntimeException {
        final int index;

        BatchConflict(int index, String message) {
            super(message, null, false, false);
            this.index = index;
        }
    }
}
