package dev.eventscope.store.postgres;

import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.postgres.PgConnect;
import dev.eventscope.store.AppendResult;
import dev.eventscope.store.AppendRules;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ImportBatchResult;
import dev.eventscope.store.ImportSession;
import dev.eventscope.store.IntegrityChecks;
import dev.eventscope.store.ProcessingStore;
import dev.eventscope.store.ReadLinks;
import dev.eventscope.store.ReadLintFigures;
import dev.eventscope.store.ReadModelQuery;
import dev.eventscope.store.ReadNames;
import dev.eventscope.store.ReadStatistics;
import dev.eventscope.store.SnapshotStore;
import dev.eventscope.store.StoreHead;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.StreamCount;
import dev.eventscope.store.StreamQuery;
import dev.eventscope.store.StreamSummary;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The event store in one schema of a PostgreSQL database (DESIGN §4b).
 *
 * <p>Appends lock the one-row head {@code FOR UPDATE} in a READ COMMITTED transaction: the
 * expected-version check, positions head+1..n, the hash chain, the insert, the new head and the
 * notification all happen under that lock, so positions are dense and in commit order and a
 * follower reading {@code position > last} never skips an event. Long reads run through a cursor
 * on a connection of their own ({@link PgReaders}). Not thread-safe.
 */
public final class PgEventStore implements EventStore {

    /** A read of at most this many events is answered on the store's own connection, without a cursor. */
    private static final long SHORT_READ = 1_000;

    private final StoreLocator.Postgres pg;
    private final StoreOptions options;
    private final String channel;
    private final PgWriter writer = new PgWriter(this);
    private final PgAppender appender = new PgAppender();
    private final dev.eventscope.store.HashChain chain = new dev.eventscope.store.HashChain();
    private final PgCopyRows copyRows = new PgCopyRows();
    private final PgReaders readers;
    private Connection connection;
    private PgProcessing processing;
    private PgReadOnlyQuery query;
    private volatile PgWatch watch;

    private PgEventStore(StoreLocator.Postgres pg, StoreOptions options, Connection connection) {
        this.pg = pg;
        this.options = options;
        this.connection = connection;
        this.channel = channel(pg.schema());
        this.readers = new PgReaders(pg, this::connectToSchema);
    }

    /** Opens (and for writers, creates or upgrades) the store described by {@code options}. */
    public static PgEventStore open(StoreOptions options) {
        return open(options, PgSchema.latest());
    }

    /**
     * The store opened as an Eventscope that knew schema {@code schemaVersion} only would open it
     * (created or upgraded to that version, no further): for tests of upgrading the stores older
     * releases made.
     */
    static PgEventStore open(StoreOptions options, int schemaVersion) {
        StoreLocator.Postgres pg = PgStores.postgresOf(options.store());
        Connection c = PgConnect.open(pg.url());
        try {
            PgConnect.requireUtf8(c, pg.url());
            PgSchema.open(c, pg, options.access(), schemaVersion);
            lockTimeout(c, options, pg);
        } catch (RuntimeException e) {
            PgConnect.closeQuietly(c);
            throw e;
        }
        return new PgEventStore(pg, options, c);
    }

    /** The NOTIFY channel of a schema's appends. */
    static String channel(String schema) {
        String name = "eventscope." + schema;
        if (name.length() <= 63) {
            return name;
        }
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return "eventscope." + schema.substring(0, 30) + "." + HexFormat.of().formatHex(digest, 0, 8);
    }

    StoreLocator.Postgres pg() {
        return pg;
    }

    StoreOptions options() {
        return options;
    }

    String notifyChannel() {
        return channel;
    }

    PgWriter writer() {
        return writer;
    }

    PgAppender appender() {
        return appender;
    }

    PgReaders readers() {
        return readers;
    }

