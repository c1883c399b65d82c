package dev.eventscope.store.sqlite;

import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.ReadStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ReadStatistics} as SQL aggregates over the events table. Each figure is one statement,
 * closed before the method returns. Min and max of an indexed column are asked alone so SQLite
 * answers them from the index; counts scan the smallest index.
 */
final class SqliteStatistics implements ReadStatistics {

    private final Connection connection;
    private final Path file;

    SqliteStatistics(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String doing, String sql, Rows<T> rows, Object... args) {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rows.read(rs);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, doing, file);
        }
    }

    private long number(String sql, Object... args) {
        return query("computing statistics", sql, rs -> rs.next() ? rs.getLong(1) : 0, args);
    }

    private Instant time(String sql) {
        return query("computing statistics", sql, rs -> {
            if (!rs.next()) {
                return null;
            }
            long micros = rs.getLong(1);
            return rs.wasNull() ? null : Times.fromMicros(micros);
        });
    }

    /**
     * The store file and its write-ahead log. The WAL grows with writes until a checkpoint folds it
     * back into the file; a WAL that keeps growing means something holds a read open.
     */
    @Override
    public Storage storage() {
        long fileBytes = size(file);
        long walBytes = size(file.resolveSibling(file.getFileName() + "-wal"));
        return new Storage(
                "path",
                file.toString(),
                List.of(
                        new Storage.Figure(
                                "fileBytes", "eventscope_store_file_bytes", "Size of the store file.", fileBytes),
                        new Storage.Figure(
                                "walBytes",
                                "eventscope_store_wal_bytes",
                                "Size of the store's write-ahead log (0 when absent).",
                                walBytes)));
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            // the WAL can vanish between the check and the size when the last connection closes
            return 0;
        }
    }

    @Override
    public Totals totals() {
        long events = number("SELECT count(*) FROM events");
        if (events == 0) {
            return new Totals(0, 0, 0, 0, 0, null, null, null, null);
        }
        return new Totals(
                events,
                number("SELECT count(*) FROM (SELECT DISTINCT aggregate_type, aggregate_id FROM events)"),
                number("SELECT count(*) FROM (" + EventRows.DISTINCT_TYPES + ")"),
                number("SELECT count(*) FROM (" + DISTINCT_EVENT_TYPES + ")"),
                number("SELECT max(position) FROM events"),
                time("SELECT min(recorded_at) FROM events"),
                time("SELECT max(recorded_at) FROM events"),
                time("SELECT min(occurred_at) FROM events"),
                time("SELECT max(occurred_at) FROM events"));
    }

    /** The distinct event types, one seek of the (event_type, occurred_at) index each. */
    static final String DISTINCT_EVENT_TYPES = "WITH RECURSIVE t(x) AS (SELECT min(event_type) FROM events"
            + " UNION ALL SELECT (SELECT min(event_type) FROM events WHERE event_type > t.x) FROM t"
            + " WHERE t.x IS NOT NULL) SELECT x FROM t WHERE x IS NOT NULL";

    @Override
    public long[] recordedPerBucket(Instant end, Duration bucket, int buckets) {
        long size = bucket.toNanos() / 1000;
        if (size <= 0 || buckets <= 0) {
            throw new IllegalArgumentException("a bucket of at least one microsecond, and at least one bucket");
        }
        long to = Times.toMicros(end);
        long from = to - size * buckets;
        long[] counts = new long[buckets];
        return query(
                "computing event rates",
                "SELECT (recorded_at - ?) / ?, count(*) FROM events WHERE recorded_at >= ? AND recorded_at < ?"
                        + " GROUP BY 1",
                rs -> {
                    while (rs.next()) {
                        int i = (int) rs.getLong(1);
                        if (i >= 0 && i < buckets) {
                            counts[i] = rs.getLong(2);
                        }
                    }
                    return counts;
                },
                from,
                size,
                from,
                to);
    }

    @Override
    public Optional<Minute> busiestMinute() {
        return query(
                "finding the busiest minute",
                "SELECT recorded_at / 60000000, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1 DESC LIMIT 1",
                rs -> rs.next()
                        ? Optional.of(new Minute(Times.fromMicros(rs.getLong(1) * 60_000_000L), rs.getLong(2)))
                        : Optional.empty());
    }

    @Override
    public Lag lag(Instant since) {
        long from = since == null ? Long.MIN_VALUE : Times.toMicros(since);
        long n = number("SELECT count(*) FROM events WHERE recorded_at >= ?", from);
        if (n == 0) {
            return new Lag(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
        long medianRank = rank(n, 0.5);
        long p99Rank = rank(n, 0.99);
        // one sort of the lags; nearest-rank percentiles picked by row number
        long[] picked = query(
                "computing the ingestion lag",
                "SELECT r, l FROM (SELECT recorded_at - occurred_at AS l, row_number() OVER (ORDER BY recorded_at"
                        + " - occurred_at) AS r FROM events WHERE recorded_at >= ?) WHERE r IN (?, ?, ?)",
                rs -> {
                    long[] v = new long[3];
                    while (rs.next()) {
                        long r = rs.getLong(1);
                        long l = rs.getLong(2);
                        if (r == medianRank) {
                            v[0] = l;
                        }
                        if (r == p99Rank) {
                            v[1] = l;
                        }
                        if (r == n) {
                            v[2] = l;
                        }
                    }
                    return v;
                },
                from,
                medianRank,
                p99Rank,
                n);
        return new Lag(n, micros(picked[0]), micros(picked[1]), micros(picked[2]));
    }

    /** The nearest rank of percentile {@code p} among {@code n} values (1-based). */
    static long rank(long n, double p) {
        return Math.max(1, Math.min(n, (long) Math.ceil(p * n)));
    }

    private static Duration micros(long micros) {
        return Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    @Override
    public List<TypeFigures> eventTypes() {
        return query(
                "computing event type figures",
                "SELECT event_type, count(*), sum(octet_length(payload)), max(octet_length(payload)) FROM events"
                        + " GROUP BY event_type ORDER BY 2 DESC, 1",
                rs -> {
                    List<TypeFigures> list = new ArrayList<>();
                    while (rs.next()) {
                        list.add(new TypeFigures(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                    return list;
                });
    }

    @Override
    public List<PayloadSize> largestPayloads(int limit) {
        return query(
                "finding the largest payloads",
                "SELECT position, event_type, aggregate_type, aggregate_id, octet_length(payload) FROM events"
                        + " ORDER BY 5 DESC, 1 LIMIT ?",
                rs -> {
                    List<PayloadSize> list = new ArrayList<>();
                    while (rs.next()) {
                        list.add(new PayloadSize(
                                rs.getLong(1),
                                rs.getString(2),
                                new StreamId(rs.getString(3), rs.getString(4)),
                                rs.getLong(5)));
                    }
                    return list;
                },
                limit);
    }
}
