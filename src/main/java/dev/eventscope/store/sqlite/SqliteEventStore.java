package dev.eventscope.store.sqlite;

import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.AppendResult;
import dev.eventscope.store.AppendRules;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ExactLoad;
import dev.eventscope.store.ExportLines;
import dev.eventscope.store.HashChain;
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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The event store in one SQLite file (DESIGN §4).
 *
 * <p>Every write is one {@code BEGIN IMMEDIATE … COMMIT} on an autocommit connection: the
 * expected-version check, the position, the stream version, the record time and the hash link are
 * all decided inside it, so concurrent writers in other processes can never interleave. Any
 * failure rolls the whole unit back. Not thread-safe.
 */
public final class SqliteEventStore implements EventStore {

    private final Path file;
    private final Connection connection;
    private final HashChain chain = new HashChain();
    private PreparedStatement insert;
    private PreparedStatement byId;
    private PreparedStatement streamVersion;
    private SqliteLinks links;
    private SqliteProcessing processing;
    private SqliteReadOnlyQuery readOnlyQuery;
    private SqliteSnapshots snapshots;

    private SqliteEventStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (and for writers, creates or upgrades) the store described by {@code options}. */
    public static SqliteEventStore open(StoreOptions options) {
        Path file = SqliteStores.fileOf(options.store());
        return new SqliteEventStore(file, StoreFile.open(file, options));
    }

    /**
     * The store opened as an Eventscope that knew schema {@code schemaVersion} only would open it
     * (created or upgraded to that version, no further): for tests of upgrading the stores older
     * releases made.
     */
    static SqliteEventStore open(StoreOptions options, int schemaVersion) {
        Path file = SqliteStores.fileOf(options.store());
        return new SqliteEventStore(file, StoreFile.open(file, options, schemaVersion));
    }

    @Override
    public StoreLocator locator() {
        return StoreLocator.file(file);
    }

    /** The store file, for the parts of this adapter and its messages. */
    Path file() {
        return file;
    }

    /** The JDBC connection, for adapters of this package that share the store's transactions. */
    Connection connection() {
        return connection;
    }

    // ---------------------------------------------------------------- writing

    @Override
    public AppendResult append(List<NewEvent> events, ExpectedVersion expected) {
        AppendRules.checkBatch(events, expected);
        return inWriteTransaction("appending", () -> appendInTransaction(events, expected));
    }

    private AppendResult appendInTransaction(List<NewEvent> events, ExpectedVersion expected) throws SQLException {
        List<RecordedEvent> stored = new ArrayList<>();
        List<NewEvent> fresh = new ArrayList<>();
        for (NewEvent e : events) {
            RecordedEvent existing = e.eventId() == null ? null : findById(e.eventId());
            if (existing == null) {
                fresh.add(e);
                continue;
            }
            List<String> diffs = e.differencesFrom(existing);
            if (!diffs.isEmpty()) {
                throw AppendRules.reused(existing, diffs);
            }
            stored.add(existing);
        }
        if (fresh.isEmpty()) {
            return new AppendResult(stored, true);
        }
        if (!stored.isEmpty()) {
            throw AppendRules.partlyStored(stored, events.size());
        }
        StreamId stream = events.get(0).stream();
        long current = currentVersionInTransaction(stream);
        if (!expected.isSatisfiedBy(current)) {
            throw AppendRules.wrongVersion(expected, stream, current);
        }
        Tail tail = tail();
        Map<StreamId, Long> versions = new HashMap<>();
        List<RecordedEvent> written = new ArrayList<>(events.size());
        for (NewEvent e : events) {
            long version = versions.computeIfAbsent(e.stream(), this::currentVersionInTransaction) + 1;
            if (e.streamVersion() != null && e.streamVersion() != version) {
                throw AppendRules.streamVersionTaken(e, version);
            }
            versions.put(e.stream(), version);
            written.add(insert(e, tail, version));
        }
        return new AppendResult(written, false);
    }