    /** A new connection to this store's schema, for readers and listeners. */
    Connection connectToSchema() {
        Connection c = PgConnect.open(pg.url());
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + PgSchema.quote(pg.schema()));
        } catch (SQLException e) {
            PgConnect.closeQuietly(c);
            throw PgErrors.translate(e, "opening the store", pg);
        }
        try {
            lockTimeout(c, options, pg);
            return c;
        } catch (RuntimeException e) {
            PgConnect.closeQuietly(c);
            throw e;
        }
    }

    /**
     * No statement of the store waits for a lock longer than the busy timeout: a reader of a store
     * that an import into it holds exclusively (it builds its indexes after the load) fails as
     * busy, as a writer does.
     */
    private static void lockTimeout(Connection c, StoreOptions options, StoreLocator.Postgres pg) {
        try (Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = " + Math.max(1, options.busyTimeout().toMillis()));
        } catch (SQLException e) {
            throw PgErrors.translate(e, "opening the store", pg);
        }
    }

    /** The store's own connection; a new one when the last was lost. */
    Connection connection() {
        if (connection == null) {
            connection = connectToSchema();
        }
        return connection;
    }

    /** Forgets a connection that failed; the next use opens another. */
    void connectionLost() {
        PgConnect.closeQuietly(connection);
        connection = null;
    }

    @Override
    public StoreLocator locator() {
        return pg;
    }

    // ---------------------------------------------------------------- writing

    @Override
    public AppendResult append(List<NewEvent> events, ExpectedVersion expected) {
        AppendRules.checkBatch(events, expected);
        List<NewEvent> withIds = PgAppender.withIds(events);
        return writer.inTransaction(
                "appending", c -> appender.append(c, withIds, expected, channel), (result, e) -> landed(withIds, e));
    }

    /**
     * After the connection was lost while committing an append: whether it landed, found by its
     * eventIds on a new connection.
     */
    AppendResult landed(List<NewEvent> events, SQLException lost) {
        Map<UUID, RecordedEvent> found;
        try {
            found = PgAppender.byIds(connection(), PgAppender.ids(events));
        } catch (RuntimeException | SQLException e) {
            connectionLost();
            throw new StoreIoException(
                    "the connection to PostgreSQL at " + pg.where() + " was lost while committing " + events.size()
                            + " events, and the server cannot be asked whether they landed",
                    "when the server is back, run the same command again: events that landed are skipped by eventId",
                    lost);
        }
        if (found.isEmpty()) {
            throw new StoreIoException(
                    "the connection to PostgreSQL at " + pg.where() + " was lost while committing; the " + events.size()
                            + " events did not land",
                    "run the command again",
                    lost);
        }
        List<RecordedEvent> stored = new ArrayList<>();
        for (NewEvent e : events) {
            RecordedEvent r = found.get(e.eventId());
            if (r == null || !e.differencesFrom(r).isEmpty()) {
                throw new StoreIoException(
                        "the connection to PostgreSQL was lost while committing, and only some of the events are"
                                + " stored as sent",
                        "run 'evs verify' and compare with the input",
                        lost);
            }
            stored.add(r);
        }
        return new AppendResult(stored, false);
    }

    @Override
    public ImportBatchResult importBatch(List<NewEvent> events) {
        try (PgImport session = PgImport.batched(this)) {
            return session.write(events);
        }
    }

    @Override
    public void appendExactly(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        writer.inTransaction(
                "copying events",
                c -> {
                    PgWriter.Head head = PgWriter.lockHead(c);
                    AppendRules.checkContinues(head.position, head.hash, events, chain);
                    copyRows.copy(c, events);
                    RecordedEvent last = events.get(events.size() - 1);
                    head.position = last.position();
                    head.hash = last.hash();
                    head.recordedAtMicros = Math.max(head.recordedAtMicros, Times.toMicros(last.recordedAt()));
                    head.events += events.size();
                    PgWriter.advanceHead(c, head, channel);
                    return null;
                },
                (result, e) -> {
                    RecordedEvent last = events.get(events.size() - 1);
                    if (byId(last.eventId())
                            .map(r -> r.hash().equals(last.hash()))
                            .orElse(false)) {
                        return null;
                    }
                    throw new StoreIoException(
                            "the connection to PostgreSQL at " + pg.where() + " was lost while committing a copy of "
                                    + events.size() + " events; they did not land",
                            "run the copy again: it resumes where the target ends",
                            e);
                });
    }

    @Override
    public ImportSession startImport(long incomingBytes) {
        return PgImport.start(this, incomingBytes);
    }

    // ---------------------------------------------------------------- reading

    @Override
    public Stream<RecordedEvent> read(EventQuery query) {
        PgRows.Sql sql = PgRows.select(query);
        if (query.limit() != null && query.limit() <= SHORT_READ) {
            return PgStreams.list(connection(), pg, "reading events", sql.text(), sql::bind, PgRows::map).stream();
        }
        return PgStreams.cursor(readers, pg, "reading events", sql.text(), sql::bind, PgRows::map);
    }

    @Override
    public Stream<RecordedEvent> scan(EventQuery query) {
        PgRows.Sql sql = PgRows.select(query);
        return PgStreams.cursor(readers, pg, "reading events", sql.text(), sql::bind, new PgRows.ScanMapper());
    }

    /**
     * Reads four columns fewer than {@link #scan} (no links, no hash), and reads them ahead of the
     * fold on a thread of their own (ADR 0240).
     */
    @Override
    public Stream<RecordedEvent> scanForFold(EventQuery query) {
        if (query.limit() != null && query.limit() <= SHORT_READ) {
            return read(query);
        }
        PgRows.Sql sql = PgRows.select(query, PgRows.FOLD_COLUMNS);
        return PgStreams.cursorAhead(readers, pg, "reading events", sql.text(), sql::bind, new PgRows.ScanMapper(true));
    }

    @Override
    public Optional<RecordedEvent> byId(UUID eventId) {
        try {
            return Optional.ofNullable(
                    PgAppender.byIds(connection(), List.of(eventId)).get(eventId));
        } catch (SQLException e) {
            throw PgErrors.translate(e, "reading an event", pg);
        }
    }

    @Override
    public Optional<RecordedEvent> byPosition(long position) {
        try (Stream<RecordedEvent> s =
                read(EventQuery.ALL.withPositions(position, position).withLimit(1L))) {
            return s.findFirst();
        }
    }

    @Override
    public long currentVersion(StreamId stream) {
        try {
            return PgAppender.currentVersions(connection(), List.of(stream)).getOrDefault(stream, 0L);
        } catch (SQLException e) {
            throw PgErrors.translate(e, "reading the stream version of " + stream, pg);
        }
    }

    @Override
    public Stream<StreamCount> streamCounts() {
        return PgStreams.cursor(
                readers,
                pg,
                "counting the events of each stream",
                "SELECT aggregate_type, aggregate_id, count(*), max(stream_version) FROM events"
                        + " GROUP BY aggregate_type, aggregate_id ORDER BY aggregate_type, aggregate_id",
                st -> {},
                rs -> new StreamCount(new StreamId(rs.getString(1), rs.getString(2)), rs.getLong(3), rs.getLong(4)));
    }

    @Override
    public Stream<StreamSummary> streams(StreamQuery query) {
        StringBuilder sql = new StringBuilder("SELECT aggregate_type, aggregate_id, count(*), max(stream_version),"
                + " min(position), max(position), min(occurred_at), max(occurred_at) FROM events WHERE true");
        List<Object> args = new ArrayList<>();
        if (query.aggregateType() != null) {
            sql.append(" AND aggregate_type = ?");
            args.add(query.aggregateType());
        }
        if (query.idPrefix() != null && !query.idPrefix().isEmpty()) {
            sql.append(" AND aggregate_id >= ?");
            args.add(query.idPrefix());
            String end = PgRows.prefixEnd(query.idPrefix());
            if (end != null) {
                sql.append(" AND aggregate_id < ?");
                args.add(end);
            }
        }
        if (query.after() != null) {
            // a row value: a range on the stream index (ids compare as bytes, COLLATE "C"), so a
            // late page costs what the first does
            sql.append(" AND (aggregate_type, aggregate_id) > (?, ?)");
            args.add(query.after().aggregateType());
            args.add(query.after().aggregateId());
        }
        sql.append(" GROUP BY aggregate_type, aggregate_id ORDER BY aggregate_type, aggregate_id");
        if (query.limit() != null) {
            sql.append(" LIMIT ?");
            args.add(query.limit());
        }
        PgRows.Sql built = new PgRows.Sql(sql.toString(), args);
        return PgStreams.cursor(
                readers,
                pg,
                "listing streams",
                built.text(),
                built::bind,
                rs -> new StreamSummary(
                        new StreamId(rs.getString(1), rs.getString(2)),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        Times.fromMicros(rs.getLong(7)),
                        Times.fromMicros(rs.getLong(8))));
    }

    @Override
    public StoreHead head() {
        List<StoreHead> heads = PgStreams.list(
                connection(),
                pg,
                "reading the head",
                "SELECT position, hash, events FROM head",
                st -> {},
                rs -> new StoreHead(rs.getLong(1), rs.getString(2), rs.getLong(3)));
        return heads.isEmpty() || heads.get(0).position() == 0 ? StoreHead.EMPTY : heads.get(0);
    }

    @Override
    public long headPosition() {
        return head().position();
    }

    @Override
    public long lastPositionRecordedBy(Instant recordTime) {
        List<Long> found = PgStreams.list(
                connection(),
                pg,
                "finding a position by record time",
                "SELECT coalesce(max(position), 0) FROM events WHERE recorded_at <= ?",
                st -> st.setLong(1, Times.toMicros(recordTime)),
                rs -> rs.getLong(1));
        return found.get(0);
    }

    @Override
    public List<String> aggregateTypesOf(String aggregateId) {
        return PgStreams.list(
                connection(),
                pg,
                "finding the types of " + aggregateId,
                "SELECT x FROM (" + PgRows.DISTINCT_TYPES + ") t WHERE EXISTS (SELECT 1 FROM events"
                        + " WHERE aggregate_type = t.x AND aggregate_id = ?) ORDER BY x",
                st -> st.setString(1, aggregateId),
                rs -> rs.getString(1));
    }

    // ---------------------------------------------------------------- capabilities

    @Override
    public ReadLinks links() {
        return new PgLinks(this);
    }

    @Override
    public SnapshotStore snapshots() {
        return new PgSnapshots(this);
    }

    @Override
    public ReadStatistics statistics() {
        return new PgStatistics(this);
    }

    @Override
    public ReadLintFigures lintFigures() {
        return new PgLintFigures(this);
    }

    @Override
    public ReadNames names() {
        return new PgNames(this);
    }

    @Override
    public IntegrityChecks integrity() {
        return new PgIntegrity(this);
    }

    @Override
    public Optional<ProcessingStore> processing() {
        if (processing == null) {
            processing = new PgProcessing(this);
        }
        return Optional.of(processing);
    }

    @Override
    public Optional<ReadModelQuery> readModelQuery() {
        if (query == null) {
            query = new PgReadOnlyQuery(this);
        }
        return Optional.of(query);
    }

    /** Woken by notifications, or polling where there are none (see {@link PgWatch}). */
    @Override
    public void awaitAppend(long position, Duration max) throws InterruptedException {
        if (watch == null) {
            watch = new PgWatch(this);
        }
        watch.await(position, max);
    }

    /** The follower's watch, once a wait has made one. */
    PgWatch watch() {
        return watch;
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        if (query != null) {
            query.close();
        }
        readers.close();
        PgConnect.closeQuietly(connection);
        connection = null;
    }
}
