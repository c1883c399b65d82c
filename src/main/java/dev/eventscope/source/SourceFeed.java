package dev.eventscope.source;

import dev.eventscope.error.StoreIoException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One source read page by page in its own order, as {@code import --from} and {@code --follow}
 * read it: each page is one short read-only transaction (PostgreSQL: {@code REPEATABLE READ READ
 * ONLY}, so the page and the snapshot the gap rule reads agree), never held open between pages.
 * On PostgreSQL, stores whose order is a sequence are read with the gap rule ({@link
 * SequenceGaps}, ADR 0160); Emmett's reader applies Emmett's own transaction rule in its query.
 * Python eventsourcing needs neither: its recorder locks the table for every append, so
 * notification ids commit in order and a hole is an append that rolled back (ADR 0250).
 *
 * <p>Not thread-safe; one feed follows one source through one run or one {@code --follow}.
 */
public final class SourceFeed implements AutoCloseable {

    private final SourceDatabase db;
    private final SourceReader reader;
    private final SequenceGaps gaps;
    private boolean checked;

    private SourceFeed(SourceDatabase db, SourceReader reader, SequenceGaps gaps) {
        this.db = db;
        this.reader = reader;
        this.gaps = gaps;
    }

    /**
     * A feed of {@code db} read as {@code options} say; {@code mapping} is the mapping file of an
     * {@code sql} source (null for the other kinds).
     */
    public static SourceFeed of(SourceDatabase db, SourceOptions options, SqlMapping mapping) {
        SourceReader reader = options.kind() == SourceKind.SQL
                ? mapping.reader(options.dialect(), options.name())
                : SourceReaders.create(options);
        boolean gapRule = options.dialect() == Dialect.POSTGRES && writersInterleave(options.kind());
        return new SourceFeed(db, reader, gapRule ? new SequenceGaps(SequenceGaps.DEFAULT_GRACE) : null);
    }

    /**
     * Whether the store's writers may commit positions out of order, so that a hole can still fill:
     * not Emmett (its reader's own rule) and not eventsourcing, whose PostgreSQL recorder takes
     * {@code LOCK TABLE … IN EXCLUSIVE MODE} before each append (since 9.1), so that holes are
     * rolled-back appends (a version conflict) that never fill. Its rows keep no stored time, so
     * the gap rule would stop every run before such a hole for good.
     */
    static boolean writersInterleave(SourceKind kind) {
        return kind != SourceKind.EMMETT && kind != SourceKind.EVENTSOURCING;
    }

    public SourceKind kind() {
        return reader.kind();
    }

    /**
     * Checks that the source holds this kind's tables, before anything is read or written (once per
     * feed: a follow checks on its first pass).
     *
     * @throws dev.eventscope.error.InvalidInputException naming the tables and columns expected
     */
    public void checkLayout() {
        if (checked) {
            return;
        }
        inTransaction("checking its tables", c -> {
            reader.checkLayout(c);
            return null;
        });
        checked = true;
    }

    /**
     * Up to {@code limit} events after {@code after}; fewer means the source held no more that can
     * be trusted yet (see {@link #openGaps()}).
     */
    public List<SourceEvent> next(SourcePosition after, int limit) {
        return inTransaction("reading it", c -> {
            SequenceGaps.Snapshot snapshot = gaps == null ? null : snapshot(c);
            List<SourceEvent> page = reader.read(c, after, limit);
            return gaps == null ? page : gaps.trusted(after, page, snapshot);
        });
    }

    /** How many gaps in the source's order a read stopped before (they settle within seconds). */
    public int openGaps() {
        return gaps == null ? 0 : gaps.openGaps();
    }

    private static SequenceGaps.Snapshot snapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text,"
                        + " pg_snapshot_xmax(pg_current_snapshot())::text, clock_timestamp()")) {
            rs.next();
            return new SequenceGaps.Snapshot(
                    Long.parseLong(rs.getString(1)),
                    Long.parseLong(rs.getString(2)),
                    rs.getTimestamp(3).toInstant());
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String doing, Work<T> work) {
        Connection c = db.connection();
        try {
            if (db.dialect() == Dialect.POSTGRES) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (RuntimeException | SQLException e) {
                    c.rollback();
                    throw e;
                }
            }
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreIoException(
                    "cannot read the " + reader.kind().cliName() + " source " + db.shown() + " while " + doing + ": "
                            + firstLine(e.getMessage()),
                    "check that the source is reachable and readable; nothing was written",
                    e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Closes the source's connection. */
    @Override
    public void close() {
        db.close();
    }
}
