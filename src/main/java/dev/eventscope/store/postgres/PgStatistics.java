package dev.eventscope.store.postgres;

import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.ReadStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link ReadStatistics} as SQL aggregates over the events table, one statement per figure. The
 * storage figures are the server's sizes of the store's schema, its events table and the whole
 * database.
 */
final class PgStatistics implements ReadStatistics {

    /** The distinct event types, one seek of the (event_type, occurred_at) index each. */
    static final String DISTINCT_EVENT_TYPES = "WITH RECURSIVE t(x) AS (SELECT min(event_type) FROM events"
            + " UNION ALL SELECT (SELECT min(event_type) FROM events WHERE event_type > t.x) FROM t"
            + " WHERE t.x IS NOT NULL) SELECT x FROM t WHERE x IS NOT NULL";

    private final PgEventStore store;

    PgStatistics(PgEventStore store) {
        this.store = store;
    }

    private <T> List<T> query(String doing, String sql, PgStreams.RowMapper<T> mapper, Object... args) {
        return PgStreams.list(
                store.connection(),
                store.pg(),
                doing,
                sql,
                st -> {
                    for (int i = 0; i < args.length; i++) {
                        st.setObject(i + 1, args[i]);
                    }
                },
                mapper);
    }

    private long number(String sql, Object... args) {
        List<Long> v = query("computing statistics", sql, rs -> rs.getLong(1), args);
        return v.isEmpty() ? 0 : v.get(0);
    }

    private Instant time(String sql) {
        List<Instant> v = query("computing statistics", sql, rs -> {
            long micros = rs.getLong(1);
            return rs.wasNull() ? null : Times.fromMicros(micros);
        });
        return v.isEmpty() ? null : v.get(0);
    }

    /** The schema's tables with their indexes, the events table alone, and the database. */
    @Override
    public Storage storage() {
        List<long[]> sizes = query(
                "measuring the store",
                "SELECT (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c"
                        + " WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?)"
                        + " AND c.relkind IN ('r', 'p', 'm')),"
                        + " pg_total_relation_size('events'), pg_database_size(current_database())",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                store.pg().schema());
        long[] s = sizes.get(0);
        return new Storage(
                "url",
                store.pg().toString(),
                List.of(
                        new Storage.Figure(
                                "schemaBytes",
                                "eventscope_store_schema_bytes",
                                "Size of the store's schema on the server: its tables and indexes.",
                                s[0]),
                        new Storage.Figure(
                                "eventsBytes",
                                "eventscope_store_events_bytes",
                                "Size of the events table with its indexes.",
                                s[1]),
                        new Storage.Figure(
                                "databaseBytes",
                                "eventscope_store_database_bytes",
                                "Size of the whole database the store lives in.",
                                s[2])));
    }

    @Override
    public Totals totals() {
        long events = store.head().events();
        if (events == 0) {
            return new Totals(0, 0, 0, 0, 0, null, null, null, null);
        }
        return new Totals(
                events,
                number("SELECT count(*) FROM (SELECT DISTINCT aggregate_type, aggregate_id FROM events) s"),
                number("SELECT count(*) FROM (" + PgRows.DISTINCT_TYPES + ") s"),
                number("SELECT count(*) FROM (" + DISTINCT_EVENT_TYPES + ") s"),
                number("SELECT max(position) FROM events"),
                time("SELECT min(recorded_at) FROM events"),
                time("SELECT max(recorded_at) FROM events"),
                time("SELECT min(occurred_at) FROM events"),
                time("SELECT max(occurred_at) FROM events"));
    }

    @Override
    public long[] recordedPerBucket(Instant end, Duration bucket, int buckets) {
        long size = bucket.toNanos() / 1000;
        if (size <= 0 || buckets <= 0) {
            throw new IllegalArgumentException("a bucket of at least one microsecond, and at least one bucket");
        }
        long to = Times.toMicros(end);
        long from = to - size * buckets;
        long[] counts = new long[buckets];
        for (long[] row : query(
                "computing event rates",
                "SELECT (recorded_at - ?) / ?, count(*) FROM events WHERE recorded_at >= ? AND recorded_at < ?"
                        + " GROUP BY 1",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                from,
                size,
                from,
                to)) {
            int i = (int) row[0];
            if (i >= 0 && i < buckets) {
                counts[i] = row[1];
            }
        }
        return counts;
    }

    @Override
    public Optional<Minute> busiestMinute() {
        List<Minute> m = query(
                "finding the busiest minute",
                "SELECT recorded_at / 60000000, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1 DESC LIMIT 1",
                rs -> new Minute(Times.fromMicros(rs.getLong(1) * 60_000_000L), rs.getLong(2)));
        return m.stream().findFirst();
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
        long[] v = new long[3];
        for (long[] row : query(
                "computing the ingestion lag",
                "SELECT r, l FROM (SELECT recorded_at - occurred_at AS l, row_number() OVER (ORDER BY recorded_at"
                        + " - occurred_at) AS r FROM events WHERE recorded_at >= ?) s WHERE r IN (?, ?, ?)",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                from,
                medianRank,
                p99Rank,
                n)) {
            if (row[0] == medianRank) {
                v[0] = row[1];
            }
            if (row[0] == p99Rank) {
                v[1] = row[1];
            }
            if (row[0] == n) {
                v[2] = row[1];
            }
        }
        return new Lag(n, micros(v[0]), micros(v[1]), micros(v[2]));
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
                "SELECT event_type, count(*), sum(octet_length(payload::text)), max(octet_length(payload::text))"
                        + " FROM events GROUP BY event_type ORDER BY 2 DESC, 1",
                rs -> new TypeFigures(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    @Override
    public List<PayloadSize> largestPayloads(int limit) {
        return query(
                "finding the largest payloads",
                "SELECT position, event_type, aggregate_type, aggregate_id, octet_length(payload::text) FROM events"
                        + " ORDER BY 5 DESC, 1 LIMIT ?",
                rs -> new PayloadSize(
                        rs.getLong(1), rs.getString(2), new StreamId(rs.getString(3), rs.getString(4)), rs.getLong(5)),
                limit);
    }
}