    /**
     * Appends inside a transaction the caller has open ({@link SqliteProcessing}), exactly as
     * {@code append(events, any)} does inside its own.
     */
    List<RecordedEvent> appendWithinTransaction(List<NewEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        try {
            AppendResult result = appendInTransaction(events, ExpectedVersion.ANY);
            // stored before (same eventIds, same content): nothing was appended now
            return result.alreadyStored() ? List.of() : result.events();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "appending", file);
        }
    }

    @Override
    public ImportBatchResult importBatch(List<NewEvent> events) {
        try (SqliteImport session = SqliteImport.batched(this)) {
            return session.write(events);
        }
    }

    @Override
    public void appendExactly(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        inWriteTransaction("copying events", () -> {
            Tail tail = tail();
            AppendRules.checkContinues(tail.position, tail.hash, events, chain);
            if (insert == null) {
                insert = connection.prepareStatement(EventRows.INSERT);
            }
            for (RecordedEvent e : events) {
                EventRows.bind(insert, e);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public ImportSession startImport(long incomingBytes) {
        return SqliteImport.start(this, incomingBytes);
    }

    /** One transaction with the secondary indexes built at the end ({@link SqliteExactLoad}). */
    @Override
    public ExactLoad startExactLoad() {
        return SqliteExactLoad.start(this);
    }

    /** The end of the log inside the current write transaction; advanced as events are inserted. */
    static final class Tail {
        long position;
        String hash;
        long recordedAtMicros;
    }

    Tail tail() throws SQLException {
        Tail tail = new Tail();
        tail.hash = "";
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery("SELECT position, hash, recorded_at FROM events ORDER BY position DESC LIMIT 1")) {
                if (rs.next()) {
                    tail.position = rs.getLong(1);
                    tail.hash = rs.getString(2);
                    tail.recordedAtMicros = rs.getLong(3);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'events'")) {
                long highWater = rs.next() ? rs.getLong(1) : 0;
                if (highWater > tail.position) {
                    throw new StoreIoException(
                            "events after position " + tail.position + " are missing (positions up to " + highWater
                                    + " were assigned): the store was changed outside Eventscope",
                            "run 'evs verify' and restore the store from a backup");
                }
            }
        }
        advanceClock(tail);
        return tail;
    }

    /** The record time of the next events after {@code tail}: now, unless the clock stepped back. */
    static void advanceClock(Tail tail) {
        long now = Times.toMicros(Times.nowMicros());
        // record time never decreases with position, even if the clock steps back
        tail.recordedAtMicros = Math.max(now, tail.recordedAtMicros);
    }

    /**
     * Inserts {@code e} as the next event after {@code tail} and advances the tail. A failed insert
     * (a UNIQUE violation, say) leaves the tail where it was and the transaction usable.
     */
    RecordedEvent insert(NewEvent e, Tail tail, long version) throws SQLException {
        var recordedAt = Times.fromMicros(tail.recordedAtMicros);
        RecordedEvent unhashed = new RecordedEvent(
                tail.position + 1,
                e.eventId() != null ? e.eventId() : UUID.randomUUID(),
                e.eventType(),
                e.stream(),
                version,
                e.eventVersion(),
                e.timestamp() != null ? e.timestamp() : recordedAt,
                recordedAt,
                e.payload(),
                e.metadata(),
                e.correlationId(),
                e.causationId(),
                e.userId(),
                null);
        RecordedEvent event = unhashed.withHash(chain.hash(tail.hash, unhashed));
        if (insert == null) {
            insert = connection.prepareStatement(EventRows.INSERT);
        }
        EventRows.bind(insert, event);
        insert.executeUpdate();
        tail.position = event.position();
        tail.hash = event.hash();
        return event;
    }

    /** Thrown inside an import transaction to roll it back and report the offending event. */
    static final class BatchConflict extends RuntimeException {
        final int index;

        BatchConflict(int index, String message) {
            super(message, null, false, false);
            this.index = index;
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} inside {@code BEGIN IMMEDIATE … COMMIT}; on any failure rolls back and
     * reports, never leaving a half-done unit.
     */
    <T> T inWriteTransaction(String doing, SqlWork<T> work) {
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            throw SqlErrors.translate(e, doing, file);
        }
        try {
            T result = work.run();
            try (Statement st = connection.createStatement()) {
                st.execute("COMMIT");
            }
            return result;
        } catch (Throwable t) {
            StoreFile.rollbackQuietly(connection);
            if (t instanceof BatchConflict bc) {
                throw bc;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw SqlErrors.rethrow(t, doing, file);
        }
    }

    // ---------------------------------------------------------------- reading

    /** A read of at most this many events is not worth a thread of its own. */
    private static final long SHORT_READ = 1_000;

    @Override
    public Stream<RecordedEvent> read(EventQuery query) {
        EventRows.Sql sql = EventRows.select(query);
        return SqlStreams.stream(connection, file, "reading events", sql.text(), sql::bind, EventRows::map);
    }

    @Override
    public Stream<RecordedEvent> scan(EventQuery query) {
        if (query.limit() != null && query.limit() <= SHORT_READ) {
            return read(query);
        }
        EventRows.Sql sql = EventRows.select(query);
        return SqlStreams.streamAhead(
                connection, file, "reading events", sql.text(), sql::bind, new EventRows.ScanMapper());
    }

    /** Reads four columns fewer than {@link #scan}: no links, no hash (ADR 0240). */
    @Override
    public Stream<RecordedEvent> scanForFold(EventQuery query) {
        if (query.limit() != null && query.limit() <= SHORT_READ) {
            return read(query);
        }
        EventRows.Sql sql = EventRows.select(query, EventRows.FOLD_COLUMNS);
        return SqlStreams.streamAhead(
                connection, file, "reading events", sql.text(), sql::bind, new EventRows.ScanMapper(true));
    }

    @Override
    public Optional<RecordedEvent> byId(UUID eventId) {
        try {
            return Optional.ofNullable(findById(eventId));
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading an event", file);
        }
    }

    RecordedEvent findById(UUID eventId) throws SQLException {
        if (byId == null) {
            byId = connection.prepareStatement("SELECT " + EventRows.COLUMNS + " FROM events WHERE event_id = ?");
        }
        byId.setString(1, eventId.toString());
        try (ResultSet rs = byId.executeQuery()) {
            return rs.next() ? EventRows.map(rs) : null;
        }
    }

    @Override
    public Optional<RecordedEvent> byPosition(long position) {
        try (Stream<RecordedEvent> s = read(EventQuery.ALL.withPositions(position, position))) {
            return s.findFirst();
        }
    }

    @Override
    public long currentVersion(StreamId stream) {
        return currentVersionInTransaction(stream);
    }

    long currentVersionInTransaction(StreamId stream) {
        try {
            if (streamVersion == null) {
                streamVersion = connection.prepareStatement(
                        "SELECT max(stream_version) FROM events WHERE aggregate_type = ? AND aggregate_id = ?");
            }
            streamVersion.setString(1, stream.aggregateType());
            streamVersion.setString(2, stream.aggregateId());
            try (ResultSet rs = streamVersion.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the stream version of " + stream, file);
        }
    }

    @Override
    public Stream<StreamCount> streamCounts() {
        // the stream index covers every column here; min/max of positions and times would not be
        return SqlStreams.stream(
                connection,
                file,
                "counting the events of each stream",
                "SELECT aggregate_type, aggregate_id, count(*), max(stream_version) FROM events"
                        + " GROUP BY aggregate_type, aggregate_id ORDER BY aggregate_type, aggregate_id",
                st -> {},
                rs -> new StreamCount(new StreamId(rs.getString(1), rs.getString(2)), rs.getLong(3), rs.getLong(4)));
    }

    @Override
    public Stream<StreamSummary> streams(StreamQuery query) {
        StringBuilder sql = new StringBuilder("SELECT aggregate_type, aggregate_id, count(*), max(stream_version),"
                + " min(position), max(position), min(occurred_at), max(occurred_at) FROM events WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.aggregateType() != null) {
            sql.append(" AND aggregate_type = ?");
            args.add(query.aggregateType());
        }
        if (query.idPrefix() != null && !query.idPrefix().isEmpty()) {
            // a range on the indexed column rather than LIKE, which would not use the index
            sql.append(" AND aggregate_id >= ?");
            args.add(query.idPrefix());
            String end = EventRows.prefixEnd(query.idPrefix());
            if (end != null) {
                sql.append(" AND aggregate_id < ?");
                args.add(end);
            }
        }
        if (query.after() != null) {
            // a row value: SQLite turns it into a range on the stream index, so a late page costs
            // what the first one does
            sql.append(" AND (aggregate_type, aggregate_id) > (?, ?)");
            args.add(query.after().aggregateType());
            args.add(query.after().aggregateId());
        }
        sql.append(" GROUP BY aggregate_type, aggregate_id ORDER BY aggregate_type, aggregate_id");
        if (query.limit() != null) {
            sql.append(" LIMIT ?");
            args.add(query.limit());
        }
        EventRows.Sql built = new EventRows.Sql(sql.toString(), args);
        return SqlStreams.stream(
                connection,
                file,
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
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT position, hash, (SELECT count(*) FROM events) FROM events"
                        + " ORDER BY position DESC LIMIT 1")) {
            return rs.next() ? new StoreHead(rs.getLong(1), rs.getString(2), rs.getLong(3)) : StoreHead.EMPTY;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the head", file);
        }
    }

    @Override
    public ReadLinks links() {
        if (links == null) {
            links = new SqliteLinks(connection, file);
        }
        return links;
    }

    @Override
    public long headPosition() {
        return Lookups.headPosition(connection, file);
    }

    @Override
    public ReadStatistics statistics() {
        return new SqliteStatistics(connection, file);
    }

    @Override
    public Optional<ExportLines> exportLines() {
        return Optional.of(new SqliteExportLines(connection, file, this));
    }

    @Override
    public ReadLintFigures lintFigures() {
        return new SqliteLintFigures(connection, file);
    }

    @Override
    public ReadNames names() {
        return new SqliteNames(connection, file);
    }

    @Override
    public long lastPositionRecordedBy(Instant recordTime) {
        return Lookups.lastPositionRecordedBy(connection, file, recordTime);
    }

    @Override
    public List<String> aggregateTypesOf(String aggregateId) {
        return Lookups.aggregateTypesOf(connection, file, aggregateId);
    }

    @Override
    public Optional<ProcessingStore> processing() {
        if (processing == null) {
            processing = new SqliteProcessing(this, connection, file);
        }
        return Optional.of(processing);
    }

    @Override
    public Optional<ReadModelQuery> readModelQuery() {
        if (readOnlyQuery == null) {
            readOnlyQuery = new SqliteReadOnlyQuery(file);
        }
        return Optional.of(readOnlyQuery);
    }

    @Override
    public SnapshotStore snapshots() {
        if (snapshots == null) {
            snapshots = new SqliteSnapshots(this);
        }
        return snapshots;
    }

    @Override
    public IntegrityChecks integrity() {
        return new SqliteIntegrity(connection, file);
    }

    /** SQLite tells no one of appends: the follower polls, waiting the whole time. */
    @Override
    public void awaitAppend(long position, java.time.Duration max) throws InterruptedException {
        if (headPosition() > position) {
            return;
        }
        Thread.sleep(Math.max(1, max.toMillis()));
    }

    @Override
    public void close() {
        if (links != null) {
            links.close();
        }
        if (processing != null) {
            processing.close();
        }
        if (readOnlyQuery != null) {
            readOnlyQuery.close();
        }
        for (PreparedStatement st : new PreparedStatement[] {insert, byId, streamVersion}) {
            if (st != null) {
                try {
                    st.close();
                } catch (SQLException ignored) {
                    // closing; nothing to recover
                }
            }
        }
        StoreFile.closeQuietly(connection);
    }
}
