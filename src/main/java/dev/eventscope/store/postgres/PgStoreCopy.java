package dev.eventscope.store.postgres;

import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.postgres.PgConnect;
import dev.eventscope.store.HashChain;
import dev.eventscope.store.StoreCopy;
import dev.eventscope.store.StoreHead;
import dev.eventscope.store.StoreLocator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A new store in a PostgreSQL schema written as a copy ({@link StoreCopy}): one transaction from
 * creating the schema to {@link #finish()}, so nothing of it is visible to anyone before it
 * finishes, and an interrupted copy leaves no schema behind. Events go in with COPY, the
 * secondary indexes are built once at the end.
 */
final class PgStoreCopy implements StoreCopy {

    private static final int BATCH = 5_000;

    private final StoreLocator.Postgres pg;
    private final Connection c;
    private final HashChain chain = new HashChain();
    private final PgCopyRows rows = new PgCopyRows();
    private final List<RecordedEvent> pending = new ArrayList<>();
    private final PreparedStatement map;
    private final List<String> deferredIndexes;
    private long position;
    private String hash = "";
    private long count;
    private long recordedAt;
    private int mapped;
    private boolean finished;

    private PgStoreCopy(StoreLocator.Postgres pg, Connection c, List<String> deferredIndexes) throws SQLException {
        this.pg = pg;
        this.c = c;
        this.deferredIndexes = deferredIndexes;
        this.map = c.prepareStatement(
                "INSERT INTO migration_positions (old_position, part, new_position) VALUES (?, ?, ?)");
    }

    static PgStoreCopy create(StoreLocator.Postgres pg) {
        Connection c = PgConnect.open(pg.url());
        try {
            PgConnect.requireUtf8(c, pg.url());
            c.setAutoCommit(false);
            if (PgSchema.version(c, pg) > 0) {
                throw new StoreIoException(
                        "store " + pg + " exists already; a copy is written into a new schema",
                        "pass another ?schema= in the target URL");
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + PgSchema.quote(pg.schema()));
                st.execute("SET LOCAL search_path TO " + PgSchema.quote(pg.schema()));
            }
            PgSchema.apply(c, 0);
            PgSchema.setInfo(c, "application", PgSchema.APPLICATION);
            PgSchema.setInfo(c, "store_id", UUID.randomUUID().toString());
            PgSchema.setInfo(c, "created_at", Times.format(Times.nowMicros()));
            PgSchema.setInfo(c, "created_by", "eventscope " + PgSchema.version());
            PgSchema.setInfo(c, "hash_chain", HashChain.PREFIX);
            List<String> deferred = new ArrayList<>();
            for (String index : PgImport.SECONDARY_INDEXES) {
                deferred.add(indexDefinition(c, pg, index));
                try (Statement st = c.createStatement()) {
                    st.execute("DROP INDEX " + PgSchema.quote(index));
                }
            }
            return new PgStoreCopy(pg, c, deferred);
        } catch (SQLException e) {
            PgSchema.rollbackQuietly(c);
            PgConnect.closeQuietly(c);
            throw PgErrors.translate(e, "creating the store", pg);
        } catch (RuntimeException e) {
            PgSchema.rollbackQuietly(c);
            PgConnect.closeQuietly(c);
            throw e;
        }
    }

    private static String indexDefinition(Connection c, StoreLocator.Postgres pg, String index) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND indexname = ?")) {
            st.setString(1, pg.schema());
            st.setString(2, index);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
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
        pending.add(stored);
        try {
            map.setLong(1, sourcePosition);
            map.setInt(2, part);
            map.setLong(3, stored.position());
            map.addBatch();
            mapped++;
            if (pending.size() >= BATCH) {
                flush();
            }
        } catch (SQLException e) {
            throw PgErrors.translate(e, "copying the event at position " + sourcePosition, pg);
        }
        position = stored.position();
        hash = stored.hash();
        recordedAt = Math.max(recordedAt, Times.toMicros(stored.recordedAt()));
        count++;
        return stored;
    }

    @Override
    public void dropped(long sourcePosition) {
        try {
            map.setLong(1, sourcePosition);
            map.setInt(2, 0);
            map.setNull(3, Types.BIGINT);
            map.addBatch();
            mapped++;
        } catch (SQLException e) {
            throw PgErrors.translate(e, "recording the dropped event at position " + sourcePosition, pg);
        }
    }

    private void flush() throws SQLException {
        rows.copy(c, pending);
        pending.clear();
        if (mapped > 0) {
            map.executeBatch();
            mapped = 0;
        }
    }

    @Override
    public void info(String key, String value) {
        try {
            PgSchema.setInfo(c, key, value);
        } catch (SQLException e) {
            throw PgErrors.translate(e, "writing the store info", pg);
        }
    }

    @Override
    public StoreHead head() {
        return new StoreHead(position, hash, count);
    }

    @Override
    public void finish() {
        try {
            flush();
            try (Statement st = c.createStatement()) {
                for (String index : deferredIndexes) {
                    st.execute(index);
                }
            }
            try (PreparedStatement st =
                    c.prepareStatement("UPDATE head SET position = ?, hash = ?, recorded_at = ?, events = ?")) {
                st.setLong(1, position);
                st.setString(2, hash);
                st.setLong(3, recordedAt);
                st.setLong(4, count);
                st.executeUpdate();
            }
            c.commit();
            finished = true;
        } catch (SQLException e) {
            PgSchema.rollbackQuietly(c);
            throw PgErrors.translate(e, "finishing the copy", pg);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (!finished) {
            PgSchema.rollbackQuietly(c);
        }
        try {
            map.close();
        } catch (SQLException ignored) {
            // closing; the connection goes next
        }
        PgConnect.closeQuietly(c);
    }
}
